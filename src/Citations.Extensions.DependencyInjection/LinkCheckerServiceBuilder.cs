using Citations.Links;
using Citations.Links.Checking;
using Citations.Links.History;
using Citations.Links.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Citations.Extensions.DependencyInjection;

/// <summary>
/// Configures the link checker registered by
/// <see cref="LinkCheckerServiceCollectionExtensions.AddLinkChecker(IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration?, Action{LinkCheckerOptions}?)"/>.
/// </summary>
/// <remarks>
/// <para><b>One retry stack.</b> The checker retries through its own per-host Polly pipeline (backoff with jitter,
/// <c>Retry-After</c> within the check's time budget, a circuit breaker per host, every retry counted in the
/// evidence), so by default the named client has no resilience handler. An application that standardises on the HTTP
/// client's resilience (<c>AddStandardResilienceHandler</c>) adds it with <see cref="WithHttpClientResilience"/>,
/// which also sets <see cref="LinkCheckerOptions.MaxRetries"/> to 0: the checker then makes each request once and the
/// client's handler is the only one that retries it.</para>
/// </remarks>
public sealed class LinkCheckerServiceBuilder
{
    /// <summary>The name of the checker's <see cref="HttpClient"/> in the <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "Citations.Links";

    internal LinkCheckerServiceBuilder(IServiceCollection services, OptionsBuilder<LinkCheckerOptions> options, IHttpClientBuilder httpClient)
    {
        Services = services;
        Options = options;
        HttpClient = httpClient;
    }

    /// <summary>The services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The checker's options (bound, validated on start); add more configuration steps here.</summary>
    public OptionsBuilder<LinkCheckerOptions> Options { get; }

    /// <summary>
    /// The named client, for delegating handlers (logging, headers). Its primary handler is the address guard: do not
    /// replace it (a client without it is refused when a run starts unless private addresses are allowed). For
    /// retries use <see cref="WithHttpClientResilience"/>, not this builder directly.
    /// </summary>
    public IHttpClientBuilder HttpClient { get; }

    /// <summary>
    /// Moves retries to the HTTP client: <paramref name="addResilience"/> adds a resilience handler to the named client
    /// (for example <c>client => client.AddStandardResilienceHandler()</c>), and the checker's own retries are turned off
    /// (<see cref="LinkCheckerOptions.MaxRetries"/> = 0 after every other configuration), so a request is never retried
    /// by both. The checker keeps its per-host concurrency limit, minimum interval, circuit breaker and timeouts.
    /// </summary>
    /// <param name="addResilience">Adds the handler to the named client.</param>
    public LinkCheckerServiceBuilder WithHttpClientResilience(Action<IHttpClientBuilder> addResilience)
    {
        ArgumentNullException.ThrowIfNull(addResilience);
        addResilience(HttpClient);
        Services.PostConfigure<LinkCheckerOptions>(o => o.MaxRetries = 0);
        return this;
    }

    /// <summary>
    /// Records every check in a history file (SQLite; created when missing), registered as a singleton
    /// <see cref="LinkHistory"/> disposed with the container: rot verdicts, change detection, <see cref="LinkCheckerOptions.MaxAge"/>.
    /// </summary>
    /// <param name="path">The file.</param>
    public LinkCheckerServiceBuilder WithHistoryFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return WithHistory(_ => LinkHistory.Open(path));
    }

    /// <summary>
    /// Records every check in a history the application opens, registered as a singleton <see cref="LinkHistory"/>
    /// (opened when first needed, disposed with the container): for example a PostgreSQL history shared by several
    /// workers, <c>_ => PostgresLinkHistory.Open(connectionString)</c> from the Citations.Links.PostgreSql package.
    /// </summary>
    /// <param name="open">Opens the history.</param>
    public LinkCheckerServiceBuilder WithHistory(Func<IServiceProvider, LinkHistory> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        Services.TryAddSingleton(open);
        return WithChecker((provider, builder) => builder.WithHistory(provider.GetRequiredService<LinkHistory>()));
    }

    /// <summary>Resolves host names with a resolver of your own, in the guard handler and in the checker's connectivity probe (tests, offline jobs).</summary>
    /// <param name="resolver">The resolver.</param>
    public LinkCheckerServiceBuilder WithHostResolver(HostResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        Settings().Resolver = resolver;
        return this;
    }

    /// <summary>Any other change to the checker's builder (archives, a connectivity probe, host pipelines), made when the checker is first resolved.</summary>
    /// <param name="configure">Changes the builder; the provider gives other services.</param>
    public LinkCheckerServiceBuilder WithChecker(Action<IServiceProvider, LinkCheckerBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Settings().CheckerSteps.Add(configure);
        return this;
    }

    /// <summary>The settings instance registered by <c>AddLinkChecker</c> (registered as an instance, so this builder can fill it).</summary>
    private LinkCheckerServiceSettings Settings()
        => Services.FirstOrDefault(d => d.ServiceType == typeof(LinkCheckerServiceSettings))?.ImplementationInstance as LinkCheckerServiceSettings
           ?? throw new InvalidOperationException("AddLinkChecker registers the settings first.");
}
