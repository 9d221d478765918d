using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Citations.Csl.Locales;

/// <summary>Language tags as CSL locale files name them (<c>de-AT</c>, <c>sr-Latn-RS</c>, <c>eu</c>), and the primary
/// dialect of each language.</summary>
internal static class LocaleTags
{
    /// <summary>
    /// The primary dialect of each language that has an official CSL locale, as the locales repository's
    /// <c>locales.json</c> names them. Kept in code rather than downloaded: it is needed offline and before any download,
    /// it changes about once a year, and a test compares it with the shared <c>locales.json</c> so drift is caught. A
    /// directory of locales that has a <c>locales.json</c> uses its own table.
    /// </summary>
    public static FrozenDictionary<string, string> PrimaryDialects { get; } = new Dictionary<string, string>
    {
        ["af"] = "af-ZA", ["ar"] = "ar", ["bal"] = "bal-PK", ["bg"] = "bg-BG", ["brh"] = "brh-PK", ["ca"] = "ca-AD",
        ["cs"] = "cs-CZ", ["cy"] = "cy-GB", ["da"] = "da-DK", ["de"] = "de-DE", ["el"] = "el-GR", ["en"] = "en-US",
        ["es"] = "es-ES", ["et"] = "et-EE", ["eu"] = "eu", ["fa"] = "fa-IR", ["fi"] = "fi-FI", ["fr"] = "fr-FR",
        ["gl"] = "gl-ES", ["he"] = "he-IL", ["hi"] = "hi-IN", ["hr"] = "hr-HR", ["hu"] = "hu-HU", ["hy"] = "hy-AM",
        ["id"] = "id-ID", ["is"] = "is-IS", ["it"] = "it-IT", ["ja"] = "ja-JP", ["km"] = "km-KH", ["ko"] = "ko-KR",
        ["la"] = "la", ["lij"] = "lij-IT", ["lt"] = "lt-LT", ["lv"] = "lv-LV", ["mn"] = "mn-MN", ["ms"] = "ms-MY",
        ["nb"] = "nb-NO", ["nl"] = "nl-NL", ["nn"] = "nn-NO", ["pa"] = "pa-PK", ["pl"] = "pl-PL", ["pt"] = "pt-PT",
        ["ro"] = "ro-RO", ["ru"] = "ru-RU", ["sk"] = "sk-SK", ["sl"] = "sl-SI", ["sr"] = "sr-Latn-RS", ["sv"] = "sv-SE",
        ["th"] = "th-TH", ["tr"] = "tr-TR", ["uk"] = "uk-UA", ["vi"] = "vi-VN", ["zh"] = "zh-CN",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Checks a tag and spells it as locale files do: the language in lower case, a four-letter script in title case, a
    /// two-letter region in upper case (<c>SR-latn-rs</c> → <c>sr-Latn-RS</c>). Anything else (a path, a URL, spaces)
    /// is refused, so that a tag can never leave the locale folder or the server's locale directory.
    /// </summary>
    public static bool TryNormalize(string tag, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        if (tag.Length is 0 or > 35)
        {
            return false;
        }

        var parts = tag.Split('-');
        if (parts[0].Length is < 2 or > 3 || !parts[0].All(char.IsAsciiLetter))
        {
            return false;
        }

        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length is 0 or > 8 || !part.All(char.IsAsciiLetterOrDigit))
            {
                return false;
            }

            parts[i] = i == 0 ? part.ToLowerInvariant()
                : part.Length == 4 && part.All(char.IsAsciiLetter) ? char.ToUpperInvariant(part[0]) + part[1..].ToLowerInvariant()
                : part.Length == 2 ? part.ToUpperInvariant()
                : part.ToLowerInvariant();
        }

        normalized = string.Join('-', parts);
        return true;
    }

    /// <summary>The language part of a tag (<c>de-AT</c> → <c>de</c>).</summary>
    public static string LanguageOf(string tag) => tag.Split('-')[0];

    /// <summary>Whether a tag is a bare language (<c>de</c>, not <c>de-AT</c>).</summary>
    public static bool IsBareLanguage(string tag) => !tag.Contains('-', StringComparison.Ordinal);
}
