using System.Text.Json;
using Citations.Cli.Tests.TestSupport;

namespace Citations.Cli.Tests.Commands;

[TestClass]
public sealed class HistoryCommandTests
{
    [TestMethod]
    public async Task History_LinkRotted_Exit1AndSummaryNamesItWithDates()
    {
        var made = await SampleReports.GetAsync();

        Assert.AreEqual(1, made.HistoryExit, made.HistoryOutput);
        StringAssert.Contains(made.HistoryOutput, "history: links.db\n3 URL(s), 12 check(s) in 4 run(s), 2026-01-05 to 2026-02-04: 1 failing now, 1 rotted.\n");
        StringAssert.Contains(made.HistoryOutput, "alive after each run: 2026-01-05 09:00 100.0%, 2026-01-15 09:00 66.7%, 2026-01-25 09:00 66.7%, 2026-02-04 09:00 66.7%\n");
        StringAssert.Contains(made.HistoryOutput, $"  gone          {made.ServerBase}/rotting failing since 2026-01-15, rot since 2026-02-04, last seen alive 2026-01-05\n");
    }

    [TestMethod]
    public async Task History_Json_TimelinePerUrlAndRuns()
    {
        var made = await SampleReports.GetAsync();

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(made.HistoryJson));

        var root = json.RootElement;
        Assert.AreEqual("citations-link-history", root.GetProperty("format").GetString());
        Assert.AreEqual(4, root.GetProperty("runs").GetArrayLength());
        Assert.AreEqual(1.0, root.GetProperty("runs")[0].GetProperty("aliveShare").GetDouble());
        var rotting = root.GetProperty("urls").EnumerateArray().Single(u => u.GetProperty("url").GetString()!.EndsWith("/rotting", StringComparison.Ordinal));
        Assert.AreEqual("2026-01-15T09:00:01.000Z", rotting.GetProperty("firstFailure").GetString());
        Assert.AreEqual("2026-02-04T09:00:01.000Z", rotting.GetProperty("rotSince").GetString());
        Assert.IsTrue(rotting.GetProperty("rot").GetBoolean());
        CollectionAssert.AreEqual(new[] { "alive", "gone", "gone", "gone" }, rotting.GetProperty("timeline").EnumerateArray().Select(c => c.GetProperty("verdict").GetString()).ToArray());
        var offline = root.GetProperty("urls").EnumerateArray().Single(u => u.GetProperty("url").GetString()!.EndsWith("/offline", StringComparison.Ordinal));
        Assert.IsFalse(offline.TryGetProperty("firstFailure", out _), "an inconclusive check is not a failure");
    }

    [TestMethod]
    public async Task History_Html_ChartAndTimelineRows()
    {
        var made = await SampleReports.GetAsync();

        var html = await File.ReadAllTextAsync(made.History);

        StringAssert.Contains(html, "<svg role=\"img\" aria-labelledby=\"chart-title\"");
        StringAssert.Contains(html, "after the last</title>");
        Assert.AreEqual(4, html.Split("<circle ").Length - 1, "one point per run");
        StringAssert.Contains(html, "2026-01-05 alive, 2026-01-15 gone ×3");
        StringAssert.Contains(html, "2026-01-05 inconclusive, 2026-01-15 alive ×3");
    }

    [TestMethod]
    public async Task History_Html_AliveAtEveryCheckFoldedIntoCounts()
    {
        var made = await SampleReports.GetAsync();

        var html = await File.ReadAllTextAsync(made.History);

        var fold = html.IndexOf("<details class=\"fold\" data-verdict=\"alive\"><summary>1 link(s) alive at every check (4 check(s))</summary>", StringComparison.Ordinal);
        Assert.IsGreaterThan(0, fold, "the URL alive at every check is folded into counts");
        Assert.IsLessThan(fold, html.IndexOf("<tr data-verdict=\"gone\">", StringComparison.Ordinal), "the failing link comes before the fold");
        StringAssert.Contains(html[fold..], $"<tr><td><a href=\"{made.ServerBase}/stable\">{made.ServerBase}/stable</a><td class=\"num\">4<td>2026-01-05<td>2026-02-04\n");
        Assert.DoesNotContain("alive ×4", html, "no timeline for a link that never changed");
    }

    [TestMethod]
    public async Task History_NoDatabase_Exit2AndNoFileCreated()
    {
        var folder = Directory.CreateTempSubdirectory("citations-history-").FullName;
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var exit = await CliApp.RunAsync(["history", "--db", "missing.db"], new Citations.Cli.Commands.CliContext(output, error, folder, IsTerminal: false));

            Assert.AreEqual(2, exit);
            StringAssert.Contains(error.ToString(), "missing.db: no such link history");
            Assert.IsFalse(File.Exists(Path.Combine(folder, "missing.db")));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [TestMethod]
    public async Task History_NotAHistory_Exit2()
    {
        var folder = Directory.CreateTempSubdirectory("citations-history-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "notes.db"), "not a database at all, just text that is long enough to be read as a header");
            var output = new StringWriter();
            var error = new StringWriter();
            var exit = await CliApp.RunAsync(["history", "--db", "notes.db"], new Citations.Cli.Commands.CliContext(output, error, folder, IsTerminal: false));

            Assert.AreEqual(2, exit, error.ToString());
            StringAssert.Contains(error.ToString(), "citations history: ");
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
