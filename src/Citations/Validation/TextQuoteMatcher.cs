using System.Text;
using Citations.Model;

namespace Citations.Validation;

/// <summary>
/// Finds a <see cref="TextQuoteSelector"/> in a paragraph the way a reader would: runs of whitespace count as one
/// space, and curly quotation marks and apostrophes equal straight ones. Everything else must match exactly.
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
        var text = Normalize(paragraph);
        var exact = Normalize(selector.Exact).Trim();
        var prefix = selector.Prefix is null ? null : Normalize(selector.Prefix).TrimEnd();
        var suffix = selector.Suffix is null ? null : Normalize(selector.Suffix).TrimStart();
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

    /// <summary>Whether a quotation occurs in a paragraph, allowing ellipses for left-out words and a trailing [sic].</summary>
    public static bool ContainsQuote(string paragraph, string quote)
    {
        var text = Normalize(paragraph);
        var words = Normalize(Normalize(quote).Replace("[sic]", " ", StringComparison.OrdinalIgnoreCase));
        var fragments = words.Split(["…", "..."], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var from = 0;
        foreach (var fragment in fragments)
        {
            var at = text.IndexOf(fragment, from, StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }

            from = at + fragment.Length;
        }

        return fragments.Length > 0;
    }

    /// <summary>Collapses whitespace to single spaces and straightens curly quotation marks.</summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var inSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!inSpace)
                {
                    builder.Append(' ');
                    inSpace = true;
                }

                continue;
            }

            inSpace = false;
            builder.Append(c switch
            {
                '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' => '\'',
                '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' => '"',
                _ => c,
            });
        }

        return builder.ToString();
    }
}
