using Citations.Diagnostics;
using Citations.Links.Checking;
using Citations.Links.History;
using Citations.Links.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Citations.Links.Tests.History;

/// <summary>
/// A history that fails in the middle of a run (issue 11, item 3): pages of the file overwritten on disk after it was
/// opened, and a stored check that no longer parses. The run goes on, loses nothing, and says how to repair the file.
/// </summary>
[TestClass]
public sealed class HistoryDamageTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static TestSite Site => AssemblySetup.Site;

    private string _path = null!;

    [TestInitialize]
    public void CreatePath() => _path = Path.Combine(Path.GetTempPath(), "citations-history-damage-" + Guid.NewGuid().ToString("N") + ".db");

    [TestCleanup]
    public void DeleteFiles()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static LinkChecker Checker(LinkHistory history, TimeProvider time) => TestChecker.Builder(o =>
        {
            o.DetectSoft404 = false;
            o.MaxAge = TimeSpan.FromHours(1);
        })
        .WithHistory(history)
        .WithTimeProvider(time)
        .Build();

    [TestMethod]
    public async Task CheckAsync_PagesOverwrittenAfterOpen_RunGoesOnKeepsEveryResultAndSaysHowToRepair()
    {
        // A history of 300 URLs, written and closed (its log folded into the file).
        var urls = Enumerable.Range(0, 300).Select(i => Site.Url("/ok?page=" + i, "damaged.test")).ToList();
        using (var history = LinkHistory.Open(_path))
        {
            foreach (var url in urls)
            {
                await history.RecordAsync(new LinkCheckResult
                {
                    Url = url, Targets = [], Verdict = LinkVerdict.Alive, CheckedAt = T0.AddDays(-10),
                    Evidence = new LinkEvidence { StatusCode = 200, Notes = [new string('n', 200)] },
                });
            }
        }

        using var reopened = LinkHistory.Open(_path);
        Overwrite(from: 0.35, to: 0.65);
        using var checker = Checker(reopened, new FakeTimeProvider(T0));
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var results = await checker.CheckAllAsync(urls.Select(LinkTarget.FromUrl), null, bound.Token);

        Assert.HasCount(300, results, "every link checked, none lost");
        Assert.IsTrue(results.All(r => r.Verdict == LinkVerdict.Alive));
        var failed = results.Where(r => r.Evidence.Notes.Any(n => n.StartsWith("the history ", StringComparison.Ordinal))).ToList();
        Assert.IsNotEmpty(failed, "some links were on the damaged pages");
        Assert.IsTrue(failed.All(r => r.History is null || r.Evidence.Notes.Any(n => n.Contains("could not be read", StringComparison.Ordinal))));
        var warning = reopened.Diagnostics.First(d => d.Code == LinkDiagnosticCodes.HistoryDamaged);
        Assert.AreEqual(DiagnosticSeverity.Warning, warning.Severity);
        Assert.AreEqual(_path, warning.Location.File);
        StringAssert.Contains(warning.Message, "malformed");
        StringAssert.Contains(warning.Message, ".recover");
        StringAssert.Contains(warning.Message, "deleting the file");
        Assert.HasCount(1, reopened.Diagnostics.Where(d => d.Code == LinkDiagnosticCodes.HistoryDamaged), "one warning, not one per link");
    }

    [TestMethod]
    public async Task CheckAsync_StoredCheckNoLongerParses_CheckedAsIfNoHistoryWithAWarning()
    {
        var url = Site.Url("/ok", "unparsable.test");
        using var history = LinkHistory.Open(_path);
        using var checker = Checker(history, new FakeTimeProvider(T0));
        await checker.CheckAsync(url);
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE checks SET detail = '{\"m\": [broken'";
            command.ExecuteNonQuery();
        }

        var again = await checker.CheckAsync(url);

        Assert.IsFalse(again.FromHistory, "the unreadable check is not reused");
        Assert.AreEqual(LinkVerdict.Alive, again.Verdict);
        Assert.IsTrue(again.Evidence.Notes.Any(n => n.Contains("checked as if it had no history", StringComparison.Ordinal)), string.Join("; ", again.Evidence.Notes));
        Assert.AreEqual(2, again.History?.Checks, "the new check is recorded all the same");
        var warning = history.Diagnostics.Single();
        Assert.AreEqual(LinkDiagnosticCodes.HistoryRowUnreadable, warning.Code);
        StringAssert.Contains(warning.Message, url);
    }

    /// <summary>Overwrites a share of the file with bytes no SQLite page has, as a failing disk or a stray write would.</summary>
    private void Overwrite(double from, double to)
    {
        using var file = new FileStream(_path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        var start = (long)(file.Length * from);
        var length = (int)(file.Length * (to - from));
        var garbage = new byte[length];
        Array.Fill(garbage, (byte)0xEE);
        file.Position = start;
        file.Write(garbage);
        file.Flush(flushToDisk: true);
    }
}
