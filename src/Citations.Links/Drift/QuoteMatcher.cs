namespace Citations.Links.Drift;

/// <summary>Looks for quoted passages in page text, tolerant of typography and of the ellipses and brackets quoting uses.</summary>
/// <remarks>Thread-safe.</remarks>
internal static class QuoteMatcher
{
    /// <summary>Checks one quote against page text.</summary>
    /// <param name="pageText">The page text, normalised with <see cref="TextNormalizer.Normalize"/>.</param>
    /// <param name="quote">The quote as cited (normalised here).</param>
    public static QuoteCheck Check(string pageText, string quote)
    {
        ArgumentNullException.ThrowIfNull(pageText);
        ArgumentNullException.ThrowIfNull(quote);
        var fragments = Fragments(TextNormalizer.Normalize(quote));
        var found = fragments.Count > 0 && ContainsInOrder(pageText, fragments);
        return new QuoteCheck(quote, found, found ? 1.0 : Coverage(pageText, fragments));
    }

    /// <summary>Splits a normalised quote at ellipses and bracketed insertions, which stand for text the quoter left out or changed.</summary>
    internal static List<string> Fragments(string quote)
    {
        var fragments = new List<string>();
        var start = 0;
        for (var i = 0; i < quote.Length; i++)
        {
            var gapEnd = -1;
            if (quote[i] == '[')
            {
                var close = quote.IndexOf(']', i + 1);
                gapEnd = close < 0 ? -1 : close + 1;
            }
            else if (string.CompareOrdinal(quote, i, "...", 0, 3) == 0)
            {
                gapEnd = i + 3;
            }

            if (gapEnd < 0)
            {
                continue;
            }

            Add(quote[start..i]);
            start = gapEnd;
            i = gapEnd - 1;
        }

        Add(quote[start..]);
        return fragments;

        void Add(string fragment)
        {
            // Surrounding punctuation and quote marks belong to the quoting, not the quoted text.
            var trimmed = fragment.Trim().Trim('"', '\'', ',', ';', ':', '.', ' ');
            if (trimmed.Length > 0)
            {
                fragments.Add(trimmed);
            }
        }
    }

    private static bool ContainsInOrder(string text, List<string> fragments)
    {
        var from = 0;
        foreach (var fragment in fragments)
        {
            var at = text.IndexOf(fragment, from, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return false;
            }

            from = at + fragment.Length;
        }

        return true;
    }

    private static double Coverage(string text, List<string> fragments)
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
