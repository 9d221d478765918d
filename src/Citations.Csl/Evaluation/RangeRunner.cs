namespace Citations.Csl.Evaluation;

/// <summary>
/// Runs render work over a range of items in contiguous ranges, on the calling thread or on up to
/// <see cref="MaxDegreeOfParallelism"/> threads: every parallel step of a session (first sort keys, ambiguous cites,
/// groups of look-alikes, bibliography entries) goes through here. Each thread works with its own state (a writer, say).
/// </summary>
internal sealed class RangeRunner(int maxDegreeOfParallelism)
{
    /// <summary>Below this many items work stays on one thread (starting workers would cost more).</summary>
    public const int ParallelThreshold = 512;

    /// <summary>How many threads one call may use.</summary>
    public int MaxDegreeOfParallelism { get; } = maxDegreeOfParallelism;

    /// <summary>
    /// Runs <paramref name="body"/> over [0, count) in contiguous ranges and returns the ranges' results in order: on
    /// the calling thread alone (one range) for short work or when one thread is allowed, else on up to
    /// <see cref="MaxDegreeOfParallelism"/> threads taking ranges in turn. Each thread works with its own state from
    /// <paramref name="newState"/>. The first failure is rethrown as itself.
    /// </summary>
    /// <param name="count">How many items.</param>
    /// <param name="newState">Makes a thread's state.</param>
    /// <param name="body">Works through one range [start, end) with a thread's state.</param>
    /// <param name="parallel">Whether the work may spread over threads; by default when <paramref name="count"/> reaches <see cref="ParallelThreshold"/>.</param>
    /// <param name="rangeSize">Items per range; by default small enough to keep the threads busy when items cost unequally.</param>
    public List<T> ForEachRange<TState, T>(int count, Func<TState> newState, Func<TState, int, int, T> body, bool? parallel = null, int rangeSize = 0)
    {
        var workers = MaxDegreeOfParallelism;
        if (!(parallel ?? count >= ParallelThreshold) || workers < 2 || count < 2)
        {
            return [body(newState(), 0, count)];
        }

        var size = rangeSize > 0 ? rangeSize : Math.Max(64, count / (workers * 8));
        var results = new T[(count + size - 1) / size];
        try
        {
            Parallel.For(
                0,
                results.Length,
                new ParallelOptions { MaxDegreeOfParallelism = workers },
                newState,
                (r, _, state) =>
                {
                    results[r] = body(state, r * size, Math.Min(count, (r + 1) * size));
                    return state;
                },
                _ => { });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // Fail as the sequential loop would: with the first error itself.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        return [.. results];
    }
}
