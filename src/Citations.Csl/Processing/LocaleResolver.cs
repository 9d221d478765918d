using Citations.Csl.Locales;
using Citations.Csl.Styles;

namespace Citations.Csl.Processing;

/// <summary>Merges a style's inline locales and locale files in the order CSL 1.0.2 prescribes.</summary>
internal static class LocaleResolver
{
    public static Locale Resolve(CslStyle style, string language, CslLocaleProvider provider)
    {
        var baseLanguage = language.Split('-')[0];
        var layers = new List<CslLocale>();
        layers.AddRange(style.InlineLocales.Where(l => string.Equals(l.Language, language, StringComparison.OrdinalIgnoreCase)));
        if (!string.Equals(baseLanguage, language, StringComparison.OrdinalIgnoreCase))
        {
            layers.AddRange(style.InlineLocales.Where(l => string.Equals(l.Language, baseLanguage, StringComparison.OrdinalIgnoreCase)));
        }

        layers.AddRange(style.InlineLocales.Where(l => l.Language is null));
        var primary = provider.PrimaryDialect(baseLanguage);
        var file = provider.Find(language);
        if (file is not null)
        {
            layers.Add(file);
        }

        if (primary is not null && !string.Equals(primary, language, StringComparison.OrdinalIgnoreCase) && provider.Find(primary) is { } primaryFile)
        {
            layers.Add(primaryFile);
        }

        if (!string.Equals(language, "en-US", StringComparison.OrdinalIgnoreCase) && !string.Equals(primary, "en-US", StringComparison.OrdinalIgnoreCase))
        {
            if (provider.Find("en-US") is { } english)
            {
                layers.Add(english);
            }
        }

        if (layers.Count == 0 || layers.All(l => l.Language is null))
        {
            if (CslLocaleProvider.Embedded.Find("en-US") is { } fallback)
            {
                layers.Add(fallback);
            }
        }

        var chosen = file?.Language ?? (primary is not null && provider.Find(primary) is not null ? primary : language);
        return new Locale(chosen, layers);
    }
}
