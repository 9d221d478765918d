using Citations.Model;

namespace Citations.Validation;

/// <summary>
/// Finds a <see cref="TextQuoteSelector"/> in a paragraph the way a reader would: both are compared after
/// <see cref="QuoteText.Normalize"/> (whitespace, quotation marks, dashes and compatibility forms folded); everything
/// else must match exactly.
/// </summary>
internal static class TextQuoteMatcher
{
    public enum Outcome
    {
        Unique,
        Ambiguous,
        NotFound,
        PrefixMismatch,
        SuffixMismatch,
    }

    public static Outcome Match(string paragraph, TextQuoteSelector selector, out int matches)
    {
        var text = QuoteText.Normalize(paragraph);
        var exact = QuoteText.Normalize(selector.Exact).Trim();
        var prefix = selector.Prefix is null ? null : QuoteText.Normalize(selector.Prefix).TrimEnd();
        var suffix = selector.Suffix is null ? null : QuoteText.Normalize(selector.Suffix).TrimStart();
        prefix = string.IsNullOrEmpty(prefix) ? null : prefix;
        suffix = string.IsNullOrEmpty(suffix) ? null : suffix;

        var occurrences = 0;
        var prefixOk = 0;
        matches = 0;
        for (var at = text.IndexOf(exact, StringComparison.Ordinal); at >= 0; at = text.IndexOf(exact, at + 1, StringComparison.Ordinal))
        {
            occurrences++;
            if (prefix is not null && !text.AsSpan(0, at).TrimEnd().EndsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            prefixOk++;
            if (suffix is not null && !text.AsSpan(at + exact.Length).TrimStart().StartsWith(suffix, StringComparison.Ordinal))
            {
                continue;
            }

            matches++;
        }

        return matches switch
        {
            1 => Outcome.Unique,
            > 1 => Outcome.Ambiguous,
            _ when occurrences == 0 => Outcome.NotFound,
            _ when prefixOk == 0 => Outcome.PrefixMismatch,
            _ => Outcome.SuffixMismatch,
        };
    }

    /// <summary>Whether a quotation occurs in a paragraph, allowing ellipses and bracketed insertions such as [sic].</summary>
    public static bool ContainsQuote(string paragraph, string quote)
        => QuoteText.Contains(QuoteText.Normalize(paragraph), quote, StringComparison.Ordinal);
}
