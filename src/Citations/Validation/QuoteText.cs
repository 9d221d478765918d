using System.Globalization;
using System.Text;

namespace Citations.Validation;

/// <summary>
/// How a quotation is found in a text, the way a reader finds it: typography does not matter and the marks quoting
/// uses for left-out or changed words are honoured. The one quote matcher of every package: the article validator
/// uses it for claims worded as quotes and text anchors, the link checker for quote drift on cited pages.
/// </summary>
/// <remarks>
/// Thread-safe. <see cref="Normalize"/> folds Unicode compatibility forms (NFKC, so "…" is "..."), makes curly quotes
/// and primes straight and dashes hyphens, removes invisible characters and collapses whitespace; letter case is kept.
/// <see cref="Fragments"/> splits a quote at ellipses and bracketed insertions ("[sic]", "[the figure of]").
/// </remarks>
public static class QuoteText
{
    /// <summary>Normalises text for comparison with a quote.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text with its typography folded, as described on <see cref="QuoteText"/>.</returns>
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

    /// <summary>
    /// Splits a normalised quote into the passages it quotes: ellipses and bracketed insertions stand for text the
    /// quoter left out or changed; the quotation marks and punctuation around each passage belong to the quoting.
    /// </summary>
    /// <param name="normalizedQuote">The quote, normalised with <see cref="Normalize"/>.</param>
    /// <returns>The passages, in order; empty when the quote has no text.</returns>
    public static IReadOnlyList<string> Fragments(string normalizedQuote)
    {
        ArgumentNullException.ThrowIfNull(normalizedQuote);
        var fragments = new List<string>();
        var start = 0;
        for (var i = 0; i < normalizedQuote.Length; i++)
        {
            var gapEnd = -1;
            if (normalizedQuote[i] == '[')
            {
                var close = normalizedQuote.IndexOf(']', i + 1);
                gapEnd = close < 0 ? -1 : close + 1;
            }
            else if (string.CompareOrdinal(normalizedQuote, i, "...", 0, 3) == 0)
            {
                gapEnd = i + 3;
            }

            if (gapEnd < 0)
            {
                continue;
            }

            Add(normalizedQuote[start..i]);
            start = gapEnd;
            i = gapEnd - 1;
        }

        Add(normalizedQuote[start..]);
        return fragments;

        void Add(string fragment)
        {
            var trimmed = fragment.Trim().Trim('"', '\'', ',', ';', ':', '.', ' ');
            if (trimmed.Length > 0)
            {
                fragments.Add(trimmed);
            }
        }
    }

    /// <summary>Whether every passage of a quote occurs in a text, in order.</summary>
    /// <param name="normalizedText">The text, normalised with <see cref="Normalize"/>.</param>
    /// <param name="quote">The quote as written (normalised here).</param>
    /// <param name="comparison">How letters compare: <see cref="StringComparison.Ordinal"/> for an article's own text,
    /// <see cref="StringComparison.OrdinalIgnoreCase"/> for a web page whose styling may change case.</param>
    /// <returns><see langword="true"/> when the quote has text and all of it is found in order.</returns>
    public static bool Contains(string normalizedText, string quote, StringComparison comparison)
        => ContainsInOrder(normalizedText, Fragments(Normalize(quote)), comparison);

    /// <summary>Whether passages occur in a text in order, each after the end of the one before.</summary>
    /// <param name="normalizedText">The text, normalised with <see cref="Normalize"/>.</param>
    /// <param name="fragments">The passages, from <see cref="Fragments"/>.</param>
    /// <param name="comparison">How letters compare.</param>
    /// <returns><see langword="true"/> when there is at least one passage and all are found in order.</returns>
    public static bool ContainsInOrder(string normalizedText, IReadOnlyList<string> fragments, StringComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(normalizedText);
        ArgumentNullException.ThrowIfNull(fragments);
        var from = 0;
        foreach (var fragment in fragments)
        {
            var at = normalizedText.IndexOf(fragment, from, comparison);
            if (at < 0)
            {
                return false;
            }

            from = at + fragment.Length;
        }

        return fragments.Count > 0;
    }

    private static char Map(char c) => c switch
    {
        '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u0060' or '\u00B4' or '\u2039' or '\u203A' => '\'',
        '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB' => '"',
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => '-',
        '\u00AD' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' => '\0',
        _ when char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Control => ' ',
        _ => c,
    };
}
