using Citations.Csl.Locales;
using Citations.Csl.Styles;
using Citations.Diagnostics;

namespace Citations.Csl.Processing;

/// <summary>
/// Merges a style's inline locales and locale files in the order CSL 1.0.2 prescribes (the language, its primary
/// dialect, en-US), and says so when the language asked for is not the one rendered.
/// </summary>
internal static class LocaleResolver
{
    private const string English = "en-US";

    /// <summary>Resolves with the provider's <see cref="CslLocaleProvider.Find"/> (which may block on a download).</summary>
    public static Locale Resolve(CslStyle style, string language, CslLocaleProvider provider, List<Diagnostic> diagnostics)
    {
        var chain = Chain(language, provider);
        var found = new Lookup[chain.Count];
        for (var i = 0; i < chain.Count; i++)
        {
            try
            {
                found[i] = new Lookup(chain[i], provider.Find(chain[i]), null);
            }
            catch (CslLocaleUnavailableException e)
            {
                found[i] = new Lookup(chain[i], null, e);
            }
        }

        return Build(style, language, found, provider, diagnostics);
    }

    /// <summary>Resolves with the provider's <see cref="CslLocaleProvider.FindAsync"/>.</summary>
    public static async ValueTask<Locale> ResolveAsync(CslStyle style, string language, CslLocaleProvider provider, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var chain = Chain(language, provider);
        var found = new Lookup[chain.Count];
        for (var i = 0; i < chain.Count; i++)
        {
            try
            {
                found[i] = new Lookup(chain[i], await provider.FindAsync(chain[i], cancellationToken).ConfigureAwait(false), null);
            }
            catch (CslLocaleUnavailableException e)
            {
                found[i] = new Lookup(chain[i], null, e);
            }
        }

        return Build(style, language, found, provider, diagnostics);
    }

    /// <summary>The tags to ask the provider for, highest priority first: the language (unless it is a bare language
    /// with a primary dialect, which is asked for instead), its primary dialect, en-US; each once.</summary>
    private static List<string> Chain(string language, CslLocaleProvider provider)
    {
        var primary = provider.PrimaryDialect(LocaleTags.LanguageOf(language));
        var chain = new List<string>(3);
        if (!(LocaleTags.IsBareLanguage(language) && primary is not null))
        {
            chain.Add(language);
        }

        foreach (var tag in new[] { primary, English })
        {
            if (tag is not null && !chain.Contains(tag, StringComparer.OrdinalIgnoreCase))
            {
                chain.Add(tag);
            }
        }

        return chain;
    }

    private static Locale Build(CslStyle style, string language, Lookup[] found, CslLocaleProvider provider, List<Diagnostic> diagnostics)
    {
        var baseLanguage = LocaleTags.LanguageOf(language);
        var layers = new List<CslLocale>();
        layers.AddRange(style.InlineLocales.Where(l => string.Equals(l.Language, language, StringComparison.OrdinalIgnoreCase)));
        if (!string.Equals(baseLanguage, language, StringComparison.OrdinalIgnoreCase))
        {
            layers.AddRange(style.InlineLocales.Where(l => string.Equals(l.Language, baseLanguage, StringComparison.OrdinalIgnoreCase)));
        }

        layers.AddRange(style.InlineLocales.Where(l => l.Language is null));
        layers.AddRange(found.Select(f => f.Locale).OfType<CslLocale>());

        // en-US is the last layer whatever the provider has: the embedded one agrees with the official file, so a
        // provider without it (or one that cannot download it now) changes nothing, and is not worth a diagnostic.
        if (!found.Any(f => f.Locale is not null && IsEnglish(f.Tag)))
        {
            layers.Add(CslLocaleProvider.Embedded.Find(English)!);
        }

        // The locale rendered with: the language's or its primary dialect's; en-US only as the final fallback, and then
        // the processor keeps the language asked for as its name.
        var candidates = found.Where(f => !IsEnglish(f.Tag) || IsEnglish(language) || IsEnglish(provider.PrimaryDialect(baseLanguage)));
        var used = candidates.FirstOrDefault(f => f.Locale is not null);
        var renderedWith = used.Locale is null ? English : used.Tag;
        // A language that came from the style's default-locale is reported against the style file.
        var where = string.Equals(style.DefaultLocale, language, StringComparison.OrdinalIgnoreCase) ? new SourceLocation(style.Source, null, 0, 0) : SourceLocation.Unknown;
        Report(language, found, renderedWith, provider, where, diagnostics);
        return new Locale(used.Locale?.Language ?? used.Tag ?? language, layers);
    }

    /// <summary>Reports locales that could not be had (errors) and, when the language asked for is missing, which locale
    /// is used instead (a warning). en-US is never reported: the embedded one stands in for it.</summary>
    private static void Report(string language, Lookup[] found, string renderedWith, CslLocaleProvider provider, SourceLocation where, List<Diagnostic> diagnostics)
    {
        var failed = false;
        foreach (var lookup in found)
        {
            if (lookup.Failure is { } failure && !IsEnglish(lookup.Tag))
            {
                failed = true;
                diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, CslDiagnosticCodes.LocaleUnavailable, $"{failure.Message} Rendered with the {renderedWith} locale instead.", failure.Location));
            }
        }

        var asked = found[0];
        if (!failed && asked.Locale is null && !string.Equals(asked.Tag, renderedWith, StringComparison.OrdinalIgnoreCase))
        {
            diagnostics.Add(new Diagnostic(
                DiagnosticSeverity.Warning,
                CslDiagnosticCodes.LocaleNotFound,
                $"No locale for {language} in {provider.Description}; rendered with the {renderedWith} locale instead.",
                where));
        }
    }

    private static bool IsEnglish(string? tag) => string.Equals(tag, English, StringComparison.OrdinalIgnoreCase);

    /// <summary>What the provider answered for one tag: a locale, nothing, or a failure.</summary>
    private readonly record struct Lookup(string Tag, CslLocale? Locale, CslLocaleUnavailableException? Failure);
}
