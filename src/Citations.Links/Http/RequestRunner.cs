using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Citations.Links.Http;

/// <summary>Sends requests through the pipeline of their host (built once per host, on first use) and records them in the check's trace.</summary>
internal sealed class RequestRunner(HttpSender sender, Func<string, ResiliencePipeline<LinkResponse>> pipelineFactory)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline<LinkResponse>> _pipelines = new(StringComparer.Ordinal);

    /// <summary>The key pipelines are kept under: the host and port, lower-case.</summary>
    public static string HostKey(Uri url)
    {
        var host = UrlNormalizer.SafeIdnHost(url).ToLowerInvariant();
        return url.IsDefaultPort ? host : $"{host}:{url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    /// <summary>Sends through the host's pipeline; <paramref name="hostKey"/> is the URL's <see cref="HostKey"/> when the caller already has it.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<LinkResponse> SendAsync(Uri url, HttpMethod method, int maxBodyBytes, RequestTrace trace, CancellationToken cancellationToken,
        IReadOnlyList<KeyValuePair<string, string>>? headers = null, string? hostKey = null)
    {
        var pipeline = _pipelines.GetOrAdd(hostKey ?? HostKey(url), pipelineFactory);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestTrace.ContextKey, trace);
        try
        {
            var outcome = await pipeline.ExecuteOutcomeAsync(
                static (ctx, state) =>
                {
                    state.Trace.NoteRequest();
                    return SendOutcomeAsync(state, ctx.CancellationToken);
                },
                context,
                new SendState(sender, url, method, maxBodyBytes, trace, headers)).ConfigureAwait(false);
            return outcome.Exception switch
            {
                null => outcome.Result!,
                TimeoutRejectedException e => Failed(url, method, LinkErrorKind.Timeout, $"No answer within {e.Timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s."),
                BrokenCircuitException e => Failed(url, method, LinkErrorKind.CircuitOpen, "Not requested: the host failed repeatedly and its circuit breaker is open. " + e.Message),
                RateLimiterRejectedException e => Failed(url, method, LinkErrorKind.Other, e.Message),
                OperationCanceledException when cancellationToken.IsCancellationRequested => throw outcome.Exception,
                _ => throw outcome.Exception,
            };
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<Outcome<LinkResponse>> SendOutcomeAsync(SendState state, CancellationToken cancellationToken)
        => Outcome.FromResult(await state.Sender.SendAsync(state.Url, state.Method, state.MaxBody, state.Headers, cancellationToken).ConfigureAwait(false));

    private static LinkResponse Failed(Uri url, HttpMethod method, LinkErrorKind kind, string message)
        => new() { Url = url, Method = method.Method, Error = new LinkError(kind, message) };

    private readonly record struct SendState(HttpSender Sender, Uri Url, HttpMethod Method, int MaxBody, RequestTrace Trace, IReadOnlyList<KeyValuePair<string, string>>? Headers);
}
