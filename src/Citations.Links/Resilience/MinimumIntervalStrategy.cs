using Polly;

namespace Citations.Links.Resilience;

/// <summary>Spaces the starts of executions at least an interval apart, whatever their concurrency; waits on the injected <see cref="TimeProvider"/>.</summary>
internal sealed class MinimumIntervalStrategy(TimeSpan interval, TimeProvider timeProvider) : ResilienceStrategy
{
    private readonly Lock _lock = new();
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
    {
        TimeSpan wait;
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            var start = _next > now ? _next : now;
            _next = start + interval;
            wait = start - now;
        }

        if (wait > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(wait, timeProvider, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
            }
            catch (OperationCanceledException e)
            {
                return Outcome.FromException<TResult>(e);
            }
        }

        return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
    }
}

/// <summary>Options for <see cref="MinimumIntervalStrategy"/>; Polly requires an options object per strategy.</summary>
internal sealed class MinimumIntervalStrategyOptions : ResilienceStrategyOptions
{
    public MinimumIntervalStrategyOptions() => Name = "MinimumInterval";
}
