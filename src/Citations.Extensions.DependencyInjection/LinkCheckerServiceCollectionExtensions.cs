using System.Diagnostics.Metrics;
using Citations.Links;
using Citations.Links.Checking;
using Citations.Links.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Citations.Extensions.DependencyInjection;

/// <summary>Registers a <see cref="LinkChecker"/> with an application's services.</summary>
public static class LinkCheckerServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="LinkChecker"/> (disposed with the container) on the named client
    /// <see cref="LinkCheckerServiceBuilder.HttpClientName"/>, whose primary handler is the private-address guard
    /// (<see cref="LinkHttpHandler.Create"/>) made from the same <see cref="LinkCheckerOptions.AllowPrivateAddresses"/>
    /// the checker uses: allowing private addresses is one setting. The options are bound from
    /// <paramref name="configuration"/> (for example the section <c>Citations:Links</c>), then changed by
    /// <paramref name="configure"/>, and validated when the host starts (every error reported together, with the ranges
    /// of <see cref="LinkCheckerOptions"/>). The host's <see cref="ILoggerFactory"/> (the checker's events and Polly's),
    /// <see cref="IMeterFactory"/> and <see cref="TimeProvider"/> are used when registered.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding <see cref="LinkCheckerOptions"/> (property names as keys, durations as <c>hh:mm:ss</c>); none when <see langword="null"/>.</param>
    /// <param name="configure">Changes the options after binding; none when <see langword="null"/>.</param>
    /// <returns>A builder to add a history, a resolver or HTTP-client resilience.</returns>
    public static LinkCheckerServiceBuilder AddLinkChecker(this IServiceCollection services, IConfiguration? configuration = null, Action<LinkCheckerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<LinkCheckerOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration);
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LinkCheckerOptions>, LinkCheckerOptionsValidation>());
        services.TryAddSingleton(new LinkCheckerServiceSettings());
        var httpClient = services.AddHttpClient(LinkCheckerServiceBuilder.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var current = provider.GetRequiredService<IOptions<LinkCheckerOptions>>().Value;
                var settings = provider.GetRequiredService<LinkCheckerServiceSettings>();
                return LinkHttpHandler.Create(current.AllowPrivateAddresses, settings.Resolver, Math.Max(current.PerHostConcurrency, 2));
            });
        services.TryAddSingleton(provider => CreateChecker(provider));
        return new LinkCheckerServiceBuilder(services, options, httpClient);
    }

    private static LinkChecker CreateChecker(IServiceProvider provider)
    {
        var settings = provider.GetRequiredService<LinkCheckerServiceSettings>();
        var builder = new LinkCheckerBuilder { Options = provider.GetRequiredService<IOptions<LinkCheckerOptions>>().Value.Clone() }
            .WithHttpClientFactory(provider.GetRequiredService<IHttpClientFactory>(), LinkCheckerServiceBuilder.HttpClientName)
            .WithTimeProvider(provider.GetService<TimeProvider>() ?? TimeProvider.System);
        if (provider.GetService<ILoggerFactory>() is { } loggers)
        {
            builder.WithLoggerFactory(loggers);
        }

        if (provider.GetService<IMeterFactory>() is { } meters)
        {
            builder.WithMeterFactory(meters);
        }

        if (settings.Resolver is { } resolver)
        {
            builder.WithHostResolver(resolver);
        }

        foreach (var step in settings.CheckerSteps)
        {
            step(provider, builder);
        }

        return builder.Build();
    }
}
