namespace Citations.Csl.Reference;

/// <summary>
/// A small deterministic pseudo-random generator (SplitMix64): the same seed gives the same sequence on every platform
/// and .NET version, which <see cref="Random"/> does not promise.
/// </summary>
/// <param name="seed">The seed.</param>
public sealed class SeededRandom(ulong seed)
{
    private ulong _state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A number in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An integer in [0, <paramref name="count"/>).</summary>
    /// <param name="count">The number of possible values (positive).</param>
    public int Next(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return (int)(NextUInt64() % (ulong)count);
    }

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <param name="min">The smallest value.</param>
    /// <param name="max">The largest value.</param>
    public int Between(int min, int max) => min + Next(max - min + 1);

    /// <summary>One of <paramref name="values"/>, uniformly.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="values">The values (not empty).</param>
    public T Pick<T>(IReadOnlyList<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values[Next(values.Count)];
    }

    /// <summary>Whether an event of probability <paramref name="p"/> happens.</summary>
    /// <param name="p">The probability.</param>
    public bool Chance(double p) => NextDouble() < p;
}
