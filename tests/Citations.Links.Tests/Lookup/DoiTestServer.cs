using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Citations.Links.Tests.Lookup;

/// <summary>
/// A DOI resolver on 127.0.0.1 (Kestrel) for the lookup tests, shared with the command-line tests: CSL-JSON for some
/// DOIs (only when asked for it with <c>Accept</c>, HTML otherwise, as the real resolver does), 404 for unknown ones,
/// a redirect chain to an "agency", a redirect loop, a slow answer, malformed and oversize answers, an item with errors,
/// two items, and a server error once. Every request is recorded.
/// </summary>
public sealed class DoiTestServer : IAsyncDisposable
{
    /// <summary>A DOI the server knows.</summary>
    public const string Known = "10.1000/known.1";

    /// <summary>Another DOI the server knows.</summary>
    public const string Other = "10.1000/OTHER-2";

    /// <summary>A DOI the server does not know (404).</summary>
    public const string Missing = "10.1000/missing";

    /// <summary>A DOI answered after two redirects (302 to an agency, 303 to its CSL-JSON service).</summary>
    public const string Redirected = "10.5555/redirected";

    /// <summary>A DOI whose redirects loop.</summary>
    public const string Loop = "10.1000/loop";

    /// <summary>A DOI answered after 20 seconds.</summary>
    public const string Slow = "10.1000/slow";

    /// <summary>A DOI answered with HTML and status 200 (a landing page, not CSL-JSON).</summary>
    public const string Html = "10.1000/landing";

    /// <summary>A DOI answered with broken JSON.</summary>
    public const string Malformed = "10.1000/malformed";

    /// <summary>A DOI answered with 2 MiB of JSON.</summary>
    public const string Oversize = "10.1000/oversize";

    /// <summary>A DOI answered with an item whose author is a string, not a list of names (an error).</summary>
    public const string ItemWithErrors = "10.1000/bad-author";

    /// <summary>A DOI answered with an item of a type CSL does not define (a warning; the item is used).</summary>
    public const string UnknownType = "10.1000/odd-type";

    /// <summary>A DOI answered with an item whose type holds terminal control characters (quoted in the warning).</summary>
    public const string ControlCharacters = "10.1000/escape";

    /// <summary>A DOI answered with an array of two items.</summary>
    public const string TwoItems = "10.1000/two";

    /// <summary>A DOI answered with an array of one item.</summary>
    public const string OneInArray = "10.1000/array";

    /// <summary>A DOI whose first request gets 503 (then CSL-JSON): retried by the pipeline.</summary>
    public const string FlakyOnce = "10.1000/flaky";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, string? Accept)> _requests = new();
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    private DoiTestServer(WebApplication app) => _app = app;

    /// <summary>The resolver's base address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Address { get; private set; } = null!;

    public static async Task<DoiTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new DoiTestServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.Address = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return server;
    }

    /// <summary>How many requests asked for a path (the DOI's, or the agency's).</summary>
    public int Hits(string path) => _requests.Count(r => r.Path == path);

    /// <summary>Every request so far: its path and <c>Accept</c> header.</summary>
    public IReadOnlyList<(string Path, string? Accept)> Requests => _requests.ToList();

    /// <summary>The CSL-JSON the server gives a DOI (with the resolver's own id, which the lookup replaces).</summary>
    public static string ItemJson(string doi, string title)
        => $$"""{"id": "https://doi.org/{{doi}}", "type": "article-journal", "title": "{{title}}", "author": [{"family": "Okafor", "given": "Ada"}], "container-title": "Journal of Tests", "issued": {"date-parts": [[2021, 4]]}, "DOI": "{{doi}}"}""";

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var accept = request.Headers.Accept.ToString();
        _requests.Enqueue((path, accept));
        var response = context.Response;
        var wantsCsl = accept.Contains("application/vnd.citationstyles.csl+json", StringComparison.Ordinal);
        var doi = path.TrimStart('/');

        switch (doi)
        {
            case Known or Other or FlakyOnce when wantsCsl:
                if (doi == FlakyOnce && _counts.AddOrUpdate(doi, 1, (_, n) => n + 1) == 1)
                {
                    response.StatusCode = 503;
                    return;
                }

                await Csl(context, ItemJson(doi, doi == Other ? "Another study" : "A study of known things"));
                return;
            case Known or Other or FlakyOnce or Html:
                // What the resolver does without content negotiation: the landing page.
                response.ContentType = "text/html";
                await response.WriteAsync("<!DOCTYPE html><html><head><title>Landing page</title></head><body>Landing</body></html>", context.RequestAborted);
                return;
            case Redirected:
                response.StatusCode = 302;
                response.Headers.Location = "/agency/" + doi;
                return;
            case "agency/" + Redirected:
                response.StatusCode = 303;
                response.Headers.Location = "/agency/csl/" + Redirected;
                return;
            case "agency/csl/" + Redirected when wantsCsl:
                await Csl(context, ItemJson(Redirected, "Found through the agency"));
                return;
            case Loop:
                response.StatusCode = 302;
                response.Headers.Location = "/" + doi;
                return;
            case Slow:
                await Task.Delay(TimeSpan.FromSeconds(20), context.RequestAborted);
                await Csl(context, ItemJson(doi, "Late"));
                return;
            case Malformed:
                await Csl(context, """{"id": "x", "type": "book", "title": """);
                return;
            case Oversize:
                await Csl(context, ItemJson(doi, new string('x', 2 * 1024 * 1024)));
                return;
            case ItemWithErrors:
                await Csl(context, """{"id": "x", "type": "book", "title": "Named wrong", "author": "Okafor"}""");
                return;
            case UnknownType:
                await Csl(context, """{"id": "x", "type": "no-such-type", "title": "Typed oddly"}""");
                return;
            case ControlCharacters:
                await Csl(context, """{"id": "x", "type": "odd\u001b[2Jtype", "title": "Escaped"}""");
                return;
            case TwoItems:
                await Csl(context, "[" + ItemJson(doi + "/1", "One") + ", " + ItemJson(doi + "/2", "Two") + "]");
                return;
            case OneInArray:
                await Csl(context, "[" + ItemJson(doi, "Alone in an array") + "]");
                return;
        }

        response.StatusCode = 404;
        response.ContentType = "text/plain";
        await response.WriteAsync("DOI not found", context.RequestAborted);
    }

    private static async Task Csl(HttpContext context, string json)
    {
        context.Response.ContentType = "application/vnd.citationstyles.csl+json; charset=utf-8";
        try
        {
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(json), context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client stopped reading at its cap.
        }
    }
}
