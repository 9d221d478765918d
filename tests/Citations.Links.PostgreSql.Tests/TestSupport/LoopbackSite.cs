using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Citations.Links.PostgreSql.Tests.TestSupport;

/// <summary>A real Kestrel server on 127.0.0.1: <c>/ok…</c> answers 200 with a page, anything else 404; it counts requests per path.</summary>
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
        app.Run(async context =>
        {
            var path = context.Request.Path.Value ?? "/";
            site._hits.AddOrUpdate(path, 1, (_, n) => n + 1);
            if (path.StartsWith("/ok", StringComparison.Ordinal))
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync($"<html><head><title>Page {path}</title></head><body><p>The page at {path} is here.</p></body></html>");
                return;
            }

            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("<html><body>Not found</body></html>");
        });
        await app.StartAsync();
        site.Port = new Uri(app.Urls.First()).Port;
        return site;
    }

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public int Hits(string path) => _hits.GetValueOrDefault(path);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
