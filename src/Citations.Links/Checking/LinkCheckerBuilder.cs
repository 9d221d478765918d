using System.Diagnostics.Metrics;
using Citations.Links.Archives;
using Citations.Links.History;
using Citations.Links.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace Citations.Links.Checking;

/// <summary>
/// Configures a <see cref="LinkChecker"/>: options, and the outside world it uses (HTTP client or factory, clock,
/// history store, archives, DNS, resilience pipelines). Every part has a default, so <c>new LinkCheckerBuilder().Build()</c> works.
/// </summary>
/// <remarks>Not thread-safe; the checker it builds is.</remarks>
public sealed class LinkCheckerBuilder
{
    /// <summary>The environment variable that selects the resolver for <see cref="WithNetworkFromEnvironment"/>: <c>system</c> (the default) or <c>loopback</c> (<see cref="HostResolver.LoopbackOnly"/>).</summary>
    public const string ResolverVariable = "CITATIONS_LINKS_RESOLVER";

    /// <summary>
    /// The environment variable that selects the connectivity probe for <see cref="WithNetworkFromEnvironment"/>:
    /// <c>dns</c> (the default: the resolver is asked for public names), <c>online</c> or <c>offline</c>
    /// (<see cref="ConnectivityProbe.Fixed"/>).
    /// </summary>
    public const string ProbeVariable = "CITATIONS_LINKS_PROBE";

    /// <summary>The options; copied and validated by <see cref="Build"/>.</summary>
    public LinkCheckerOptions Options { get; set; } = new();

    internal HttpClient? HttpClient { get; private set; }

    internal IHttpClientFactory? HttpClientFactory { get; private set; }

    internal string HttpClientName { get; private set; } = string.Empty;

    internal TimeProvider TimeProvider { get; private set; } = TimeProvider.System;

    internal LinkHistory? History { get; private set; }

    internal ArchiveFinder? Archives { get; private set; }

    internal ArchiveOptions? ArchiveOptions { get; private set; }

    internal HostResolver Resolver { get; private set; } = HostResolver.System;

    internal ConnectivityProbe? Probe { get; private set; }

    internal Func<string, ResiliencePipeline<LinkResponse>>? HostPipelines { get; private set; }

    internal ILoggerFactory LoggerFactory { get; private set; } = NullLoggerFactory.Instance;

    internal IMeterFactory? MeterFactory { get; private set; }

    /// <summary>Changes the options.</summary>
    /// <param name="configure">Called with <see cref="Options"/>.</param>
    public LinkCheckerBuilder Configure(Action<LinkCheckerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(Options);
        return this;
    }

    /// <summary>
    /// Uses your client (not disposed by the checker). Make its handler with <see cref="LinkHttpHandler.Create"/>:
    /// the checker follows redirects and decompresses itself, and the private-address guard lives in that handler.
    /// A client without that guard is refused when a run starts (a <see cref="LinkOptionsException"/>) unless
    /// <see cref="LinkCheckerOptions.AllowPrivateAddresses"/> is on.
    /// </summary>
    /// <param name="client">The client.</param>
    public LinkCheckerBuilder WithHttpClient(HttpClient client)
    {
        HttpClient = client ?? throw new ArgumentNullException(nameof(client));
        HttpClientFactory = null;
        return this;
    }

    /// <summary>
    /// Takes a client from a factory for each run (configure the named client's primary handler with
    /// <see cref="LinkHttpHandler.Create"/>). A client without that guard is refused when a run starts unless
    /// <see cref="LinkCheckerOptions.AllowPrivateAddresses"/> is on.
    /// </summary>
    /// <param name="factory">The factory.</param>
    /// <param name="name">The named client; the default client when empty.</param>
    public LinkCheckerBuilder WithHttpClientFactory(IHttpClientFactory factory, string name = "")
    {
        HttpClientFactory = factory ?? throw new ArgumentNullException(nameof(factory));
        HttpClientName = name ?? string.Empty;
        HttpClient = null;
        return this;
    }

    /// <summary>
    /// Logs through your logger factory: the checker's events (category <c>Citations.Links.LinkChecker</c>, event ids
    /// 1001–1099: a run's start and end, each link's verdict, broken and rotted links, history problems) and Polly's
    /// events of the default host pipelines (retries, circuit breakers, timeouts).
    /// </summary>
    /// <param name="loggerFactory">The factory.</param>
    public LinkCheckerBuilder WithLoggerFactory(ILoggerFactory loggerFactory)
    {
        LoggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        return this;
    }

    /// <summary>
    /// Creates the checker's instruments (<see cref="Telemetry.LinkTelemetry"/>) on a meter from your factory (a host's
    /// <c>IMeterFactory</c>), instead of on the meter shared by checkers without one.
    /// </summary>
    /// <param name="meterFactory">The factory.</param>
    public LinkCheckerBuilder WithMeterFactory(IMeterFactory meterFactory)
    {
        MeterFactory = meterFactory ?? throw new ArgumentNullException(nameof(meterFactory));
        return this;
    }

    /// <summary>Uses a clock for timestamps, waits and timeouts (a fake one in tests).</summary>
    /// <param name="timeProvider">The clock.</param>
    public LinkCheckerBuilder WithTimeProvider(TimeProvider timeProvider)
    {
        TimeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        return this;
    }

    /// <summary>Records every check in a history store (not disposed by the checker), enabling rot verdicts, change detection and <see cref="LinkCheckerOptions.MaxAge"/>.</summary>
    /// <param name="history">The store.</param>
    public LinkCheckerBuilder WithHistory(LinkHistory history)
    {
        History = history ?? throw new ArgumentNullException(nameof(history));
        return this;
    }

    /// <summary>Looks up archived copies for failing and drifted links with your finder (not disposed by the checker).</summary>
    /// <param name="finder">The finder.</param>
    public LinkCheckerBuilder WithArchives(ArchiveFinder finder)
    {
        Archives = finder ?? throw new ArgumentNullException(nameof(finder));
        ArchiveOptions = null;
        return this;
    }

    /// <summary>Looks up archived copies for failing and drifted links, with a finder the checker creates on its own HTTP client.</summary>
    /// <param name="options">Archive endpoints and limits; the public archives when <see langword="null"/>.</param>
    public LinkCheckerBuilder WithArchives(ArchiveOptions? options = null)
    {
        ArchiveOptions = (options ?? new ArchiveOptions()).Clone();
        Archives = null;
        return this;
    }

    /// <summary>Resolves host names with your resolver (for the checker's own client and the default connectivity probe).</summary>
    /// <param name="resolver">The resolver.</param>
    public LinkCheckerBuilder WithHostResolver(HostResolver resolver)
    {
        Resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
        return this;
    }

    /// <summary>Decides whether the checker is offline with your probe.</summary>
    /// <param name="probe">The probe.</param>
    public LinkCheckerBuilder WithConnectivityProbe(ConnectivityProbe probe)
    {
        Probe = probe ?? throw new ArgumentNullException(nameof(probe));
        return this;
    }

    /// <summary>
    /// Builds each host's request pipeline with your factory instead of <see cref="Resilience.LinkResilience.CreateHostPipeline(string, LinkCheckerOptions, TimeProvider, ILoggerFactory?)"/>
    /// (which you may call and extend). Called once per host per run.
    /// </summary>
    /// <param name="factory">Makes the pipeline for a host (<c>host</c> or <c>host:port</c>).</param>
    public LinkCheckerBuilder WithHostPipelines(Func<string, ResiliencePipeline<LinkResponse>> factory)
    {
        HostPipelines = factory ?? throw new ArgumentNullException(nameof(factory));
        return this;
    }

    /// <summary>
    /// Chooses the resolver and the connectivity probe from configuration, so that a program (a command-line tool, a
    /// service) can be run without the network by its tests or in an offline job, without code changes:
    /// <see cref="ResolverVariable"/> = <c>loopback</c> resolves only <c>localhost</c> names and never asks DNS, and
    /// <see cref="ProbeVariable"/> = <c>online</c> or <c>offline</c> fixes what the probe answers. With the loopback
    /// resolver and no probe chosen, the probe asks that resolver, finds no public name, and the checker counts as
    /// offline. Unset or empty variables leave the builder as it is.
    /// </summary>
    /// <param name="getVariable">Reads a variable; <see cref="Environment.GetEnvironmentVariable(string)"/> when <see langword="null"/>.</param>
    /// <exception cref="LinkOptionsException">A variable has a value it does not know; every problem is listed.</exception>
    public LinkCheckerBuilder WithNetworkFromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var errors = new List<string>();
        var resolver = getVariable(ResolverVariable)?.Trim();
        switch (resolver?.ToLowerInvariant())
        {
            case null or "" or "system":
                break;
            case "loopback":
                WithHostResolver(HostResolver.LoopbackOnly);
                break;
            default:
                errors.Add($"{ResolverVariable} must be 'system' or 'loopback', not '{DisplayText.Escape(resolver)}'.");
                break;
        }

        var probe = getVariable(ProbeVariable)?.Trim();
        switch (probe?.ToLowerInvariant())
        {
            case null or "" or "dns":
                break;
            case "online":
                WithConnectivityProbe(ConnectivityProbe.Fixed(true));
                break;
            case "offline":
                WithConnectivityProbe(ConnectivityProbe.Fixed(false));
                break;
            default:
                errors.Add($"{ProbeVariable} must be 'dns', 'online' or 'offline', not '{DisplayText.Escape(probe)}'.");
                break;
        }

        return errors.Count == 0 ? this : throw new LinkOptionsException(nameof(LinkCheckerBuilder), errors);
    }

    /// <summary>Validates the options and builds the checker.</summary>
    /// <exception cref="LinkOptionsException">Some option is invalid; every problem is listed.</exception>
    public LinkChecker Build() => new(this);
}
