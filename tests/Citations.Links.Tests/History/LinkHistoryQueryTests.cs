using Citations.Links.History;

namespace Citations.Links.Tests.History;

/// <summary>Queries across URLs on a real SQLite file: failing since, rotted, and each cited source's link.</summary>
[TestClass]
public sealed class LinkHistoryQueryTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private string _path = null!;

    [TestInitialize]
    public void CreatePath() => _path = Path.Combine(Path.GetTempPath(), "citations-history-query-" + Guid.NewGuid().ToString("N") + ".db");

    [TestCleanup]
    public void DeleteFiles()
    {
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static Task Record(LinkHistory history, string url, LinkVerdict verdict, double days)
        => history.RecordAsync(new LinkCheckResult
        {
            Url = url,
            Targets = [],
            Verdict = verdict,
            Evidence = new LinkEvidence { StatusCode = verdict == LinkVerdict.Alive ? 200 : 404 },
            CheckedAt = Start.AddDays(days),
        });

    /// <summary>
    /// Four URLs: "alive" always alive; "recovered" failed then came back; "new-failure" failing since day 6;
    /// "rotted" failing since day 0, three spaced failures.
    /// </summary>
    private static async Task<LinkHistory> SeedAsync(string path)
    {
        var history = LinkHistory.Open(path);
        await Record(history, "https://alive.example/", LinkVerdict.Alive, 0);
        await Record(history, "https://recovered.example/", LinkVerdict.Gone, 0);
        await Record(history, "https://recovered.example/", LinkVerdict.Alive, 4);
        await Record(history, "https://rotted.example/a", LinkVerdict.Gone, 0);
        await Record(history, "https://rotted.example/a", LinkVerdict.Gone, 3);
        await Record(history, "https://rotted.example/a", LinkVerdict.ServerError, 6);
        await Record(history, "https://new-failure.example/", LinkVerdict.Alive, 0);
        await Record(history, "https://new-failure.example/", LinkVerdict.Gone, 6);
        await Record(history, "https://new-failure.example/", LinkVerdict.Inconclusive, 7);
        return history;
    }

    [TestMethod]
    public async Task GetFailingAsync_NoLimit_EveryFailingUrlLongestFailingFirst()
    {
        await using var history = await SeedAsync(_path);

        var failing = await history.GetFailingAsync();

        CollectionAssert.AreEqual(new[] { "https://rotted.example/a", "https://new-failure.example/" }, failing.Select(s => s.Url).ToArray());
        Assert.AreEqual(Start, failing[0].FirstSeenFailing);
        Assert.AreEqual(Start.AddDays(6), failing[1].FirstSeenFailing);
        Assert.AreEqual(LinkVerdict.Inconclusive, failing[1].LastVerdict, "an inconclusive check does not end a failure");
    }

    [TestMethod]
    public async Task GetFailingAsync_Since_OnlyUrlsFailingAtLeastThatLong()
    {
        await using var history = await SeedAsync(_path);

        var failing = await history.GetFailingAsync(Start.AddDays(5));

        Assert.AreEqual("https://rotted.example/a", failing.Single().Url);
    }

    [TestMethod]
    public async Task GetRottedAsync_ThreeSpacedFailures_OnlyThatUrl()
    {
        await using var history = await SeedAsync(_path);

        var rotted = await history.GetRottedAsync();

        var only = rotted.Single();
        Assert.AreEqual("https://rotted.example/a", only.Url);
        Assert.IsTrue(only.IsRot);
        Assert.AreEqual(3, only.SpacedFailures);
    }

    [TestMethod]
    public async Task GetRottedAsync_StricterPolicyOnReopen_NothingRotted()
    {
        (await SeedAsync(_path)).Dispose();
        await using var history = LinkHistory.Open(_path, new RotPolicy { Failures = 4 });

        Assert.IsEmpty(await history.GetRottedAsync());
    }

    [TestMethod]
    public async Task GetBySourceAsync_CitedSources_EachSourceWithItsUrlsHistoryInOrder()
    {
        await using var history = await SeedAsync(_path);
        LinkTarget[] targets =
        [
            new("https://ROTTED.example/a") { SourceId = "report" },
            new("https://alive.example") { SourceId = "homepage" },
            new("https://never-checked.example/") { SourceId = "new-source" },
            new("https://alive.example/"),
            new("https://rotted.example/a") { SourceId = "report" },
        ];

        var bySource = await history.GetBySourceAsync(targets);

        CollectionAssert.AreEqual(new[] { "report", "homepage", "new-source" }, bySource.Select(s => s.SourceId).ToArray());
        Assert.AreEqual("https://rotted.example/a", bySource[0].Url, "the URL is normalised to the history's key");
        Assert.IsTrue(bySource[0].History!.IsRot);
        Assert.AreEqual(LinkVerdict.Alive, bySource[1].History!.LastVerdict);
        Assert.IsNull(bySource[2].History);
    }
}
