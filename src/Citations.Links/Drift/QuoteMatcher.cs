using Citations.Validation;

namespace Citations.Links.Drift;

/// <summary>Looks for quoted passages in page text with the core's <see cref="QuoteText"/> (letter case ignored), and
/// scores a quote that is not found by the share of its word triples still on the page.</summary>
/// <remarks>Thread-safe.</remarks>
internal static class QuoteMatcher
{
    /// <summary>Checks one quote against page text.</summary>
    /// <param name="pageText">The page text, normalised with <see cref="QuoteText.Normalize"/>.</param>
    /// <param name="quote">The quote as cited (normalised here).</param>
    public static QuoteCheck Check(string pageText, string quote)
    {
        ArgumentNullException.ThrowIfNull(pageText);
        ArgumentNullException.ThrowIfNull(quote);
        var fragments = QuoteText.Fragments(QuoteText.Normalize(quote));
        var found = QuoteText.ContainsInOrder(pageText, fragments, StringComparison.OrdinalIgnoreCase);
        return new QuoteCheck(quote, found, found ? 1.0 : Coverage(pageText, fragments));
    }

    private static double Coverage(string text, IReadOnlyList<string> fragments)
    {
        var words = fragments.SelectMany(Shingles.Words).ToList();
        if (words.Count == 0)
        {
            return 0;
        }

        var pageShingles = Shingles.Hashes(Shingles.Words(text), Math.Min(3, words.Count));
        var quoteShingles = Shingles.Hashes(words, Math.Min(3, words.Count));
        if (quoteShingles.Count == 0)
        {
            return 0;
        }

        var hits = quoteShingles.Count(pageShingles.Contains);
        return Math.Round((double)hits / quoteShingles.Count, 3);
    }
}
