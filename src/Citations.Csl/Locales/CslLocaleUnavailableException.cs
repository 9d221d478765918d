using Citations.Diagnostics;

namespace Citations.Csl.Locales;

/// <summary>
/// A locale that may exist could not be had: it is not cached and downloads are off, a download failed after every
/// retry, or the server sent something that is not a CSL locale (too large, malformed, another language). A locale that
/// does not exist is not an exception: <see cref="CslLocaleProvider.Find"/> returns <see langword="null"/>.
/// </summary>
/// <remarks>A processor that meets this falls back as CSL prescribes (primary dialect, then en-US) and reports the
/// message as an error diagnostic (<see cref="CslDiagnosticCodes.LocaleUnavailable"/>). A custom provider may throw it
/// for the same effect.</remarks>
public sealed class CslLocaleUnavailableException : CitationsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="language">The language tag asked for.</param>
    /// <param name="message">What went wrong and how to provide the locale.</param>
    /// <param name="location">Where: the address or cache file (with line and column for a malformed file).</param>
    /// <param name="innerException">The cause, if any.</param>
    public CslLocaleUnavailableException(string language, string message, SourceLocation location, Exception? innerException = null)
        : base(message, innerException)
    {
        Language = language;
        Location = location;
    }

    /// <summary>The language tag asked for, such as <c>de-AT</c>.</summary>
    public string Language { get; }

    /// <summary>Where: the address or cache file, with line and column for a malformed file.</summary>
    public SourceLocation Location { get; }
}
