namespace Citations.Reanchoring;

/// <summary>
/// Approximate substring search: the passage of a text nearest to a pattern in edit distance (Levenshtein: one
/// insertion, deletion or substitution of a character costs 1), within a bound. Sellers' dynamic programme with
/// Ukkonen's cut-off, so a search costs about <c>bound × text length</c> steps rather than
/// <c>pattern length × text length</c>.
/// </summary>
internal static class ApproximateMatch
{
    /// <summary>The passage of <paramref name="text"/> with the smallest edit distance to <paramref name="pattern"/>, if it is at most <paramref name="maxDistance"/>.</summary>
    /// <param name="pattern">What to look for.</param>
    /// <param name="text">Where to look.</param>
    /// <param name="maxDistance">The most edits allowed.</param>
    /// <param name="budget">Steps (cells of the programme) left to spend; lowered by the steps taken. The search stops,
    /// finding nothing, when it runs out (and leaves the budget negative).</param>
    /// <returns>Its start, end (exclusive) and distance; the leftmost of equally near passages; <see langword="null"/> when none is near enough.</returns>
    public static (int Start, int End, int Distance)? Best(string pattern, string text, int maxDistance, ref long budget)
    {
        var m = pattern.Length;
        if (m == 0 || maxDistance < 0)
        {
            return null;
        }

        var k = Math.Min(maxDistance, m);
        var cap = k + 1;

        // cost[i]: the distance from pattern[..i] to the best passage ending at the current text position;
        // start[i]: where that passage starts. Rows above 'last' are known to be over the bound and held at k + 1.
        var cost = new int[m + 1];
        var start = new int[m + 1];
        for (var i = 0; i <= m; i++)
        {
            cost[i] = Math.Min(i, cap);
        }

        var last = k;
        (int Start, int End, int Distance)? best = last == m ? (0, 0, cost[m]) : null;
        for (var j = 1; j <= text.Length; j++)
        {
            var c = text[j - 1];
            var diagonalCost = cost[0];
            var diagonalStart = start[0];
            cost[0] = 0;
            start[0] = j;
            var top = Math.Min(last + 1, m);
            budget -= top;
            if (budget < 0)
            {
                return null;
            }

            for (var i = 1; i <= top; i++)
            {
                var upCost = cost[i];
                var upStart = start[i];

                // Substitution or match (diagonal), extra text character (same row, previous column), missing pattern character (row above).
                var valueCost = diagonalCost + (pattern[i - 1] == c ? 0 : 1);
                var valueStart = diagonalStart;
                if (upCost + 1 < valueCost)
                {
                    valueCost = upCost + 1;
                    valueStart = upStart;
                }

                if (cost[i - 1] + 1 < valueCost)
                {
                    valueCost = cost[i - 1] + 1;
                    valueStart = start[i - 1];
                }

                diagonalCost = upCost;
                diagonalStart = upStart;
                cost[i] = Math.Min(valueCost, cap);
                start[i] = valueStart;
            }

            last = top;
            while (last > 0 && cost[last] > k)
            {
                cost[last] = cap;
                last--;
            }

            if (last == m && (best is null || cost[m] < best.Value.Distance))
            {
                best = (start[m], j, cost[m]);
            }
        }

        return best;
    }

    /// <summary>The edit distance between two strings (Levenshtein).</summary>
    public static int Distance(string a, string b)
    {
        if (a.Length < b.Length)
        {
            (a, b) = (b, a);
        }

        var row = new int[b.Length + 1];
        for (var i = 0; i <= b.Length; i++)
        {
            row[i] = i;
        }

        for (var j = 1; j <= a.Length; j++)
        {
            var diagonal = row[0];
            row[0] = j;
            for (var i = 1; i <= b.Length; i++)
            {
                var up = row[i];
                row[i] = Math.Min(Math.Min(up + 1, row[i - 1] + 1), diagonal + (a[j - 1] == b[i - 1] ? 0 : 1));
                diagonal = up;
            }
        }

        return row[b.Length];
    }
}
