using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Citations.Links.PostgreSql.Tests.TestSupport;

/// <summary>
/// A Kestrel server on 127.0.0.1 that answers every request after a delay (a small page for <c>/pN</c> and <c>/slowN</c>, 404 otherwise), and records per host name
/// (the request's Host header) the most requests it served at once, and per path how often it was asked.
/// </summary>
public sealed class CountingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int[]> _hosts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);

    private CountingServer(WebApplication app) => _app = app;

    public int Port { get; private set; }

    /// <summary>How long each answer waits; a path starting with <c>/slow</c> waits <see cref="SlowDelay"/> instead.</summary>
    public TimeSpan Delay { get; set; }

    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(5);

    public static async Task<CountingServer> StartAsync(TimeSpan delay)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new CountingServer(app) { Delay = delay };
        app.Run(server.ServeAsync);
        await app.StartAsync();
        server.Port = new Uri(app.Urls.First()).Port;
        return server;
    }

    /// <summary>A URL on this server under the host name <paramref name="host"/> (a <c>localhost</c> name resolves to loopback).</summary>
    public string Url(string host, string path) => $"http://{host}:{Port}{path}";

    /// <summary>The most requests served at once, per host name.</summary>
    public IReadOnlyDictionary<string, int> MaxConcurrent => _hosts.ToDictionary(p => p.Key, p => Volatile.Read(ref p.Value[1]), StringComparer.Ordinal);

    /// <summary>How often each page (<c>/p1</c>, <c>/slow1</c>; with its host name: <c>host/p1</c>) was asked; other paths answer 404 and are not counted.</summary>
    public IReadOnlyDictionary<string, int> Hits => new Dictionary<string, int>(_hits, StringComparer.Ordinal);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task ServeAsync(HttpContext context)
    {
        var host = context.Request.Host.Host;
        var path = context.Request.Path.Value ?? "/";
        var page = System.Text.RegularExpressions.Regex.IsMatch(path, "^/(p|slow)[0-9]+$");
        if (page)
        {
            _hits.AddOrUpdate(host + path, 1, (_, n) => n + 1);
        }

        var counters = _hosts.GetOrAdd(host, _ => new int[2]);
        var now = Interlocked.Increment(ref counters[0]);
        int max;
        while ((max = Volatile.Read(ref counters[1])) < now && Interlocked.CompareExchange(ref counters[1], now, max) != max)
        {
        }

        try
        {
            await Task.Delay(path.StartsWith("/slow", StringComparison.Ordinal) ? SlowDelay : Delay, context.RequestAborted);
            // Only the pages exist: the checker's probe of a random path (soft-404 detection) gets 404.
            context.Response.StatusCode = page ? 200 : 404;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync($"<html><head><title>Page {path}</title></head><body><p>Page {path} on {host}.</p></body></html>", context.RequestAborted);
        }
        finally
        {
            Interlocked.Decrement(ref counters[0]);
        }
    }
}
