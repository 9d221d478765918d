using Citations.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LinkRotWorker;

/// <summary>The worker's host: the link checker with its SQLite history, and the service that re-checks on a schedule.</summary>
public static class LinkRotHost
{
    /// <summary>A host builder with the checker (section <c>Citations:Links</c>) and the worker (section <c>LinkRot</c>).</summary>
    public static HostApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        var settings = builder.Configuration.GetSection(LinkRotOptions.Section);
        builder.Services.AddOptions<LinkRotOptions>().Bind(settings).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<LinkRotOptions>, LinkRotOptionsValidation>();
        builder.Services.AddLinkChecker(builder.Configuration.GetSection("Citations:Links"))
            .WithHistoryFile(settings[nameof(LinkRotOptions.HistoryFile)] ?? LinkRotOptions.DefaultHistoryFile);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<LinkRotService>();
        return builder;
    }
}
