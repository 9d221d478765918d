using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Citations.Extensions.DependencyInjection.Tests;

/// <summary>A real Kestrel server on 127.0.0.1: /ok (200), /missing (404), /unavailable/KEY (503, counted per key).</summary>
public sealed class LoopbackSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);

    private LoopbackSite(WebApplication app) => _app = app;

    public int Port { get; private set; }

    public static async Task<LoopbackSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var site = new LoopbackSite(app);
        app.Run(site.HandleAsync);
        await app.StartAsync();
        site.Port = new Uri(app.Urls.First()).Port;
        return site;
    }

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    /// <summary>How many requests reached a path.</summary>
    public int Hits(string path) => _hits.GetValueOrDefault(path);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        _hits.AddOrUpdate(path, 1, (_, n) => n + 1);
        if (path == "/ok")
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><head><title>Report</title></head><body>The report.</body></html>");
        }
        else if (path.StartsWith("/unavailable/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 503;
        }
        else
        {
            context.Response.StatusCode = 404;
        }
    }
}

[TestClass]
public static class AssemblySetup
{
    public static LoopbackSite Site { get; private set; } = null!;

    [AssemblyInitialize]
    public static async Task StartAsync(TestContext context) => Site = await LoopbackSite.StartAsync();

    [AssemblyCleanup]
    public static async Task StopAsync() => await Site.DisposeAsync();
}
