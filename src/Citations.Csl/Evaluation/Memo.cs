using System.Collections.Concurrent;

namespace Citations.Csl.Evaluation;

/// <summary>
/// Remembers the results of a pure function (name initials, text case) so that repeated values are computed once.
/// Thread-safe; when it holds <c>capacity</c> entries it starts again empty, so memory stays bounded however many
/// distinct values pass through.
/// </summary>
internal sealed class Memo<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _values = new();
    private int _count;

    public TValue Get<TState>(TKey key, TState state, Func<TKey, TState, TValue> compute)
    {
        if (_values.TryGetValue(key, out var value))
        {
            return value;
        }

        value = compute(key, state);
        if (Interlocked.Increment(ref _count) > capacity)
        {
            _values.Clear();
            Interlocked.Exchange(ref _count, 0);
        }

        _values.TryAdd(key, value);
        return value;
    }
}
