namespace Citations.Csl;

/// <summary>
/// The codes of the diagnostics the CSL processor reports (<c>CSL0xxx</c>). Locales: <c>CSL02xx</c>.
/// </summary>
public static class CslDiagnosticCodes
{
    /// <summary>No locale exists for the language a style or caller asked for (nor for its primary dialect, when that is
    /// what is missing); the processor renders with the next locale in CSL's fallback order (primary dialect, then en-US)
    /// and says which. A warning: the output is complete, but in another language or variety.</summary>
    public const string LocaleNotFound = "CSL0200";

    /// <summary>A locale that may exist could not be had (not cached while offline, a download that failed, a response
    /// that is not a CSL locale); the processor falls back as for <see cref="LocaleNotFound"/>. An error: the output is not
    /// in the language asked for, and providing the locale would change it.</summary>
    public const string LocaleUnavailable = "CSL0201";
}
