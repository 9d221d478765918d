using System.Text;
using System.Text.RegularExpressions;

namespace Citations.Csl.Agreement;

/// <summary>Where one difference was seen.</summary>
/// <param name="Style">The style.</param>
/// <param name="Case">The case (bibliography of generated items, of the sample, citations of the document...).</param>
/// <param name="Format">The output format.</param>
/// <param name="Difference">The differing pair.</param>
internal sealed record DifferenceSite(string Style, string Case, string Format, LineDifference Difference);

/// <summary>A class of differences: a rough signature, how often it occurs and one example.</summary>
/// <param name="Signature">The signature.</param>
/// <param name="Lines">How many differing lines have it.</param>
/// <param name="Cases">In how many (style, case, format) blocks it occurs.</param>
/// <param name="Styles">The styles where it occurs.</param>
/// <param name="Example">The first occurrence.</param>
internal sealed record DifferenceClass(string Signature, int Lines, int Cases, IReadOnlyList<string> Styles, DifferenceSite Example);

/// <summary>
/// Groups differing line pairs by a rough signature of their first differing region, so that the commonest kinds of
/// difference stand out. The signature keeps markup, punctuation and spacing as they are and reduces words to
/// <c>Aa</c>, <c>AA</c>, <c>a</c> (by letter case; an initial is <c>A</c>), runs of initials to one <c>A. </c>, runs of
/// words to <c>W</c> and numbers to <c>9</c>; where that makes both sides look alike, the literal
/// text is kept instead (a changed term, a different word). A line that we print elsewhere in the block is a sorting
/// difference; a line one side lacks is a count difference.
/// </summary>
internal static partial class DifferenceClasses
{
    private const int MaxSignatureRegion = 28;

    public static string Signature(LineDifference difference, IReadOnlySet<string> actualLines, string? error)
    {
        if (error is not null)
        {
            return "our processor threw: " + Shorten(error.Split(':')[0], 60);
        }

        var (expected, actual) = (difference.Expected, difference.Actual);
        if (actual is null)
        {
            return "we print fewer lines";
        }

        if (expected is null)
        {
            return "we print more lines";
        }

        if (actualLines.Contains(expected))
        {
            return "order: same line elsewhere (sorting)";
        }

        if (Region(expected, actual) is not var (e, a))
        {
            return "long divergence (different structure)";
        }

        var se = Shape(e);
        var sa = Shape(a);
        return string.Equals(se, sa, StringComparison.Ordinal)
            ? $"«{Shorten(e, MaxSignatureRegion)}» → «{Shorten(a, MaxSignatureRegion)}»"
            : $"[{Shorten(se, MaxSignatureRegion)}] → [{Shorten(sa, MaxSignatureRegion)}]";
    }

    public static IReadOnlyList<DifferenceClass> Group(IEnumerable<(DifferenceSite Site, string Signature)> classified)
        => [.. classified
            .GroupBy(x => x.Signature, StringComparer.Ordinal)
            .Select(g => new DifferenceClass(
                g.Key,
                g.Count(),
                g.Select(x => (x.Site.Style, x.Site.Case, x.Site.Format)).Distinct().Count(),
                [.. g.Select(x => x.Site.Style).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                g.First().Site))
            .OrderByDescending(c => c.Cases)
            .ThenByDescending(c => c.Lines)
            .ThenBy(c => c.Signature, StringComparer.Ordinal)];

    /// <summary>The two lines cut down to their first differing stretch, with some context, for display.</summary>
    public static (string Expected, string Actual) Excerpt(string? expected, string? actual, int context = 45)
    {
        if (expected is null || actual is null)
        {
            return (Shorten(expected ?? "(none)", 2 * context), Shorten(actual ?? "(none)", 2 * context));
        }

        var prefix = CommonPrefix(expected, actual);
        var start = Math.Max(0, prefix - context);
        string Cut(string s)
        {
            var end = Math.Min(s.Length, prefix + context);
            return (start > 0 ? "…" : string.Empty) + s[start..end] + (end < s.Length ? "…" : string.Empty);
        }

        return (Cut(expected), Cut(actual));
    }

    /// <summary>
    /// The first differing stretch of two lines: after the common prefix, the shortest pair of skips after which both
    /// lines agree again for a few characters (so a second, unrelated difference later in the line is left out), widened
    /// to whole words. <see langword="null"/> when the lines do not come together again soon.
    /// </summary>
    private static (string Expected, string Actual)? Region(string expected, string actual)
    {
        const int Resync = 6;
        const int MaxSkip = 160;
        var p = CommonPrefix(expected, actual);
        for (var d = 0; d <= MaxSkip; d++)
        {
            for (var i = 0; i <= d; i++)
            {
                var j = d - i;
                if (p + i > expected.Length || p + j > actual.Length)
                {
                    continue;
                }

                var restE = expected.Length - (p + i);
                var restA = actual.Length - (p + j);
                var window = Math.Min(Resync, Math.Min(restE, restA));
                if ((window == Resync || restE == restA)
                    && string.CompareOrdinal(expected, p + i, actual, p + j, window) == 0)
                {
                    return Widen(expected, actual, p, i, j);
                }
            }
        }

        return null;
    }

    private static (string Expected, string Actual) Widen(string expected, string actual, int p, int i, int j)
    {
        // Back to the start of a word cut by the prefix ("(M" + ". E. MacLeod" becomes "M. E. " against "").
        var start = p;
        while (start > 0 && char.IsLetter(expected[start - 1])
            && ((p < expected.Length && char.IsLetter(expected[p])) || (p < actual.Length && char.IsLetter(actual[p]))))
        {
            start--;
        }

        // On to the end of a word cut where the lines agree again.
        var extra = 0;
        while (p + i + extra < expected.Length && p + j + extra < actual.Length
            && char.IsLetter(expected[p + i + extra]) && expected[p + i + extra] == actual[p + j + extra]
            && p + i + extra > 0 && char.IsLetter(expected[p + i + extra - 1]))
        {
            extra++;
        }

        return (expected[start..(p + i + extra)], actual[start..(p + j + extra)]);
    }

    private static int CommonPrefix(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return i;
    }

    private static string Shape(string text)
    {
        if (text.Length == 0)
        {
            return "∅";
        }

        var sb = new StringBuilder();
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (c == '<' && text.IndexOf('>', i) is var close and > 0 && close - i < 60)
            {
                sb.Append(text, i, close - i + 1);
                i = close + 1;
            }
            else if (c == '&' && text.IndexOf(';', i) is var semi and > 0 && semi - i < 10)
            {
                sb.Append(text, i, semi - i + 1);
                i = semi + 1;
            }
            else if (char.IsLetter(c))
            {
                var begin = i;
                while (i < text.Length && char.IsLetter(text[i]))
                {
                    i++;
                }

                // A single capital is an initial ("A"), a capitalised word "Aa", an all-capitals word "AA", else "a".
                sb.Append(!char.IsUpper(c) ? "a" : i - begin == 1 ? "A" : text.AsSpan(begin, i - begin).ToString().All(char.IsUpper) ? "AA" : "Aa");
            }
            else if (char.IsDigit(c))
            {
                sb.Append('9');
                while (i < text.Length && char.IsDigit(text[i]))
                {
                    i++;
                }
            }
            else if (c == '\n')
            {
                sb.Append('⏎');
                i++;
            }
            else if (c == ' ')
            {
                // Runs of plain spaces collapse; other spaces (no-break, thin) stay as they are.
                sb.Append(' ');
                while (i < text.Length && text[i] == ' ')
                {
                    i++;
                }
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }

        // A run of initials ("A. A.-A. ") is one class whatever its length, and so is a run of words ("Garcia et al.",
        // "Centers for Disease Control"): "W".
        var shape = Initials().Replace(sb.ToString(), "A. ");
        return Words().Replace(shape, "W");
    }

    [GeneratedRegex(@"(?:A\.(?:-A\.)?[ ]?){2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Initials();

    [GeneratedRegex(@"(?:Aa|AA|a)\.?(?:[ -](?:Aa|AA|a)\.?)+", RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    private static string Shorten(string text, int max)
    {
        var flat = text.Replace("\n", "⏎", StringComparison.Ordinal).Replace("\u00A0", "⍽", StringComparison.Ordinal);
        return flat.Length <= max ? flat : flat[..(max - 1)] + "…";
    }
}
