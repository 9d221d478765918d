using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Citations.Links.Checking;
using Citations.Links.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Citations.Links.Tests.Infrastructure;

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 with an endpoint for every behaviour the checker must handle: slow
/// answers, resets, 429/503 with Retry-After, HEAD refused, redirect chains and loops, soft 404s, huge and compressed
/// bodies, quotes, and a fake Wayback/Memento archive. Started once for the test assembly.
/// </summary>
public sealed class TestSite : IAsyncDisposable
{
    public const string ArticleText = "In 2023, more than 76,000 Americans were killed due to synthetic opioid poisoning, the agency reported.";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _counters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _maxInFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Path, string Host, string Method, DateTimeOffset At)> _requests = new();
    private readonly byte[] _gzipBomb;
    private readonly ConcurrentDictionary<int, byte[]> _nestedGzip = new();

    private TestSite(WebApplication app, byte[] gzipBomb)
    {
        _app = app;
        _gzipBomb = gzipBomb;
    }

    public int Port { get; private set; }

    /// <summary>The text /drifting answers with; tests change it between runs.</summary>
    public string DriftingText { get; set; } = "Version one of the page.";

    /// <summary>The uncompressed size of /gzip-bomb.</summary>
    public const int BombSize = 20 * 1024 * 1024;

    public static async Task<TestSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var site = new TestSite(app, MakeGzipBomb());
        app.Run(site.HandleAsync);
        await app.StartAsync();
        site.Port = new Uri(app.Urls.First()).Port;
        return site;
    }

    /// <summary>A fresh key for the endpoints that change their answer after the first request (only keys starting "k-" count, so soft-404 probes of the same folder get a 404).</summary>
    public static string NewKey() => "k-" + Guid.NewGuid().ToString("N");

    /// <summary>A URL on a test host name (resolved to 127.0.0.1 by <see cref="Resolver"/>).</summary>
    public string Url(string path, string host = "site.test") => $"http://{host}:{Port}{path}";

    /// <summary>How many requests reached a path (any host, any method).</summary>
    public int Hits(string path) => _requests.Count(r => r.Path == path);

    /// <summary>Requests seen for paths starting with a prefix.</summary>
    public IReadOnlyList<(string Path, string Host, string Method, DateTimeOffset At)> Requests(string prefix)
        => _requests.Where(r => r.Path.StartsWith(prefix, StringComparison.Ordinal)).ToList();

    /// <summary>The most requests for a path prefix's counter key that were in flight at once, per host.</summary>
    public int MaxInFlight(string host) => _maxInFlight.GetValueOrDefault(host);

    /// <summary>Resolves *.test names to 127.0.0.1; "gone.test" and any other name do not exist.</summary>
    public static HostResolver Resolver { get; } = new TestResolver();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var host = request.Host.Host;
        _requests.Enqueue((path, host, request.Method, DateTimeOffset.UtcNow));
        var response = context.Response;
        var aborted = context.RequestAborted;
        string Key(string prefix) => path[prefix.Length..];
        int Count(string key) => _counters.AddOrUpdate(key, 1, (_, n) => n + 1);

        switch (path)
        {
            case "/" or "/ok":
                await Html(context, path == "/" ? "Home" : "Report", "<p>" + ArticleText + "</p>");
                return;
            case "/typographic":
                // Curly quotes, a non-breaking space and an entity: must still match a plainly typed quote.
                await Html(context, "Typography", "<p>The brief said: \u201Cmore than 76,000&nbsp;Americans were killed\u201D \u2014 a record.</p><script>var x = 'hidden words';</script>");
                return;
            case "/slow":
                await Task.Delay(TimeSpan.FromSeconds(20), aborted);
                await Html(context, "Slow", "<p>late</p>");
                return;
            case "/reset":
                context.Abort();
                return;
            case "/head-refused":
                if (HttpMethods.IsHead(request.Method))
                {
                    response.StatusCode = 405;
                    return;
                }

                await Html(context, "Report", "<p>" + ArticleText + "</p>");
                return;
            case "/head-501":
                if (HttpMethods.IsHead(request.Method))
                {
                    response.StatusCode = 501;
                    return;
                }

                await Html(context, "Report", "<p>ok</p>");
                return;
            case "/missing":
                response.StatusCode = 404;
                await response.WriteAsync("not here", aborted);
                return;
            case "/gone":
                response.StatusCode = 410;
                return;
            case "/forbidden":
                response.StatusCode = 403;
                return;
            case "/bot-wall":
                response.StatusCode = 503;
                response.Headers["Server"] = "cloudflare";
                response.Headers["cf-mitigated"] = "challenge";
                await Html(context, "Just a moment...", "<p>Checking your browser</p>", 503);
                return;
            case "/error":
                response.StatusCode = 500;
                return;
            case "/always-429":
                response.StatusCode = 429;
                response.Headers.RetryAfter = "1";
                return;
            case "/not-found-title":
                await Html(context, "Page Not Found | Agency", "<p>Sorry, we could not find that page.</p>");
                return;
            case "/huge":
                response.ContentType = "text/html";
                var chunk = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
                try
                {
                    for (var i = 0; i < 160 && !aborted.IsCancellationRequested; i++)
                    {
                        await response.Body.WriteAsync(chunk, aborted);
                    }
                }
                catch (OperationCanceledException)
                {
                    // The client stopped reading at its cap: expected.
                }

                return;
            case "/gzip-bomb":
                response.ContentType = "text/plain";
                response.Headers.ContentEncoding = "gzip";
                response.ContentLength = _gzipBomb.Length;
                await response.Body.WriteAsync(_gzipBomb, aborted);
                return;
            case "/gzip-page":
                await Compressed(context, "gzip", "<html><head><title>Zipped</title></head><body><p>" + ArticleText + "</p></body></html>");
                return;
            case "/br-page":
                await Compressed(context, "br", "<html><head><title>Brotli</title></head><body><p>" + ArticleText + "</p></body></html>");
                return;
            case "/drifting":
                await Html(context, "Drifting", "<p>" + DriftingText + "</p>");
                return;
            case "/pdf":
                response.ContentType = "application/pdf";
                await response.Body.WriteAsync("%PDF-1.4 binary"u8.ToArray(), aborted);
                return;
            case "/gzip-br":
                // Two stacked codings, as Content-Encoding lists them: gzip applied first, then Brotli.
                await Stacked(context, ["gzip", "br"], "<html><head><title>Two codings</title></head><body><p>" + ArticleText + "</p></body></html>");
                return;
            case "/retry-after/far":
                response.StatusCode = 429;
                response.Headers.RetryAfter = "100000";
                return;
            case "/retry-after/year-9999":
                response.StatusCode = 503;
                response.Headers.RetryAfter = "Fri, 31 Dec 9999 23:59:59 GMT";
                return;
            case "/routes/404-timetable":
                await Html(context, "Route 404 timetable", "<p>Buses on route 404 leave every twenty minutes from the station.</p>");
                return;
            case "/soft/gone-report":
                await Html(context, "Page Not Found | Agency", "<p>Sorry, we could not find that report. Try the search box.</p>");
                return;
            case "/soft/control-title":
                // A soft 404 by its title, which carries terminal escape sequences and a right-to-left override.
                await Html(context, "Page not found \u001b[2J\u001b]8;;http://evil.example/\u0007fake\u001b]8;;\u0007 \u202egpj.exe", "<p>Nothing here.</p>");
                return;
            case "/needs-credentials":
                // 200 only for the Basic credentials user:secret, so a test sees the request carried them.
                response.StatusCode = request.Headers.Authorization.ToString() == "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes("user:secret")) ? 200 : 401;
                response.Headers.WWWAuthenticate = "Basic realm=\"test\"";
                return;
        }

        if (path.StartsWith("/gzip-layers/", StringComparison.Ordinal) && int.TryParse(Key("/gzip-layers/"), CultureInfo.InvariantCulture, out var layers))
        {
            var body = _nestedGzip.GetOrAdd(layers, NestedGzip);
            response.ContentType = "text/html";
            response.Headers.ContentEncoding = string.Join(", ", Enumerable.Repeat("gzip", layers));
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, aborted);
            return;
        }

        if (path.StartsWith("/retry-after/seconds/k-", StringComparison.Ordinal))
        {
            if (Count(path) == 1)
            {
                response.StatusCode = 429;
                response.Headers.RetryAfter = "1";
                return;
            }

            await Html(context, "Report", "<p>ok</p>");
            return;
        }

        if (path.StartsWith("/retry-after/date/k-", StringComparison.Ordinal))
        {
            if (Count(path) == 1)
            {
                response.StatusCode = 503;
                response.Headers.RetryAfter = DateTimeOffset.UtcNow.AddSeconds(2).ToString("r", CultureInfo.InvariantCulture);
                return;
            }

            await Html(context, "Report", "<p>ok</p>");
            return;
        }

        if (path.StartsWith("/slow-once/k-", StringComparison.Ordinal))
        {
            if (Count(path) == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(20), aborted);
            }

            await Html(context, "Report", "<p>ok</p>");
            return;
        }

        if (path.StartsWith("/reset-once/k-", StringComparison.Ordinal))
        {
            if (Count(path) == 1)
            {
                context.Abort();
                return;
            }

            await Html(context, "Report", "<p>ok</p>");
            return;
        }

        if (path.StartsWith("/chain/", StringComparison.Ordinal) && int.TryParse(Key("/chain/"), CultureInfo.InvariantCulture, out var left))
        {
            Redirect(context, left == 0 ? "/ok" : "/chain/" + (left - 1).ToString(CultureInfo.InvariantCulture), 301);
            return;
        }

        switch (path)
        {
            case "/temporary":
                Redirect(context, "/ok", 302);
                return;
            case "/loop/a":
                Redirect(context, "/loop/b", 302);
                return;
            case "/loop/b":
                Redirect(context, "/loop/a", 302);
                return;
            case "/Canonical":
                Redirect(context, "/canonical/", 301);
                return;
            case "/canonical/":
                await Html(context, "Canonical", "<p>ok</p>");
                return;
            case "/no-location":
                response.StatusCode = 302;
                return;
        }

        if (path.StartsWith("/soft/", StringComparison.Ordinal))
        {
            // A host that answers 200 with its front page for every unknown path, echoing the path.
            if (path == "/soft/real-article")
            {
                await Html(context, "A real article", "<p>" + ArticleText + " Further analysis follows in detail with tables and notes.</p>");
                return;
            }

            await Html(context, "Welcome", $"<p>Welcome to our site. We could not show {WebUtility.HtmlEncode(path)}. Browse our latest news, services and contact pages.</p>");
            return;
        }

        if (path.StartsWith("/to-root/", StringComparison.Ordinal))
        {
            Redirect(context, "/", 302);
            return;
        }

        if (path.StartsWith("/busy/", StringComparison.Ordinal))
        {
            var now = _inFlight.AddOrUpdate(host, 1, (_, n) => n + 1);
            _maxInFlight.AddOrUpdate(host, now, (_, m) => Math.Max(m, now));
            try
            {
                await Task.Delay(100, aborted);
            }
            finally
            {
                _inFlight.AddOrUpdate(host, 0, (_, n) => n - 1);
            }

            await Html(context, "Busy", "<p>done</p>");
            return;
        }

        if (path.StartsWith("/archive/", StringComparison.Ordinal) || path.StartsWith("/memento/", StringComparison.Ordinal))
        {
            await FakeArchive.HandleAsync(context, this);
            return;
        }

        response.StatusCode = 404;
    }

    internal Task Html(HttpContext context, string title, string body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync($"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>", context.RequestAborted);
    }

    internal static void Redirect(HttpContext context, string location, int status)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
    }

    private static async Task Compressed(HttpContext context, string encoding, string html)
    {
        using var buffer = new MemoryStream();
        await using (Stream compressor = encoding == "gzip" ? new GZipStream(buffer, CompressionLevel.Fastest, true) : new BrotliStream(buffer, CompressionLevel.Fastest, true))
        {
            await compressor.WriteAsync(Encoding.UTF8.GetBytes(html));
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.ContentEncoding = encoding;
        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted);
    }

    private static async Task Stacked(HttpContext context, string[] codings, string html)
    {
        var body = Encoding.UTF8.GetBytes(html);
        foreach (var coding in codings)
        {
            using var buffer = new MemoryStream();
            await using (Stream compressor = coding == "gzip" ? new GZipStream(buffer, CompressionLevel.Fastest, true) : new BrotliStream(buffer, CompressionLevel.Fastest, true))
            {
                await compressor.WriteAsync(body);
            }

            body = buffer.ToArray();
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.ContentEncoding = string.Join(", ", codings);
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>Builds the body of <c>/gzip-layers/N</c> ahead of time, so a request for it is answered at once even on a
    /// loaded machine (6,000 layers take seconds to compress).</summary>
    public void PrepareNestedGzip(int layers) => _nestedGzip.GetOrAdd(layers, NestedGzip);

    /// <summary>A page wrapped in <paramref name="layers"/> gzip layers (stored, not compressed: fast to make, a little larger each layer).</summary>
    private static byte[] NestedGzip(int layers)
    {
        var body = Encoding.UTF8.GetBytes("<html><head><title>Layers</title></head><body><p>deep</p></body></html>");
        for (var i = 0; i < layers; i++)
        {
            using var buffer = new MemoryStream(body.Length + 64);
            using (var gzip = new GZipStream(buffer, CompressionLevel.NoCompression, true))
            {
                gzip.Write(body);
            }

            body = buffer.ToArray();
        }

        return body;
    }

    private static byte[] MakeGzipBomb()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, true))
        {
            var block = new byte[1024 * 1024];
            Array.Fill(block, (byte)'a');
            for (var i = 0; i < BombSize / block.Length; i++)
            {
                gzip.Write(block);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A TCP port with nothing listening: connections to it are refused.</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class TestResolver : HostResolver
    {
        public override ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken = default)
            => host.EndsWith(".test", StringComparison.OrdinalIgnoreCase) && !host.Equals("gone.test", StringComparison.OrdinalIgnoreCase)
                ? new ValueTask<IPAddress[]>([IPAddress.Loopback])
                : ValueTask.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    }
}

/// <summary>Options and a checker tuned for the local test server: private addresses allowed, short timeouts and waits.</summary>
public static class TestChecker
{
    public static LinkCheckerOptions Options() => new()
    {
        AllowPrivateAddresses = true,
        AttemptTimeout = TimeSpan.FromSeconds(3),
        TotalTimeout = TimeSpan.FromSeconds(15),
        MaxRetries = 2,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromMilliseconds(100),
        MaxRetryAfter = TimeSpan.FromMilliseconds(300),
        PerHostMinimumInterval = TimeSpan.Zero,
        MaxBodyBytes = 256 * 1024,
    };

    public static LinkCheckerBuilder Builder(Action<LinkCheckerOptions>? configure = null)
    {
        var options = Options();
        configure?.Invoke(options);
        return new LinkCheckerBuilder { Options = options }
            .WithHostResolver(TestSite.Resolver)
            .WithConnectivityProbe(ConnectivityProbe.Fixed(true));
    }

    public static LinkChecker Create(Action<LinkCheckerOptions>? configure = null) => Builder(configure).Build();

    /// <summary>Archive options pointing at the fake archive of the test site.</summary>
    public static Citations.Links.Archives.ArchiveOptions ArchiveOptions(TestSite site) => new()
    {
        WaybackEndpoint = new Uri(site.Url("/archive/", "archive.test")),
        MementoTimeMaps = [],
        MementoTimeGates = [],
        MinimumInterval = TimeSpan.Zero,
        Timeout = TimeSpan.FromSeconds(5),
    };
}
