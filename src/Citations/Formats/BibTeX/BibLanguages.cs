using System.Collections.Frozen;

namespace Citations.Formats.BibTeX;

/// <summary>Babel and polyglossia language names (BibLaTeX's <c>langid</c>, <c>hyphenation</c>) as IETF language tags (CSL's <c>language</c>).</summary>
internal static class BibLanguages
{
    // In order of preference: the first name of a tag is the one written back.
    private static readonly (string Name, string Tag)[] Pairs =
    [
        ("english", "en-US"), ("american", "en-US"), ("usenglish", "en-US"), ("british", "en-GB"),
        ("ukenglish", "en-GB"), ("canadian", "en-CA"), ("australian", "en-AU"), ("newzealand", "en-NZ"),
        ("german", "de-DE"), ("ngerman", "de-DE"), ("austrian", "de-AT"), ("naustrian", "de-AT"),
        ("swissgerman", "de-CH"), ("nswissgerman", "de-CH"), ("french", "fr-FR"), ("francais", "fr-FR"),
        ("canadien", "fr-CA"), ("acadian", "fr-CA"), ("italian", "it-IT"), ("spanish", "es-ES"),
        ("portuguese", "pt-PT"), ("portuges", "pt-PT"), ("brazil", "pt-BR"), ("brazilian", "pt-BR"),
        ("dutch", "nl-NL"), ("swedish", "sv-SE"), ("norsk", "nb-NO"), ("norwegian", "nb-NO"), ("nynorsk", "nn-NO"),
        ("danish", "da-DK"), ("finnish", "fi-FI"), ("polish", "pl-PL"), ("czech", "cs-CZ"), ("slovak", "sk-SK"),
        ("russian", "ru-RU"), ("ukrainian", "uk-UA"), ("greek", "el-GR"), ("latin", "la"), ("catalan", "ca-AD"),
        ("hungarian", "hu-HU"), ("magyar", "hu-HU"), ("turkish", "tr-TR"), ("japanese", "ja-JP"),
        ("chinese", "zh-CN"), ("korean", "ko-KR"), ("hebrew", "he-IL"), ("arabic", "ar"), ("croatian", "hr-HR"),
        ("slovene", "sl-SI"), ("slovenian", "sl-SI"), ("serbian", "sr-RS"), ("romanian", "ro-RO"),
        ("bulgarian", "bg-BG"), ("estonian", "et-EE"), ("latvian", "lv-LV"), ("lithuanian", "lt-LT"),
        ("icelandic", "is-IS"), ("irish", "ga-IE"), ("welsh", "cy-GB"), ("basque", "eu-ES"), ("galician", "gl-ES"),
        ("vietnamese", "vi-VN"), ("thai", "th-TH"), ("indonesian", "id-ID"), ("afrikaans", "af-ZA"),
        ("albanian", "sq-AL"), ("armenian", "hy-AM"), ("persian", "fa-IR"), ("farsi", "fa-IR"), ("hindi", "hi-IN"),
        ("mongolian", "mn-MN"), ("khmer", "km-KH"), ("esperanto", "eo"),
    ];

    private static readonly FrozenDictionary<string, string> Tags = Pairs.ToFrozenDictionary(p => p.Name, p => p.Tag, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The tag for a <c>langid</c> (with <c>langidopts</c>' <c>variant=</c>) or <c>hyphenation</c> value: a known name's
    /// tag, or the value itself lower-cased when it is not a name this table knows (it may already be a tag).
    /// </summary>
    public static string ToTag(string name, string? variant)
    {
        var key = name.Trim();
        if (key.Equals("english", StringComparison.OrdinalIgnoreCase) && variant is not null)
        {
            key = variant.Trim().ToLowerInvariant() switch
            {
                "british" or "uk" => "british",
                "american" or "us" or "usmax" => "american",
                "australian" => "australian",
                "newzealand" => "newzealand",
                "canadian" => "canadian",
                _ => key,
            };
        }

        return Tags.TryGetValue(key, out var tag) ? tag : key.ToLowerInvariant();
    }

    /// <summary>The name BibLaTeX's <c>langid</c> uses for a tag (the reverse of <see cref="ToTag"/>), or <see langword="null"/>.</summary>
    public static string? ToName(string tag)
    {
        foreach (var (name, value) in Pairs)
        {
            if (value.Equals(tag, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        foreach (var (name, value) in Pairs)
        {
            if (value.StartsWith(tag + "-", StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return null;
    }
}
