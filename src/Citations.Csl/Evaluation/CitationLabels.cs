using System.Globalization;
using System.Text;
using Citations.CslData;

namespace Citations.Csl.Evaluation;

/// <summary>
/// Builds the <c>citation-label</c> variable when an item does not carry one: letters from the first creators' family
/// names and the last digits of the year ("Doe65", "RoNo78"), following a trigraph pattern. The default pattern
/// <c>Aaaa00:AaAa00:AaAA00:AAAA00</c> gives, for one to four or more creators, how many letters each creator
/// contributes (an <c>A</c> starts a creator, each <c>a</c> adds a letter) and how many year digits follow.
/// </summary>
internal static class CitationLabels
{
    private const string DefaultPattern = "Aaaa00:AaAa00:AaAA00:AAAA00";

    // The order in which name variables are tried: the first one present supplies the letters.
    private static readonly string[] NameVariableOrder =
    [
        "author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor", "curator",
        "director", "editor", "editor-translator", "editorial-director", "executive-producer", "guest", "host",
        "illustrator", "interviewer", "narrator", "organizer", "original-author", "performer", "producer", "recipient",
        "reviewed-author", "script-writer", "series-creator", "translator",
    ];

    private static readonly Pattern[] Patterns = Parse(DefaultPattern);

    private sealed record Pattern(int[] Letters, int YearDigits);

    /// <summary>The label generated for an item; <paramref name="fallbackName"/> stands in when it has no creator.</summary>
    public static string Generate(CslItem item, string fallbackName)
    {
        var label = new StringBuilder();
        var pattern = Patterns[0];
        var current = fallbackName;
        foreach (var variable in NameVariableOrder)
        {
            if (item.GetNames(variable) is not { Count: > 0 } names)
            {
                continue;
            }

            pattern = Patterns[Math.Min(names.Count, Patterns.Length) - 1];
            for (var i = 0; i < names.Count && i < pattern.Letters.Length; i++)
            {
                var name = names[i];
                if (!string.IsNullOrEmpty(name.Family))
                {
                    current = StripLeadingParticles(name.Family);
                }
                else if (!string.IsNullOrEmpty(name.Literal))
                {
                    current = name.Literal;
                }

                current = StripArticle(current);
                current = LettersOnly(current);
                if (current.Length == 0)
                {
                    break;
                }

                label.Append(Capitalize(current[..Math.Min(pattern.Letters[i], current.Length)]));
            }

            break;
        }

        if (label.Length == 0 && item.GetText("title") is { Length: > 0 } title)
        {
            var words = title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Where(w => !TextCaser.IsStopWord(w));
            var joined = string.Concat(words);
            label.Append(Capitalize(joined[..Math.Min(Patterns[0].Letters[0], joined.Length)]));
        }

        var year = item.GetDate("issued")?.Start?.Year.ToString(CultureInfo.InvariantCulture) ?? "0000";
        label.Append(year.Length > pattern.YearDigits ? year[^pattern.YearDigits..] : year);
        return label.ToString();
    }

    private static string StripLeadingParticles(string family)
    {
        // Lowercase words (and apostrophes) before the capitalised part: "von Dipheria" → "Dipheria".
        var i = 0;
        var lastBreak = -1;
        while (i < family.Length && (family[i] is ' ' or '\'' or '\u2019' || family[i] is >= 'a' and <= 'z'))
        {
            if (char.IsWhiteSpace(family[i]))
            {
                lastBreak = i;
            }

            i++;
        }

        if (lastBreak < 0)
        {
            return family;
        }

        var end = lastBreak;
        while (end < family.Length && char.IsWhiteSpace(family[end]))
        {
            end++;
        }

        return family[end..];
    }

    private static string StripArticle(string name)
    {
        foreach (var article in (ReadOnlySpan<string>)["a", "an", "the"])
        {
            if (name.Length > article.Length + 1 && name.StartsWith(article, StringComparison.OrdinalIgnoreCase) && char.IsWhiteSpace(name[article.Length]))
            {
                return name[(article.Length + 1)..].TrimStart();
            }
        }

        return name;
    }

    private static string LettersOnly(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '\u00c0' and <= '\u017f') or (>= '\u0370' and <= '\u03ff')
                or (>= '\u0400' and <= '\u052f') or (>= '\u0590' and <= '\u05ff') or (>= '\u0600' and <= '\u06ff')
                or (>= '\u0e01' and <= '\u0e5b') or (>= '\u1f00' and <= '\u1fff') or '\u0218' or '\u0219' or '\u021a' or '\u021b')
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string Capitalize(string s)
        => s.Length switch
        {
            0 => s,
            1 => s.ToUpperInvariant(),
            _ => char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant(),
        };

    private static Pattern[] Parse(string spec)
        => spec.Split(':').Select(part =>
        {
            var letters = new List<int>();
            var digits = 0;
            foreach (var c in part)
            {
                switch (c)
                {
                    case 'A':
                        letters.Add(1);
                        break;
                    case 'a':
                        letters[^1]++;
                        break;
                    case '0':
                        digits++;
                        break;
                }
            }

            return new Pattern([.. letters], digits);
        }).ToArray();
}
