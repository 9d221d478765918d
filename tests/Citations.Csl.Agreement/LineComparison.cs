namespace Citations.Csl.Agreement;

/// <summary>One line where the two processors differ (a missing line on one side is <see langword="null"/>).</summary>
/// <param name="Index">The line's index (0-based) in the compared block.</param>
/// <param name="Expected">citeproc-js's line.</param>
/// <param name="Actual">Our line.</param>
internal sealed record LineDifference(int Index, string? Expected, string? Actual);

/// <summary>
/// The line-for-line comparison of one block of output (a bibliography or a document's citations): index-aligned
/// agreement, and an order-blind agreement that tells a sorting difference from a rendering one.
/// </summary>
internal sealed class LineComparison
{
    private LineComparison(int expectedCount, int actualCount, int matched, int matchedAnyOrder, IReadOnlyList<LineDifference> differences, IReadOnlySet<string> actualLines)
    {
        ExpectedCount = expectedCount;
        ActualCount = actualCount;
        Matched = matched;
        MatchedAnyOrder = matchedAnyOrder;
        Differences = differences;
        ActualLines = actualLines;
    }

    /// <summary>How many lines citeproc-js printed.</summary>
    public int ExpectedCount { get; }

    /// <summary>How many lines we printed.</summary>
    public int ActualCount { get; }

    /// <summary>Lines equal at the same index.</summary>
    public int Matched { get; }

    /// <summary>Lines of citeproc-js that we printed somewhere (multiset intersection).</summary>
    public int MatchedAnyOrder { get; }

    /// <summary>Every index where the two differ.</summary>
    public IReadOnlyList<LineDifference> Differences { get; }

    /// <summary>Our lines, to tell "present elsewhere" from "rendered differently".</summary>
    public IReadOnlySet<string> ActualLines { get; }

    /// <summary>The denominator: the longer of the two.</summary>
    public int Total => Math.Max(ExpectedCount, ActualCount);

    /// <summary>Index-aligned agreement in percent (100 when both are empty).</summary>
    public double Percent => Total == 0 ? 100 : 100.0 * Matched / Total;

    /// <summary>Order-blind agreement in percent.</summary>
    public double PercentAnyOrder => Total == 0 ? 100 : 100.0 * MatchedAnyOrder / Total;

    /// <summary>Whether the two blocks are identical.</summary>
    public bool Identical => Differences.Count == 0;

    public static LineComparison Compare(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var differences = new List<LineDifference>();
        var matched = 0;
        for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
        {
            var e = i < expected.Count ? expected[i] : null;
            var a = i < actual.Count ? actual[i] : null;
            if (e is not null && string.Equals(e, a, StringComparison.Ordinal))
            {
                matched++;
            }
            else
            {
                differences.Add(new LineDifference(i, e, a));
            }
        }

        var pool = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in actual)
        {
            pool[line] = pool.GetValueOrDefault(line) + 1;
        }

        var anyOrder = 0;
        foreach (var line in expected)
        {
            if (pool.TryGetValue(line, out var n) && n > 0)
            {
                pool[line] = n - 1;
                anyOrder++;
            }
        }

        return new LineComparison(expected.Count, actual.Count, matched, anyOrder, differences, actual.ToHashSet(StringComparer.Ordinal));
    }
}
