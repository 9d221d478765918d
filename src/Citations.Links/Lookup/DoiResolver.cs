using System.Globalization;
using Citations.CslData;
using Citations.Diagnostics;
using Citations.Links.Http;
using Citations.Links.Resilience;

namespace Citations.Links.Lookup;

/// <summary>
/// Looks DOIs up as CSL items: content negotiation at a DOI resolver (<c>Accept:
/// application/vnd.citationstyles.csl+json</c>), through the link checker's guarded HTTP machinery (private addresses
/// refused after DNS unless allowed, redirects followed by hand within that guard, bodies capped after decompression)
/// and its per-host Polly pipeline (retries honouring <c>Retry-After</c>, circuit breaker, concurrency limit, timeouts),
/// with a cache on disk.
/// </summary>
/// <example>
/// <code>
/// using var resolver = new DoiResolver();
/// var read = await resolver.ResolveAsync(Doi.Parse("10.1038/nature12373"));
/// foreach (var problem in read.Diagnostics) Console.Error.WriteLine(problem);
/// if (read.Value is { } item) Console.WriteLine(item.Title);
/// </code>
/// </example>
/// <remarks>
/// <para>Thread-safe. The item's <c>id</c> is the DOI as written (<see cref="Doi.Text"/>), whatever id the resolver
/// gave it, so that citations can name it; its <c>DOI</c> variable is set when the answer lacks one. The answer must
/// be one CSL-JSON item that the core reader reads without errors; anything else (another status, an answer over
/// <see cref="DoiLookupOptions.MaxResponseBytes"/>, HTML, an item with errors) is an error diagnostic naming the DOI,
/// and no item: never a half item.</para>
/// <para>A DOI in the cache is not requested. Offline (<see cref="DoiLookupOptions.Offline"/>, or the network
/// unreachable), a DOI not in the cache is an error naming it.</para>
/// </remarks>
public sealed class DoiResolver : IDisposable
{
    /// <summary>The media type asked for: CSL-JSON.</summary>
    public const string CslJsonMediaType = "application/vnd.citationstyles.csl+json";

    private static readonly KeyValuePair<string, string>[] AcceptCslJson = [new("Accept", CslJsonMediaType)];

    private readonly DoiLookupOptions _options;
    private readonly DoiCache? _cache;
    private readonly RequestRunner? _runner;
    private readonly HttpClient? _ownedClient;

    /// <summary>A caller's client whose private-address guard is checked before its first lookup (as the checker does).</summary>
    private readonly HttpClient? _clientToCheck;
    private Task<string?>? _guard;

    /// <summary>Creates a resolver.</summary>
    /// <param name="options">The options (copied and validated); the defaults when <see langword="null"/>.</param>
    /// <param name="httpClient">The client to use (make its handler with <see cref="LinkHttpHandler.Create"/>: redirects
    /// and decompression off, the private-address guard on); one is created when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for waits and timeouts; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="hostResolver">Resolves host names for a created client; the system's when <see langword="null"/>.</param>
    /// <exception cref="LinkOptionsException">The options are invalid; every problem is listed.</exception>
    public DoiResolver(DoiLookupOptions? options = null, HttpClient? httpClient = null, TimeProvider? timeProvider = null, HostResolver? hostResolver = null)
    {
        _options = (options ?? new DoiLookupOptions()).Clone();
        _options.Validate();
        TimeProvider = timeProvider ?? TimeProvider.System;
        if (_options.CacheDirectory is { } directory)
        {
            _cache = new DoiCache(directory, _options.MaxResponseBytes + (64L * 1024));
        }

        if (_options.Offline)
        {
            return;
        }

        if (httpClient is null)
        {
            var handler = LinkHttpHandler.Create(_options.AllowPrivateAddresses, hostResolver, Math.Max(_options.Concurrency, 2));
            _ownedClient = httpClient = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        }
        else if (!_options.AllowPrivateAddresses)
        {
            _clientToCheck = httpClient;
        }

        var pipelineOptions = new LinkCheckerOptions
        {
            UserAgent = _options.UserAgent,
            AttemptTimeout = _options.AttemptTimeout,
            TotalTimeout = _options.TotalTimeout,
            MaxRetries = _options.MaxRetries,
            RetryBaseDelay = _options.RetryBaseDelay,
            MaxRetryDelay = _options.RetryBaseDelay > MaxRetryDelay ? _options.RetryBaseDelay : MaxRetryDelay,
            MaxRetryAfter = MaxRetryAfter,
            PerHostConcurrency = _options.Concurrency,
            MaxRedirects = _options.MaxRedirects,
            MaxBodyBytes = _options.MaxResponseBytes,
        };
        pipelineOptions.Validate();
        var clock = TimeProvider;
        _runner = new RequestRunner(new HttpSender(httpClient, _options.UserAgent, clock),
            host => LinkResilience.CreateHostPipeline(host, pipelineOptions, clock));
    }

    /// <summary>The longest computed wait between two retries.</summary>
    private static TimeSpan MaxRetryDelay => TimeSpan.FromSeconds(8);

    /// <summary>The longest wait a server may ask for with <c>Retry-After</c>.</summary>
    private static TimeSpan MaxRetryAfter => TimeSpan.FromSeconds(20);

    /// <summary>The clock for waits, timeouts and the cache's times.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The cache folder's full path, or <see langword="null"/> without a cache.</summary>
    public string? CacheDirectory => _cache?.Folder;

    /// <summary>Looks a DOI up.</summary>
    /// <param name="doi">The DOI.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The item, or none and an error naming the DOI.</returns>
    public Task<ParseResult<CslItem>> ResolveAsync(Doi doi, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(doi);
        return ResolveAsync(new DoiReference(doi, new SourceLocation("doi:" + doi.Text, null, 0, 0)), cancellationToken);
    }

    /// <summary>Looks a DOI up; problems are reported where it was named.</summary>
    /// <param name="reference">The DOI and where it was named.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The item, or none and an error naming the DOI.</returns>
    public async Task<ParseResult<CslItem>> ResolveAsync(DoiReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var doi = reference.Doi;
        if (_cache?.Read(doi) is { } cached)
        {
            return Found(cached, reference);
        }

        if (_runner is null)
        {
            return Failed(reference, LinkDiagnosticCodes.DoiUnavailable,
                $"DOI {doi.Text} is not in the DOI cache ({CacheDescription}) and lookups are offline; look it up once with the network to cache it");
        }

        await EnsureGuardedAsync().ConfigureAwait(false);
        var url = doi.ResolverUrl(_options.ResolverAddress);
        Walk walk;
        using (var total = new CancellationTokenSource(_options.TotalTimeout, TimeProvider))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, total.Token))
        {
            try
            {
                walk = await RedirectWalker.WalkAsync(_runner, url, HttpMethod.Get, _options.MaxRedirects, _options.MaxResponseBytes, new RequestTrace(), null, linked.Token, AcceptCslJson)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Failed(reference, LinkDiagnosticCodes.DoiUnavailable,
                    string.Create(CultureInfo.InvariantCulture, $"DOI {doi.Text} could not be looked up at {url.AbsoluteUri}: no answer within {_options.TotalTimeout.TotalSeconds:0.###} s"));
            }
        }

        return Judge(reference, url, walk);
    }

    /// <summary>
    /// Refuses a caller's client without the private-address guard while <see cref="DoiLookupOptions.AllowPrivateAddresses"/>
    /// is false, as the link checker does: a resolver's redirect could otherwise reach this machine or
    /// its network. The client is asked once (in memory, see <see cref="LinkHttpHandler"/>).
    /// </summary>
    /// <exception cref="LinkOptionsException">The client has no guard, or one that allows private addresses.</exception>
    private async Task EnsureGuardedAsync()
    {
        if (_clientToCheck is null)
        {
            return;
        }

        var guard = await (_guard ??= LinkHttpHandler.CheckGuardAsync(_clientToCheck, CancellationToken.None)).ConfigureAwait(false);
        if (guard != LinkHttpHandler.RefusesPrivate)
        {
            throw new LinkOptionsException(nameof(DoiResolver),
            [
                "The HttpClient given to the DOI resolver " + (guard == LinkHttpHandler.AllowsPrivate
                    ? "allows private addresses while DoiLookupOptions.AllowPrivateAddresses is false."
                    : "has no private-address guard (its primary handler was not made by LinkHttpHandler.Create).")
                + " Make its primary handler with LinkHttpHandler.Create(), or set AllowPrivateAddresses = true to use the client as it is.",
            ]);
        }
    }

    /// <summary>
    /// Looks DOIs up, <see cref="DoiLookupOptions.Concurrency"/> at a time. The items come back in the order of the
    /// references; a DOI that could not be looked up gives an error diagnostic and no item.
    /// </summary>
    /// <param name="references">The DOIs and where each was named.</param>
    /// <param name="cancellationToken">Cancels the lookups.</param>
    public async Task<ParseResult<IReadOnlyList<CslItem>>> ResolveAllAsync(IReadOnlyList<DoiReference> references, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(references);
        var results = new ParseResult<CslItem>[references.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, references.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken },
            async (i, token) => results[i] = await ResolveAsync(references[i], token).ConfigureAwait(false)).ConfigureAwait(false);
        var items = results.Where(r => r.Value is not null).Select(r => r.Value!).ToList();
        return new ParseResult<IReadOnlyList<CslItem>>(items, results.SelectMany(r => r.Diagnostics).ToList());
    }

    /// <inheritdoc/>
    public void Dispose() => _ownedClient?.Dispose();

    private string CacheDescription => _cache?.Folder ?? "no cache";

    /// <summary>The item of a walk that ended in one valid CSL-JSON item (which is then cached), or the error that says why not.</summary>
    private ParseResult<CslItem> Judge(DoiReference reference, Uri url, Walk walk)
    {
        var doi = reference.Doi;
        var last = walk.Last;
        var at = $"DOI {doi.Text} could not be looked up at {url.AbsoluteUri}";
        if (walk.Failure is { } failure)
        {
            return Failed(reference, LinkDiagnosticCodes.DoiInvalidAnswer, $"{at}: {failure.Message.TrimEnd('.')}");
        }

        if (last.Error is { } error)
        {
            var offline = error.Kind is LinkErrorKind.NameNotFound or LinkErrorKind.NameResolutionFailed or LinkErrorKind.NetworkUnreachable
                or LinkErrorKind.ConnectionRefused or LinkErrorKind.Timeout
                ? $"; a DOI looked up once is kept in the DOI cache ({CacheDescription}) and found there offline"
                : string.Empty;
            var where = last.Url == url ? string.Empty : $" (redirected to {last.Url.AbsoluteUri})";
            return Failed(reference, LinkDiagnosticCodes.DoiUnavailable, $"{at}{where}: {ReportNames.ErrorKinds[error.Kind]}: {error.Message.TrimEnd('.')}{offline}");
        }

        var status = last.StatusCode!.Value;
        if (status is 404 or 410)
        {
            var answered = last.Url == url ? url.AbsoluteUri : $"{url.AbsoluteUri}, redirected to {last.Url.AbsoluteUri},";
            return Failed(reference, LinkDiagnosticCodes.DoiNotFound,
                string.Create(CultureInfo.InvariantCulture, $"DOI {doi.Text} is not known to the resolver ({answered} answered HTTP {status})"));
        }

        if (!last.IsSuccess)
        {
            return Failed(reference, LinkDiagnosticCodes.DoiInvalidAnswer, string.Create(CultureInfo.InvariantCulture, $"{at}: {last.Url.AbsoluteUri} answered HTTP {status}"));
        }

        if (last.BodyTruncated)
        {
            return Failed(reference, LinkDiagnosticCodes.DoiInvalidAnswer,
                string.Create(CultureInfo.InvariantCulture, $"{at}: the answer from {last.Url.AbsoluteUri} is larger than {_options.MaxResponseBytes} bytes (MaxResponseBytes)"));
        }

        var answer = DoiAnswer.Read(last.Body, last.Url.AbsoluteUri);
        if (answer.Item is null)
        {
            var type = last.ContentType is null ? string.Empty : $" ({last.ContentType})";
            return Failed(reference, LinkDiagnosticCodes.DoiInvalidAnswer, $"{at}: the answer from {last.Url.AbsoluteUri}{type} is not one CSL-JSON item: {answer.Problem}");
        }

        _cache?.Write(doi, answer.ItemJson, last.Url, TimeProvider.GetUtcNow());
        return Found(answer, reference);
    }

    /// <summary>The answer's item with the DOI as its id, and as its <c>DOI</c> when it has none; the reader's warnings told where the DOI was named.</summary>
    private static ParseResult<CslItem> Found(DoiAnswer answer, DoiReference reference)
    {
        var item = answer.Item!;
        var doi = reference.Doi;
        var variables = item.Variables;
        if (string.IsNullOrWhiteSpace(item.Doi))
        {
            variables = new Dictionary<string, CslScalar>(item.Variables, StringComparer.Ordinal) { [CslVariables.Doi] = CslScalar.FromString(doi.Text) };
        }

        return new ParseResult<CslItem>(item with { Id = CslScalar.FromString(doi.Text), Variables = variables },
            answer.Warnings.Select(w => DoiAnswer.Relocated(w, doi, reference.Location)).ToList());
    }

    private static ParseResult<CslItem> Failed(DoiReference reference, string code, string message)
        => new(null, [new Diagnostic(DiagnosticSeverity.Error, code, message + "; no item was made for it.", reference.Location)]);
}
