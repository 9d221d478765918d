using System.Collections.Concurrent;
using Citations.Links.Drift;
using Citations.Links.Http;
using Citations.Links.Resilience;

namespace Citations.Links.Articles;

/// <summary>A fetched page: its final address and text, or why there is none.</summary>
internal sealed record FetchedPage(Uri FinalUrl, string? Html, string? MediaType, string? Problem);

/// <summary>
/// Fetches pages through the link checker's guarded machinery (the connect-time private-address guard, redirects by
/// hand, bodies capped after decompression) and its per-host Polly pipelines (per-host concurrency, minimum interval
/// between requests, retries honouring <c>Retry-After</c>), each distinct normalised URL once per run.
/// </summary>
internal sealed class PageFetcher : IDisposable
{
    private static readonly KeyValuePair<string, string>[] AcceptHtml = [new("Accept", "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5,*/*;q=0.1")];

    private readonly ConcurrentDictionary<string, Lazy<Task<FetchedPage>>> _cache = new(StringComparer.Ordinal);
    private readonly RequestRunner _runner;
    private readonly HttpClient? _ownedClient;
    private readonly ArticleExtractionOptions _options;
    private readonly TimeProvider _timeProvider;

    public PageFetcher(ArticleExtractionOptions options, HttpClient? client, HostResolver? resolver, TimeProvider timeProvider)
    {
        _options = options;
        _timeProvider = timeProvider;
        if (client is null)
        {
            _ownedClient = client = new HttpClient(LinkHttpHandler.Create(options.AllowPrivateAddresses, resolver, Math.Max(options.PerHostConcurrency, 2)), disposeHandler: true)
            {
                Timeout = Timeout.InfiniteTimeSpan,
            };
        }

        var pipelineOptions = new LinkCheckerOptions
        {
            UserAgent = options.UserAgent,
            AttemptTimeout = options.AttemptTimeout,
            TotalTimeout = options.AttemptTimeout * 3,
            MaxRetries = options.MaxRetries,
            PerHostConcurrency = options.PerHostConcurrency,
            PerHostMinimumInterval = options.PerHostMinimumInterval,
            MaxBodyBytes = options.MaxPageBytes,
        };
        pipelineOptions.Validate();
        _runner = new RequestRunner(new HttpSender(client, options.UserAgent, timeProvider),
            host => LinkResilience.CreateHostPipeline(host, pipelineOptions, timeProvider));
    }

    /// <summary>The page at a URL, fetched on first request; later requests for the same normalised URL share it.</summary>
    public Task<FetchedPage> FetchAsync(Uri url, CancellationToken cancellationToken)
        => _cache.GetOrAdd(UrlNormalizer.Key(url), _ => new Lazy<Task<FetchedPage>>(() => FetchOnceAsync(url, cancellationToken))).Value;

    public void Dispose() => _ownedClient?.Dispose();

    private async Task<FetchedPage> FetchOnceAsync(Uri url, CancellationToken cancellationToken)
    {
        Walk walk;
        using (var total = new CancellationTokenSource(_options.AttemptTimeout * 4, _timeProvider))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, total.Token))
        {
            try
            {
                walk = await RedirectWalker.WalkAsync(_runner, url, HttpMethod.Get, _options.MaxRedirects, _options.MaxPageBytes, new RequestTrace(), null, linked.Token, AcceptHtml)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new FetchedPage(url, null, null, "no answer in time");
            }
        }

        var last = walk.Last;
        if (walk.Failure is { } failure)
        {
            return new FetchedPage(walk.FinalUrl, null, null, failure.Message.TrimEnd('.'));
        }

        if (last.Error is { } error)
        {
            return new FetchedPage(walk.FinalUrl, null, null, $"{ReportNames.ErrorKinds[error.Kind]}: {error.Message.TrimEnd('.')}");
        }

        if (!last.IsSuccess)
        {
            return new FetchedPage(walk.FinalUrl, null, null, $"HTTP {last.StatusCode}");
        }

        var mediaType = last.ContentType?.ToLowerInvariant();
        if (mediaType is not null && !mediaType.Contains("html", StringComparison.Ordinal) && !mediaType.StartsWith("text/", StringComparison.Ordinal))
        {
            // A PDF or a data file: nothing to read metadata from, but it is there.
            return new FetchedPage(walk.FinalUrl, null, mediaType, null);
        }

        return new FetchedPage(walk.FinalUrl, ContentAnalyzer.Decode(last.Body.Span, last.CharSet), mediaType, null);
    }
}
