using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Citations.Csl.Tests.Styles;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel) laid out like the CSL distribution: it serves the files of a directory and
/// can be told to fail the next requests for a path (503, 429 with Retry-After, an HTML page). It counts every request.
/// </summary>
internal sealed class StyleServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _root;
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpContext, Task>>> _faults = new(StringComparer.Ordinal);

    private StyleServer(WebApplication app, string root)
    {
        _app = app;
        _root = Path.GetFullPath(root);
    }

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<StyleServer> StartAsync(string root)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new StyleServer(app, root);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Urls.First() + "/");
        return server;
    }

    /// <summary>How many requests were made for a path such as <c>/apa.csl</c>.</summary>
    public int Requests(string path) => _requests.GetValueOrDefault(path);

    /// <summary>The total number of requests.</summary>
    public int TotalRequests => _requests.Values.Sum();

    /// <summary>The next request for the path gets this status instead of the file.</summary>
    public void FailNext(string path, int status, string? retryAfter = null)
        => Enqueue(path, context =>
        {
            context.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            return context.Response.WriteAsync("temporarily unavailable");
        });

    /// <summary>The next request for the path gets this body with status 200.</summary>
    public void AnswerNext(string path, string body, string contentType = "text/html")
        => Enqueue(path, context =>
        {
            context.Response.ContentType = contentType;
            return context.Response.WriteAsync(body);
        });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Enqueue(string path, Func<HttpContext, Task> answer) => _faults.GetOrAdd(path, _ => new()).Enqueue(answer);

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        _requests.AddOrUpdate(path, 1, (_, n) => n + 1);
        if (_faults.TryGetValue(path, out var queue) && queue.TryDequeue(out var answer))
        {
            await answer(context);
            return;
        }

        var file = Path.GetFullPath(Path.Combine(_root, path.TrimStart('/')));
        if (!file.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(file))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsync("not found");
            return;
        }

        context.Response.ContentType = "application/vnd.citationstyles.style+xml";
        await context.Response.SendFileAsync(file);
    }
}
