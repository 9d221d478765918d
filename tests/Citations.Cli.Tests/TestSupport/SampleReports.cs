using Citations.Cli.Commands;
using Citations.Links;
using Citations.Links.History;
using Citations.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Citations.Cli.Tests.TestSupport;

/// <summary>
/// The three HTML reports, made once per test run by the real commands into a temporary folder: <c>check --html</c>
/// of an article whose links are served by a Kestrel server on 127.0.0.1 (one alive with its quote, one gone, one whose
/// quote is gone, one source with no link whose title is markup), <c>report --html</c> of the sample article, and
/// <c>history --html</c> of a history with four runs (one link rots).
/// </summary>
internal static class SampleReports
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Made? _made;

    /// <summary>A title that would load an image and run script if it were not escaped.</summary>
    public const string HostileTitle = "<img src=\"http://127.0.0.1:9/x.png\" onerror=\"console.error('escaped?')\"><script>console.error('escaped?')</script>";

    public sealed record Made(string Folder, string Check, string Report, string History, string CheckOutput, int CheckExit, string HistoryOutput, int HistoryExit, string HistoryJson, string ServerBase);

    public static async Task<Made> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _made ??= await MakeAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<Made> MakeAsync()
    {
        var folder = Directory.CreateTempSubdirectory("citations-html-").FullName;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var server = builder.Build();
        server.Run(async http =>
        {
            if (http.Request.Path != "/data" && http.Request.Path != "/report")
            {
                http.Response.StatusCode = 404;
                return;
            }

            http.Response.ContentType = "text/html";
            await http.Response.WriteAsync("<html><head><title>Data</title></head><body><p>More than 76,000 deaths.</p></body></html>");
        });
        await server.StartAsync();
        var root = server.Urls.First().TrimEnd('/');
        var article = Path.Combine(folder, "article.json");
        await File.WriteAllTextAsync(article, $$$"""
            {
              "formatVersion": 1,
              "metadata": {"id": "piece", "type": "article-newspaper", "title": "Piece"},
              "claims": [
                {"id": "c1", "kind": "statistic", "text": "Deaths passed 76,000.", "anchor": {"paragraph": 1, "selector": {"exact": "76,000"}},
                 "evidence": [{"source": "data", "relation": "citesAsDataSource", "quote": "More than 76,000 deaths"}]},
                {"id": "c2", "kind": "factual", "text": "Deaths fell below 10,000.", "anchor": {"paragraph": 2, "selector": {"exact": "10,000"}},
                 "evidence": [{"source": "drifted", "relation": "citesAsEvidence", "quote": "Fewer than 10,000 deaths"}, {"source": "old", "relation": "citesAsEvidence"}, {"source": "brief", "relation": "citesAsEvidence"}]}
              ],
              "sources": [
                {"class": "primaryData", "item": {"id": "data", "type": "dataset", "URL": "{{{root}}}/data"}},
                {"class": "news", "item": {"id": "drifted", "type": "webpage", "URL": "{{{root}}}/report"}},
                {"class": "news", "item": {"id": "old", "type": "webpage", "URL": "{{{root}}}/missing"}},
                {"class": "advocacyOrThinkTank", "item": {"id": "brief", "type": "report", "title": {{{System.Text.Json.JsonSerializer.Serialize(HostileTitle)}}}}}
              ]
            }
            """);
        var check = await RunAsync(folder, "check", article, "--allow-private", "--no-archives", "--no-db", "--html", "check.html");
        var report = await RunAsync(folder, "report", Path.Combine(RepoPaths.Seeds, "article.json"), "--html", "report.html");
        Assert.AreEqual(0, report.Exit, report.Error);

        await MakeHistoryAsync(Path.Combine(folder, "links.db"), root);
        var history = await RunAsync(folder, "history", "--db", "links.db", "--html", "history.html", "--json", "history.json");
        return new Made(folder, Path.Combine(folder, "check.html"), Path.Combine(folder, "report.html"), Path.Combine(folder, "history.html"),
            check.Out, check.Exit, history.Out, history.Exit, Path.Combine(folder, "history.json"), root);
    }

    /// <summary>
    /// Four runs ten days apart (the default rot policy: three failures at least three days apart): <c>/stable</c>
    /// alive throughout, <c>/rotting</c> alive then gone three times (rot at the fourth run), and <c>/offline</c>
    /// inconclusive then alive.
    /// </summary>
    public static readonly DateTimeOffset FirstRun = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static async Task MakeHistoryAsync(string path, string root)
    {
        using var history = LinkHistory.Open(path);
        var verdicts = new (string Path, LinkVerdict[] ByRun)[]
        {
            ("/stable", [LinkVerdict.Alive, LinkVerdict.Alive, LinkVerdict.Alive, LinkVerdict.Alive]),
            ("/rotting", [LinkVerdict.Alive, LinkVerdict.Gone, LinkVerdict.Gone, LinkVerdict.Gone]),
            ("/offline", [LinkVerdict.Inconclusive, LinkVerdict.Alive, LinkVerdict.Alive, LinkVerdict.Alive]),
        };
        for (var run = 0; run < 4; run++)
        {
            var at = FirstRun.AddDays(10 * run);
            foreach (var (urlPath, byRun) in verdicts)
            {
                var verdict = byRun[run];
                await history.RecordAsync(new LinkCheckResult
                {
                    Url = root + urlPath,
                    Targets = [new LinkTarget(root + urlPath)],
                    Verdict = verdict,
                    Evidence = new LinkEvidence { StatusCode = verdict switch { LinkVerdict.Alive => 200, LinkVerdict.Gone => 404, _ => null }, Requests = 1 },
                    CheckedAt = at,
                });
                at = at.AddSeconds(1);
            }
        }
    }

    private static async Task<(int Exit, string Out, string Error)> RunAsync(string folder, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var context = new CliContext(output, error, folder, IsTerminal: false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var exit = await CliApp.RunAsync(args, context, timeout.Token);
        return (exit, output.ToString(), error.ToString());
    }
}
