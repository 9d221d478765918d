using System.Diagnostics;
using System.Text.Json;
using Citations.Links.Tests.Infrastructure;

namespace Citations.Links.Tests.Checking;

/// <summary>
/// The labelled corpus through linkinator, for comparison: it needs linkinator (an npm package, not a dependency of the
/// repository), named by the <c>CITATIONS_LINKINATOR</c> environment variable (its executable, such as
/// <c>node_modules/.bin/linkinator</c>); without it the test is inconclusive. Linkinator judges a link by its status
/// alone (2xx ok, else broken), so the table it prints shows what status-only checking says of each behaviour.
/// </summary>
[TestClass]
public sealed class LinkinatorComparisonTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Linkinator_LabelledCorpus_NoFewerFalseAlarmsThanOurs()
    {
        var linkinator = Environment.GetEnvironmentVariable("CITATIONS_LINKINATOR");
        if (string.IsNullOrEmpty(linkinator) || !File.Exists(linkinator))
        {
            Assert.Inconclusive("Set CITATIONS_LINKINATOR to a linkinator executable (npm install linkinator@6.3.0; version 8 needs Node 22) to compare.");
        }

        await using var corpus = await CorpusSites.StartAsync();
        var start = new ProcessStartInfo(linkinator) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[corpus.IndexUrl, "--format", "json", "--timeout", "10000", "--concurrency", "4"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        using var report = JsonDocument.Parse(await output);
        var states = report.RootElement.GetProperty("links").EnumerateArray()
            .ToDictionary(l => l.GetProperty("url").GetString()!, l => (State: l.GetProperty("state").GetString()!, Status: l.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : 0), StringComparer.Ordinal);
        Assert.IsTrue(corpus.Entries.All(e => states.ContainsKey(e.Url)), "linkinator did not report every URL: " + await errors);

        // Status-only verdicts in our vocabulary: broken answers are gone (4xx) or server errors; the rest alive.
        var rows = corpus.Entries.Select(e => (e, states[e.Url].State == "BROKEN" ? (states[e.Url].Status >= 500 ? LinkVerdict.ServerError : LinkVerdict.Gone) : LinkVerdict.Alive, false)).ToList();
        var theirs = new CorpusScore(rows, Rendered: false);
        var (ours, _) = await LabelledCorpusTests.CheckAsync(corpus, render: false);
        TestContext.WriteLine("linkinator:");
        TestContext.WriteLine(theirs.Table());
        TestContext.WriteLine(string.Join(Environment.NewLine, corpus.Entries.Select(e => $"{e.Behaviour}\t{e.Url}\t{states[e.Url].State} {states[e.Url].Status}")));

        Assert.IsLessThanOrEqualTo(theirs.FalseAlarms.Count, ours.FalseAlarms.Count);
    }
}
