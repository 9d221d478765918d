using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Citations.CslData;
using Citations.Links.Archives;
using Citations.Links.Extraction;
using Citations.Links.History;
using Citations.Links.Http;
using Citations.Links.Resilience;
using Citations.Links.Telemetry;
using Citations.Model;
using Microsoft.Extensions.Logging;
using Polly;

namespace Citations.Links.Checking;

/// <summary>
/// Checks cited links: each distinct URL once per run, politely (global and per-host limits, a minimum interval per
/// host), resiliently (Polly retries honouring <c>Retry-After</c>, timeouts, per-host circuit breakers) and honestly
/// (a verdict with evidence; "inconclusive" rather than "gone" when the checker itself is offline).
/// </summary>
/// <example>
/// The simple case:
/// <code>
/// using var checker = new LinkChecker();
/// await foreach (var result in checker.CheckAsync([LinkTarget.FromUrl("https://example.com/report")]))
///     Console.WriteLine($"{result.Url}: {result.Verdict}");
/// </code>
/// </example>
/// <remarks>
/// Immutable once built and thread-safe: runs may overlap. Results stream as they complete, not in input order.
/// Disposing it disposes what it made (its own HTTP client, its own archive finder), never what it was given.
/// </remarks>
public sealed class LinkChecker : IDisposable, IAsyncDisposable
{
    private readonly HttpClient? _ownedClient;
    private readonly HttpClient? _client;
    private readonly IHttpClientFactory? _factory;
    private readonly string _clientName;
    private readonly ArchiveFinder? _ownedArchives;
    private Task<string?>? _clientGuard;

    /// <summary>Creates a checker with the default options.</summary>
    public LinkChecker()
        : this(new LinkCheckerBuilder())
    {
    }

    /// <summary>Creates a checker with options (copied and validated) and default services.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="LinkOptionsException">Some option is invalid; every problem is listed.</exception>
    public LinkChecker(LinkCheckerOptions options)
        : this(new LinkCheckerBuilder { Options = options ?? throw new ArgumentNullException(nameof(options)) })
    {
    }

    internal LinkChecker(LinkCheckerBuilder builder)
    {
        var options = builder.Options.Clone();
        options.Validate();
        Options = options;
        TimeProvider = builder.TimeProvider;
        History = builder.History;
        Logger = builder.LoggerFactory.CreateLogger(LinkLog.Category);
        Instruments = LinkInstruments.Create(builder.MeterFactory);
        var loggerFactory = builder.LoggerFactory;
        _factory = builder.HttpClientFactory;
        _clientName = builder.HttpClientName;
        if (_factory is null)
        {
            _client = builder.HttpClient;
            if (_client is null)
            {
                var handler = LinkHttpHandler.Create(options.AllowPrivateAddresses, builder.Resolver, Math.Max(options.PerHostConcurrency, 2));
                _client = _ownedClient = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
            }
        }

        Probe = builder.Probe ?? (ReferenceEquals(builder.Resolver, HostResolver.System)
            ? ConnectivityProbe.Default
            : ConnectivityProbe.Dns(builder.Resolver, ConnectivityProbe.DefaultProbeHosts));
        HostPipelines = builder.HostPipelines ?? (host => LinkResilience.CreateHostPipeline(host, Options, TimeProvider, loggerFactory));
        Archives = builder.Archives;
        if (Archives is null && builder.ArchiveOptions is { } archiveOptions)
        {
            Archives = _ownedArchives = new ArchiveFinder(archiveOptions, _client ?? _factory!.CreateClient(_clientName), TimeProvider,
                options.AllowPrivateAddresses, options.UserAgent);
        }

        TotalTimeout = new ResiliencePipelineBuilder { TimeProvider = TimeProvider, Name = "total" }
            .ConfigureTelemetry(loggerFactory).AddTimeout(options.TotalTimeout).Build();
        Rules = new TargetRules(options);
    }

    /// <summary>The options in force (a copy: changing it changes nothing).</summary>
    public LinkCheckerOptions Options { get; }

    /// <summary>The clock used for timestamps, waits and timeouts.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The history store, if any.</summary>
    public LinkHistory? History { get; }

    internal ArchiveFinder? Archives { get; }

    internal ILogger Logger { get; }

    internal LinkInstruments Instruments { get; }

    internal ConnectivityProbe Probe { get; }

    internal Func<string, ResiliencePipeline<LinkResponse>> HostPipelines { get; }

    internal ResiliencePipeline TotalTimeout { get; }

    internal TargetRules Rules { get; }

    /// <summary>
    /// Whether a link is left out of runs by <see cref="LinkCheckerOptions.ExcludePatterns"/> and
    /// <see cref="LinkCheckerOptions.IncludePatterns"/> (such links are not requested and get no result).
    /// </summary>
    /// <param name="url">The URL as cited.</param>
    public bool IsExcluded(string url) => Rules.Excludes(url ?? throw new ArgumentNullException(nameof(url)));

    /// <summary>Starts configuring a checker.</summary>
    public static LinkCheckerBuilder CreateBuilder() => new();

    /// <summary>
    /// Checks targets, streaming one result per distinct URL as each completes. With a history store, each result is
    /// committed before it is yielded, so stopping the run (or the process) loses nothing already checked; a history
    /// that fails mid-run (a damaged file) does not stop it (see <see cref="LinkHistory.Diagnostics"/>).
    /// </summary>
    /// <exception cref="LinkOptionsException">On the first step: the HTTP client given to the builder has no private-address guard while <see cref="LinkCheckerOptions.AllowPrivateAddresses"/> is off.</exception>
    /// <param name="targets">The links to check; several targets with the same normalised URL give one result listing them all. Links left out by the options' patterns (<see cref="IsExcluded"/>) are skipped.</param>
    /// <param name="progress">Told after each result.</param>
    /// <param name="cancellationToken">Stops the run; results already yielded stay valid.</param>
    public async IAsyncEnumerable<LinkCheckResult> CheckAsync(IEnumerable<LinkTarget> targets, IProgress<LinkCheckProgress>? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var client = _client ?? _factory!.CreateClient(_clientName);
        await EnsureGuardedAsync(client, cancellationToken).ConfigureAwait(false);
        var run = new CheckRun(this, client);
        var (work, invalid) = WorkItem.Group(targets.Where(t => !Rules.Excludes(t.Url)), Rules.Remap);
        var total = work.Count + invalid.Count;
        var completed = 0;
        var broken = 0;
        LinkLog.RunStarted(Logger, total, work.Sum(w => w.Targets.Count) + invalid.Sum(r => r.Targets.Count));

        foreach (var result in invalid)
        {
            completed++;
            broken++;
            progress?.Report(new LinkCheckProgress(total, completed, broken, result));
            yield return result;
        }

        if (work.Count == 0)
        {
            LinkLog.RunFinished(Logger, completed, total, broken);
            yield break;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<LinkCheckResult>(new BoundedChannelOptions(256) { SingleReader = true, SingleWriter = false });
        var producer = Task.Run(() => run.RunAsync(work, channel.Writer, stop.Token), CancellationToken.None);
        try
        {
            while (await channel.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var result))
                {
                    completed++;
                    if (result.IsBroken)
                    {
                        broken++;
                    }

                    progress?.Report(new LinkCheckProgress(total, completed, broken, result) { ActiveHosts = run.ActiveHosts() });
                    yield return result;
                }
            }

            await producer.ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await producer.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The consumer stopped early or cancelled: the workers were told to stop.
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        LinkLog.RunFinished(Logger, completed, total, broken);
    }

    /// <summary>
    /// Refuses a client that would let the checker reach private addresses while <see cref="LinkCheckerOptions.AllowPrivateAddresses"/>
    /// is off: the guard lives in the connect step of <see cref="LinkHttpHandler"/>, which a client of your own may not
    /// have, and a checker cannot add it to a built client. So the client is asked (in memory, see
    /// <see cref="LinkHttpHandler"/>), and refused unless its handler is that guard, refusing private addresses.
    /// </summary>
    private async Task EnsureGuardedAsync(HttpClient client, CancellationToken cancellationToken)
    {
        if (Options.AllowPrivateAddresses || ReferenceEquals(client, _ownedClient))
        {
            return;
        }

        var guard = ReferenceEquals(client, _client)
            ? await (_clientGuard ??= LinkHttpHandler.CheckGuardAsync(client, CancellationToken.None)).ConfigureAwait(false)
            : await LinkHttpHandler.CheckGuardAsync(client, cancellationToken).ConfigureAwait(false);
        if (guard == LinkHttpHandler.RefusesPrivate)
        {
            return;
        }

        var source = _factory is null ? "The HttpClient given to the link checker" : $"The client '{_clientName}' of the IHttpClientFactory given to the link checker";
        var why = guard == LinkHttpHandler.AllowsPrivate
            ? "has a handler made with LinkHttpHandler.Create(allowPrivateAddresses: true), while the checker's AllowPrivateAddresses is false"
            : "has no private-address guard (its primary handler was not made by LinkHttpHandler.Create), so a cited URL could reach this machine or its network";
        LinkLog.ClientRefused(Logger, $"{source} {why}");
        throw new LinkOptionsException(nameof(LinkCheckerBuilder),
        [
            $"{source} {why}. Make its primary handler with LinkHttpHandler.Create() (with IHttpClientFactory: ConfigurePrimaryHttpMessageHandler(() => LinkHttpHandler.Create())), or set AllowPrivateAddresses = true to use the client as it is.",
        ]);
    }

    /// <summary>Checks URLs (see <see cref="CheckAsync(IEnumerable{LinkTarget}, IProgress{LinkCheckProgress}?, CancellationToken)"/>).</summary>
    /// <param name="urls">The URLs.</param>
    /// <param name="progress">Told after each result.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public IAsyncEnumerable<LinkCheckResult> CheckUrlsAsync(IEnumerable<string> urls, IProgress<LinkCheckProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(urls);
        return CheckAsync(urls.Select(LinkTarget.FromUrl), progress, cancellationToken);
    }

    /// <summary>Checks the URLs (or DOIs) of CSL items; items without either are skipped.</summary>
    /// <param name="items">The items.</param>
    /// <param name="progress">Told after each result.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public IAsyncEnumerable<LinkCheckResult> CheckItemsAsync(IEnumerable<CslItem> items, IProgress<LinkCheckProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        return CheckAsync(items.Select(i => LinkTarget.FromCslItem(i)).OfType<LinkTarget>(), progress, cancellationToken);
    }

    /// <summary>
    /// Checks the links of an article's sources: one per source with a URL or DOI, looking for the passages its claims
    /// quote (see <see cref="ArticleLinkTargets"/>). Sources without a link are not requested; list them with
    /// <c>ArticleLinkTargets.From(article).NotCheckable</c> and give them to <see cref="Reports.LinkReport"/>.
    /// </summary>
    /// <param name="article">The article.</param>
    /// <param name="progress">Told after each result.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public IAsyncEnumerable<LinkCheckResult> CheckArticleAsync(Article article, IProgress<LinkCheckProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(article);
        return CheckAsync(ArticleLinkTargets.From(article).Targets, progress, cancellationToken);
    }

    /// <summary>Checks the URLs (or DOIs) of sources, without quotes; sources without either are skipped.</summary>
    /// <param name="sources">The sources.</param>
    /// <param name="progress">Told after each result.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public IAsyncEnumerable<LinkCheckResult> CheckSourcesAsync(IEnumerable<Source> sources, IProgress<LinkCheckProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return CheckAsync(sources.Select(s => ArticleLinkTargets.FromSource(s)).OfType<LinkTarget>(), progress, cancellationToken);
    }

    /// <summary>Checks one URL.</summary>
    /// <param name="url">The URL.</param>
    /// <param name="cancellationToken">Stops the check.</param>
    public async Task<LinkCheckResult> CheckAsync(string url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        await foreach (var result in CheckAsync([LinkTarget.FromUrl(url)], null, cancellationToken).ConfigureAwait(false))
        {
            return result;
        }

        throw new InvalidOperationException("The check produced no result.");
    }

    /// <summary>Checks targets and collects every result, in the order the URLs were first cited.</summary>
    /// <param name="targets">The links to check.</param>
    /// <param name="progress">Told after each result.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public async Task<IReadOnlyList<LinkCheckResult>> CheckAllAsync(IEnumerable<LinkTarget> targets, IProgress<LinkCheckProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var list = targets as IReadOnlyList<LinkTarget> ?? targets.ToList();
        var order = new Dictionary<LinkTarget, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < list.Count; i++)
        {
            order.TryAdd(list[i], i);
        }

        var results = new List<LinkCheckResult>();
        await foreach (var result in CheckAsync(list, progress, cancellationToken).ConfigureAwait(false))
        {
            results.Add(result);
        }

        return results.OrderBy(r => r.Targets.Count == 0 ? int.MaxValue : order.GetValueOrDefault(r.Targets[0], int.MaxValue)).ToList();
    }

    /// <summary>Disposes what the checker made: its own HTTP client and archive finder (not a client, factory, history or finder it was given).</summary>
    public void Dispose()
    {
        _ownedArchives?.Dispose();
        _ownedClient?.Dispose();
    }

    /// <summary>Disposes what the checker made (see <see cref="Dispose"/>); nothing it holds needs asynchronous disposal, so this completes at once.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
