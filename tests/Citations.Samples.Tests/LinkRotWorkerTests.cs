using Citations.Links;
using Citations.Links.History;
using Citations.Tests.TestSupport;
using LinkRotWorker;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Citations.Samples.Tests;

/// <summary>
/// Runs the LinkRotWorker sample's host against a loopback Kestrel server with a one-second interval, waits for a
/// pass, and stops it: a link that failed twice days ago (recorded in its SQLite history) fails a third time and is
/// logged as rotted, with the source citing it.
/// </summary>
[TestClass]
public sealed class LinkRotWorkerTests
{
    [TestMethod]
    public async Task Worker_OnePassOverAFolder_LogsTheRottedSourceAndRecordsEveryCheck()
    {
        await using var site = await StartSiteAsync();
        var port = new Uri(site.Urls.First()).Port;
        var folder = Directory.CreateTempSubdirectory("citations-linkrot-").FullName;
        var historyFile = Path.Combine(folder, "history.db");
        try
        {
            var alive = $"http://127.0.0.1:{port}/report";
            var gone = $"http://127.0.0.1:{port}/removed";
            await File.WriteAllTextAsync(Path.Combine(folder, "sources.json"), $$"""
                [
                  {"id": "annual-report", "type": "report", "title": "Annual report", "URL": "{{alive}}"},
                  {"id": "old-dataset", "type": "dataset", "title": "Old dataset", "URL": "{{gone}}"}
                ]
                """);
            await using (var seeded = LinkHistory.Open(historyFile))
            {
                foreach (var daysAgo in new[] { 8, 4 })
                {
                    await seeded.RecordAsync(new LinkCheckResult
                    {
                        Url = gone,
                        Targets = [],
                        Verdict = LinkVerdict.Gone,
                        Evidence = new LinkEvidence { StatusCode = 404 },
                        CheckedAt = DateTimeOffset.UtcNow.AddDays(-daysAgo),
                    });
                }
            }

            var logs = new RecordingLoggerProvider();
            var builder = LinkRotHost.CreateBuilder(
            [
                "--LinkRot:ArticleFolder=" + folder,
                "--LinkRot:HistoryFile=" + historyFile,
                "--LinkRot:Interval=00:00:01",
                "--Citations:Links:AllowPrivateAddresses=true",
                "--Citations:Links:DetectSoft404=false",
                "--Citations:Links:MaxRetries=0",
                "--Citations:Links:AttemptTimeout=00:00:05",
            ]);
            builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(logs);
            using (var host = builder.Build())
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await host.StartAsync(timeout.Token);
                while (!logs.Events.Any(e => e.EventId.Name == "PassCompleted"))
                {
                    await Task.Delay(50, timeout.Token);
                }

                await host.StopAsync(timeout.Token);
            }

            var pass = logs.Events.First(e => e.EventId.Name == "PassCompleted");
            Assert.AreEqual("2", pass.Value("Links"));
            Assert.AreEqual("1", pass.Value("Broken"));
            Assert.AreEqual("1", pass.Value("Rotted"));
            var rotted = logs.Events.First(e => e.EventId.Id == 3001 && e.EventId.Name == "SourceRotted");
            Assert.AreEqual(LogLevel.Warning, rotted.Level);
            Assert.AreEqual("old-dataset", rotted.Value("SourceId"));
            Assert.AreEqual(gone, rotted.Value("Url"));
            Assert.IsTrue(logs.Events.Any(e => e.Category == "Citations.Links.LinkChecker" && e.EventId.Id == 1004), "the checker logs the rot too");
            await using var history = LinkHistory.Open(historyFile);
            Assert.IsGreaterThanOrEqualTo(3L, await history.CountChecksAsync());
            Assert.AreEqual(gone, (await history.GetRottedAsync()).Single().Url);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A real Kestrel server on 127.0.0.1: /report answers a page, anything else 404.</summary>
    private static async Task<WebApplication> StartSiteAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(async context =>
        {
            if (context.Request.Path == "/report")
            {
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><head><title>Annual report</title></head><body>Figures.</body></html>");
            }
            else
            {
                context.Response.StatusCode = 404;
            }
        });
        await app.StartAsync();
        return app;
    }
}
