using System.Globalization;
using System.Text;

namespace Citations.Links.Drift;

/// <summary>
/// Normalises text so that a quote matches the page whatever typography either uses: Unicode compatibility forms
/// folded (NFKC), curly quotes and primes made straight, dashes made hyphens, invisible characters removed and
/// whitespace collapsed to single spaces.
/// </summary>
/// <remarks>Thread-safe. Letter case is kept; comparisons ignore it.</remarks>
internal static class TextNormalizer
{
    /// <summary>Normalises text.</summary>
    /// <param name="text">The text.</param>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        var pendingSpace = false;
        foreach (var c in folded)
        {
            var mapped = Map(c);
            if (mapped == '\0')
            {
                continue;
            }

            if (mapped == ' ')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(mapped);
        }

        return builder.ToString();
    }

    private static char Map(char c) => c switch
    {
        '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u0060' or '\u00B4' => '\'',
        '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB' or '\u2039' or '\u203A' => c is '\u2039' or '\u203A' ? '\'' : '"',
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => '-',
        '\u00AD' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' => '\0',
        _ when char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Control => ' ',
        _ => c,
    };
}
