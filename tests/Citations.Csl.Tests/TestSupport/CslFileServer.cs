using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Citations.Csl.Tests.TestSupport;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel) laid out like the CSL styles distribution or the locales repository: it
/// serves the files of a directory and can be told to answer the next requests for a path otherwise (503, 429 with
/// Retry-After, an HTML page, a held response). It counts every request.
/// </summary>
internal sealed class CslFileServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _root;
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpContext, Task>>> _faults = new(StringComparer.Ordinal);

    private CslFileServer(WebApplication app, string root)
    {
        _app = app;
        _root = Path.GetFullPath(root);
    }

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<CslFileServer> StartAsync(string root)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new CslFileServer(app, root);
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

    /// <summary>The next request for the path waits until the returned source is completed, then gets the file; the
    /// task returned second completes when that request has arrived.</summary>
    public (TaskCompletionSource Release, Task Arrived) HoldNext(string path)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(path, async context =>
        {
            arrived.TrySetResult();
            await release.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await ServeFileAsync(context, path);
        });
        return (release, arrived.Task);
    }

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

        await ServeFileAsync(context, path);
    }

    private async Task ServeFileAsync(HttpContext context, string path)
    {
        var file = Path.GetFullPath(Path.Combine(_root, path.TrimStart('/')));
        if (!file.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(file))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsync("not found");
            return;
        }

        context.Response.ContentType = Path.GetExtension(file) switch
        {
            ".csl" => "application/vnd.citationstyles.style+xml",
            ".json" => "application/json",
            _ => "application/xml",
        };
        await context.Response.SendFileAsync(file);
    }
}
