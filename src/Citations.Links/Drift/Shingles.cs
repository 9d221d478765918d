namespace Citations.Links.Drift;

/// <summary>Words and word n-gram hashes of normalised text, for similarity measures.</summary>
internal static class Shingles
{
    /// <summary>The most words looked at, so huge pages cost bounded time.</summary>
    public const int MaxWords = 50_000;

    /// <summary>Lower-cased words: runs of letters and digits.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var count = 0;
        var i = 0;
        while (i < text.Length && count < MaxWords)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            if (i > start)
            {
                count++;
                yield return text[start..i].ToLowerInvariant();
            }
        }
    }

    /// <summary>The set of hashes of every run of <paramref name="n"/> consecutive words.</summary>
    public static HashSet<ulong> Hashes(IEnumerable<string> words, int n)
    {
        var set = new HashSet<ulong>();
        var window = new Queue<ulong>(n);
        foreach (var word in words)
        {
            window.Enqueue(Fnv(word));
            if (window.Count > n)
            {
                window.Dequeue();
            }

            if (window.Count == n)
            {
                ulong h = 14695981039346656037UL;
                foreach (var w in window)
                {
                    h = (h ^ w) * 1099511628211UL;
                }

                set.Add(h);
            }
        }

        return set;
    }

    /// <summary>Jaccard similarity of two shingle sets (1 when both are empty).</summary>
    public static double Jaccard(HashSet<ulong> a, HashSet<ulong> b)
    {
        if (a.Count == 0 && b.Count == 0)
        {
            return 1;
        }

        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var common = small.Count(large.Contains);
        return (double)common / (a.Count + b.Count - common);
    }

    /// <summary>FNV-1a, 64 bits: stable across processes and platforms, unlike <see cref="string.GetHashCode()"/>.</summary>
    public static ulong Fnv(string text)
    {
        ulong h = 14695981039346656037UL;
        foreach (var c in text)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return h;
    }
}
