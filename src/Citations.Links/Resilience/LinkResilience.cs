using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Citations.Links.Http;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Citations.Links.Resilience;

/// <summary>
/// Builds the Polly pipelines the checker runs every request through, one per host: retries with exponential backoff
/// and jitter that honour <c>Retry-After</c>, a circuit breaker, a concurrency limit and a minimum interval between
/// requests, and a per-attempt timeout.
/// </summary>
/// <remarks>
/// Strategies, outermost first: retry → circuit breaker → concurrency limiter → minimum interval → attempt timeout.
/// Waiting for a retry holds no concurrency permit; waiting for a permit does not count against the attempt timeout.
/// Give the checker your own factory (<see cref="Checking.LinkCheckerBuilder.WithHostPipelines"/>) to add or replace strategies;
/// this class builds the default.
/// </remarks>
public static class LinkResilience
{
    /// <summary>Builds the default pipeline for one host.</summary>
    /// <param name="host">The host (for the pipeline's name).</param>
    /// <param name="options">The checker's options (validated).</param>
    /// <param name="timeProvider">The clock every wait uses.</param>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The only custom options type has no data-annotation attributes to validate.")]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(MinimumIntervalStrategyOptions))]
    public static ResiliencePipeline<LinkResponse> CreateHostPipeline(string host, LinkCheckerOptions options, TimeProvider timeProvider)
        => CreateHostPipeline(host, options, timeProvider, null);

    /// <summary>Builds the default pipeline for one host, with Polly's telemetry (retries, circuit breaker, timeouts) logged through a logger factory.</summary>
    /// <param name="host">The host (for the pipeline's name).</param>
    /// <param name="options">The checker's options (validated).</param>
    /// <param name="timeProvider">The clock every wait uses.</param>
    /// <param name="loggerFactory">Where Polly logs its events; none when <see langword="null"/>.</param>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The only custom options type has no data-annotation attributes to validate.")]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(MinimumIntervalStrategyOptions))]
    public static ResiliencePipeline<LinkResponse> CreateHostPipeline(string host, LinkCheckerOptions options, TimeProvider timeProvider, ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var builder = new ResiliencePipelineBuilder<LinkResponse> { Name = "host:" + host, TimeProvider = timeProvider };
        if (loggerFactory is not null)
        {
            builder.ConfigureTelemetry(loggerFactory);
        }
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<LinkResponse>
            {
                MaxRetryAttempts = options.MaxRetries,
                ShouldHandle = args => new ValueTask<bool>(IsTransient(args.Outcome) && !AskedWaitIsTooLong(args.Outcome, args.Context, options, timeProvider)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(RetryDelay(args.Outcome, args.AttemptNumber, args.Context, options, timeProvider)),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(RequestTrace.ContextKey, out var trace))
                    {
                        trace.NoteRetry(args.RetryDelay);
                    }

                    return default;
                },
            });
        }

        builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<LinkResponse>
            {
                FailureRatio = options.CircuitBreakerFailureRatio,
                MinimumThroughput = options.CircuitBreakerMinimumThroughput,
                SamplingDuration = options.CircuitBreakerSamplingDuration,
                BreakDuration = options.CircuitBreakerBreakDuration,
                ShouldHandle = args => new ValueTask<bool>(IsHostFailure(args.Outcome)),
            })
            .AddConcurrencyLimiter(options.PerHostConcurrency, int.MaxValue);
        if (options.PerHostMinimumInterval > TimeSpan.Zero)
        {
            var interval = options.PerHostMinimumInterval;
            builder.AddStrategy(_ => new MinimumIntervalStrategy(interval, timeProvider), new MinimumIntervalStrategyOptions());
        }

        return builder.AddTimeout(options.AttemptTimeout).Build();
    }

    /// <summary>Whether an outcome is worth retrying: a transient response, or the attempt timed out.</summary>
    internal static bool IsTransient(Outcome<LinkResponse> outcome)
        => outcome.Exception is TimeoutRejectedException || outcome.Result?.IsTransientFailure == true;

    /// <summary>Whether an outcome says the host is in trouble (as opposed to one page being missing): it counts towards opening the circuit.</summary>
    internal static bool IsHostFailure(Outcome<LinkResponse> outcome)
        => outcome.Exception is TimeoutRejectedException
           || outcome.Result is { } r && (r.IsTransientFailure && r.StatusCode != 429
                                          || r.Error?.Kind is LinkErrorKind.ConnectionRefused or LinkErrorKind.NetworkUnreachable or LinkErrorKind.Tls);

    /// <summary>
    /// Whether a response asks (with <c>Retry-After</c>) for a longer wait than the check will make: more than
    /// <see cref="LinkCheckerOptions.MaxRetryAfter"/>, or past the end of the check's total time (the trace's
    /// deadline). Then retrying is pointless (retrying earlier than asked is impolite, waiting would only end in a
    /// timeout): the answer stands as it is (429 is blocked, 503 a server error), with the requested wait in the
    /// evidence.
    /// </summary>
    internal static bool AskedWaitIsTooLong(Outcome<LinkResponse> outcome, ResilienceContext? context, LinkCheckerOptions options, TimeProvider timeProvider)
    {
        var now = timeProvider.GetUtcNow();
        if (outcome.Result is not { } response || RequestedWait(response, now) is not { } requested)
        {
            return false;
        }

        RequestTrace? trace = null;
        context?.Properties.TryGetValue(RequestTrace.ContextKey, out trace);
        if (requested > options.MaxRetryAfter)
        {
            trace?.NoteRetryAfterRefused(requested, string.Create(CultureInfo.InvariantCulture,
                $"more than the checker waits (MaxRetryAfter, {options.MaxRetryAfter.TotalSeconds:0.###} s)"));
            return true;
        }

        if (trace?.Deadline is { } deadline && now + requested >= deadline)
        {
            trace.NoteRetryAfterRefused(requested, "longer than the check has left before its total timeout");
            return true;
        }

        return false;
    }

    /// <summary>
    /// The wait before retry <paramref name="attempt"/> (0-based): what <c>Retry-After</c> asks (at most
    /// <see cref="LinkCheckerOptions.MaxRetryAfter"/>: a longer wait is not retried, see <see cref="AskedWaitIsTooLong"/>),
    /// else <c>base × 2^attempt</c> with ±25% jitter, capped by <see cref="LinkCheckerOptions.MaxRetryDelay"/>.
    /// </summary>
    internal static TimeSpan RetryDelay(Outcome<LinkResponse> outcome, int attempt, ResilienceContext? context, LinkCheckerOptions options, TimeProvider timeProvider)
    {
        if (outcome.Result is { } response && RequestedWait(response, timeProvider.GetUtcNow()) is { } requested)
        {
            var delay = requested > options.MaxRetryAfter ? options.MaxRetryAfter : requested;
            if (context is not null && context.Properties.TryGetValue(RequestTrace.ContextKey, out var trace))
            {
                trace.NoteRetryAfter(requested, delay);
            }

            return delay;
        }

        return Backoff(attempt, options.RetryBaseDelay, options.MaxRetryDelay, Random.Shared.NextDouble());
    }

    /// <summary>
    /// The wait a response asks for with <c>Retry-After</c>, in either of its forms (RFC 9110 §10.2.3: seconds, or an
    /// HTTP date taken against <paramref name="now"/>), never negative; <see langword="null"/> without the header.
    /// </summary>
    internal static TimeSpan? RequestedWait(LinkResponse response, DateTimeOffset now)
    {
        var requested = response.RetryAfterDelta ?? (response.RetryAfterDate is { } date ? date - now : null);
        return requested < TimeSpan.Zero ? TimeSpan.Zero : requested;
    }

    /// <summary>Exponential backoff with jitter: <c>base × 2^attempt × (0.75 + jitter / 2)</c>, at most <paramref name="max"/>.</summary>
    /// <param name="attempt">The retry number, from 0.</param>
    /// <param name="baseDelay">The first delay.</param>
    /// <param name="max">The cap.</param>
    /// <param name="jitter">A number in [0, 1).</param>
    internal static TimeSpan Backoff(int attempt, TimeSpan baseDelay, TimeSpan max, double jitter)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        var jittered = exponential * (0.75 + (jitter / 2));
        return jittered >= max.TotalMilliseconds ? max : TimeSpan.FromMilliseconds(jittered);
    }
}
