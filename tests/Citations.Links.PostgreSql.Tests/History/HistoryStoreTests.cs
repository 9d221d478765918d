using Citations.Diagnostics;
using Citations.Links.Checking;
using Citations.Links.History;
using Citations.Links.PostgreSql.History;
using Citations.Links.PostgreSql.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Citations.Links.PostgreSql.Tests.History;

/// <summary>
/// The same behaviour from every history store, through the public API (<see cref="LinkHistoryDatabase.Open"/>, as
/// the command line's <c>--db</c> does): records, summaries, checks, timelines, queries, rot over simulated time,
/// incremental skipping, refusal of foreign databases and newer versions, concurrent writers. Each derived class runs
/// every test against one store.
/// </summary>
public abstract class HistoryStoreTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A new, empty database for the history: the <c>--db</c> value naming it.</summary>
    protected abstract Task<string> NewDatabaseAsync();

    /// <summary>Gives the database a table of another application (as a file or database another program made).</summary>
    protected abstract Task AddForeignTableAsync(string database);

    /// <summary>Whether the foreign table is still there, with its row.</summary>
    protected abstract Task<bool> ForeignTableIntactAsync(string database);

    /// <summary>Sets the stored schema version of an existing history (as a newer library would leave it).</summary>
    protected abstract Task SetStoredVersionAsync(string database, int version);

    private static LinkCheckResult Result(string url, LinkVerdict verdict, DateTimeOffset at, int? status = null) => new()
    {
        Url = url,
        Targets = [],
        Verdict = verdict,
        Evidence = new LinkEvidence { StatusCode = status, FinalUrl = status is null ? null : url },
        CheckedAt = at,
    };

    [TestMethod]
    public async Task RecordAsync_ChecksOfTwoUrls_SummariesChecksAndCountRoundTrip()
    {
        var db = await NewDatabaseAsync();
        using (var history = LinkHistoryDatabase.Open(db))
        {
            await history.RecordAsync(Result("http://a.test/", LinkVerdict.Alive, Start, 200));
            await history.RecordAsync(Result("http://b.test/", LinkVerdict.Gone, Start.AddMinutes(1), 404));
            var second = await history.RecordAsync(Result("http://a.test/", LinkVerdict.ServerError, Start.AddHours(1), 503));

            Assert.AreEqual(2, second.Checks);
            Assert.AreEqual(LinkVerdict.ServerError, second.LastVerdict);
            Assert.AreEqual(Start, second.LastSeenAlive);
            Assert.AreEqual(Start.AddHours(1), second.FirstSeenFailing);
        }

        // Reopened: everything was committed.
        using var reopened = LinkHistoryDatabase.Open(db);
        Assert.AreEqual(3L, await reopened.CountChecksAsync());
        var a = await reopened.GetSummaryAsync("http://a.test/");
        Assert.IsNotNull(a);
        Assert.AreEqual(2, a.Checks);
        Assert.AreEqual(Start, a.FirstCheckedAt);
        Assert.IsNull(await reopened.GetSummaryAsync("http://never.test/"));
        var checks = await reopened.GetChecksAsync("http://a.test/");
        CollectionAssert.AreEqual(new[] { LinkVerdict.Alive, LinkVerdict.ServerError }, checks.Select(c => c.Verdict).ToArray());
        CollectionAssert.AreEqual(new int?[] { 200, 503 }, checks.Select(c => c.Evidence.StatusCode).ToArray());
        Assert.AreEqual("http://a.test/", checks[0].Evidence.FinalUrl);
        Assert.AreEqual(Start.AddHours(1), checks[1].CheckedAt);
    }

    [TestMethod]
    public async Task RecordAsync_FailuresSpreadOverSimulatedDays_RotOnlyAtThirdSpacedFailureAndAliveStartsOver()
    {
        var time = new FakeTimeProvider(Start);
        using var history = LinkHistoryDatabase.Open(await NewDatabaseAsync());
        const string Url = "http://rot.test/page";

        var first = await history.RecordAsync(Result(Url, LinkVerdict.Gone, time.GetUtcNow(), 404));
        time.Advance(TimeSpan.FromHours(1));
        var sameDay = await history.RecordAsync(Result(Url, LinkVerdict.Gone, time.GetUtcNow(), 404));
        time.Advance(TimeSpan.FromDays(3));
        var blocked = await history.RecordAsync(Result(Url, LinkVerdict.Blocked, time.GetUtcNow(), 403));
        var second = await history.RecordAsync(Result(Url, LinkVerdict.Gone, time.GetUtcNow(), 404));
        time.Advance(TimeSpan.FromDays(3));
        var third = await history.RecordAsync(Result(Url, LinkVerdict.Gone, time.GetUtcNow(), 410));

        Assert.AreEqual(1, first.SpacedFailures);
        Assert.AreEqual(1, sameDay.SpacedFailures, "a failure an hour later is the same episode");
        Assert.AreEqual(1, blocked.SpacedFailures, "a blocked check says nothing about the page");
        Assert.AreEqual(2, second.SpacedFailures);
        Assert.IsFalse(second.IsRot);
        Assert.IsTrue(third.IsRot);
        Assert.AreEqual(Start, third.FirstSeenFailing);
        CollectionAssert.AreEqual(new[] { Url }, (await history.GetRottedAsync()).Select(s => s.Url).ToArray());

        time.Advance(TimeSpan.FromDays(1));
        var alive = await history.RecordAsync(Result(Url, LinkVerdict.Alive, time.GetUtcNow(), 200));
        Assert.AreEqual(0, alive.SpacedFailures);
        Assert.IsFalse(alive.IsRot);
        Assert.AreEqual(0, (await history.GetRottedAsync()).Count);
        Assert.AreEqual(0, (await history.GetFailingAsync()).Count);
    }

    [TestMethod]
    public async Task RotPolicy_OfTheHistory_DecidesRotOnEveryStore()
    {
        using var history = LinkHistoryDatabase.Open(await NewDatabaseAsync(), new RotPolicy { Failures = 2, MinimumSpacing = TimeSpan.FromDays(1) });
        await history.RecordAsync(Result("http://x.test/", LinkVerdict.TimedOut, Start));
        var second = await history.RecordAsync(Result("http://x.test/", LinkVerdict.TimedOut, Start.AddDays(1)));

        Assert.IsTrue(second.IsRot);
        Assert.AreEqual(1, (await history.GetRottedAsync()).Count);
    }

    [TestMethod]
    public async Task Queries_FailingRottedAndBySource_LongestFailingFirst()
    {
        using var history = LinkHistoryDatabase.Open(await NewDatabaseAsync(), new RotPolicy { Failures = 2, MinimumSpacing = TimeSpan.FromDays(1) });
        await history.RecordAsync(Result("http://old.test/", LinkVerdict.Gone, Start, 404));
        await history.RecordAsync(Result("http://old.test/", LinkVerdict.Gone, Start.AddDays(2), 404));
        await history.RecordAsync(Result("http://new.test/", LinkVerdict.Gone, Start.AddDays(1), 404));
        await history.RecordAsync(Result("http://fine.test/", LinkVerdict.Alive, Start, 200));

        CollectionAssert.AreEqual(new[] { "http://old.test/", "http://new.test/" }, (await history.GetFailingAsync()).Select(s => s.Url).ToArray());
        CollectionAssert.AreEqual(new[] { "http://old.test/" }, (await history.GetFailingAsync(Start.AddHours(12))).Select(s => s.Url).ToArray());
        CollectionAssert.AreEqual(new[] { "http://old.test/" }, (await history.GetRottedAsync()).Select(s => s.Url).ToArray());

        var bySource = await history.GetBySourceAsync([
            new LinkTarget("http://fine.test/") { SourceId = "s1" },
            new LinkTarget("http://unknown.test/") { SourceId = "s2" },
            new LinkTarget("http://old.test/"),
        ]);
        Assert.AreEqual(2, bySource.Count);
        Assert.AreEqual(LinkVerdict.Alive, bySource[0].History!.LastVerdict);
        Assert.IsNull(bySource[1].History);
    }

    [TestMethod]
    public async Task GetTimelinesAsync_SeveralUrls_SortedByUrlWithRotDate()
    {
        using var history = LinkHistoryDatabase.Open(await NewDatabaseAsync(), new RotPolicy { Failures = 2, MinimumSpacing = TimeSpan.FromDays(1) });
        await history.RecordAsync(Result("http://b.test/", LinkVerdict.Alive, Start, 200));
        await history.RecordAsync(Result("http://a.test/", LinkVerdict.Alive, Start, 200));
        await history.RecordAsync(Result("http://b.test/", LinkVerdict.Gone, Start.AddDays(1), 404));
        await history.RecordAsync(Result("http://b.test/", LinkVerdict.Gone, Start.AddDays(3), 404));
        await history.RecordAsync(Result("http://B.test/Z", LinkVerdict.Alive, Start, 200));

        var timelines = await history.GetTimelinesAsync();

        CollectionAssert.AreEqual(new[] { "http://B.test/Z", "http://a.test/", "http://b.test/" }, timelines.Select(t => t.Url).ToArray(), "ordinal order on every store");
        var b = timelines[2];
        Assert.AreEqual(3, b.Checks.Count);
        Assert.AreEqual(Start.AddDays(1), b.FirstFailure);
        Assert.AreEqual(Start.AddDays(3), b.RotSince);
        Assert.IsTrue(b.Summary.IsRot);
        Assert.AreEqual(404, b.Checks[2].StatusCode);
    }

    [TestMethod]
    public async Task CheckAsync_MaxAge_RecentResultTakenFromHistoryWithoutRequest()
    {
        await using var site = await LoopbackSite.StartAsync();
        var time = new FakeTimeProvider(Start);
        using var history = LinkHistoryDatabase.Open(await NewDatabaseAsync());
        using var checker = new LinkCheckerBuilder
            {
                Options = new LinkCheckerOptions { AllowPrivateAddresses = true, DetectSoft404 = false, MaxAge = TimeSpan.FromHours(12), PerHostMinimumInterval = TimeSpan.Zero },
            }
            .WithConnectivityProbe(ConnectivityProbe.Fixed(true))
            .WithHistory(history)
            .WithTimeProvider(time)
            .Build();
        var url = site.Url("/ok-incremental");

        var fresh = await checker.CheckAsync(url);
        var hits = site.Hits("/ok-incremental");
        time.Advance(TimeSpan.FromHours(2));
        var reused = await checker.CheckAsync(url);
        var hitsAfterReuse = site.Hits("/ok-incremental");
        time.Advance(TimeSpan.FromHours(11));
        var rechecked = await checker.CheckAsync(url);

        Assert.AreEqual(LinkVerdict.Alive, fresh.Verdict);
        Assert.IsFalse(fresh.FromHistory);
        Assert.IsTrue(reused.FromHistory);
        Assert.AreEqual(fresh.CheckedAt, reused.CheckedAt);
        Assert.AreEqual(200, reused.Evidence.StatusCode);
        Assert.AreEqual(hits, hitsAfterReuse, "the reused result made no request");
        Assert.IsFalse(rechecked.FromHistory);
        Assert.IsTrue(site.Hits("/ok-incremental") > hitsAfterReuse);
        Assert.AreEqual(2L, await history.CountChecksAsync());
        Assert.AreEqual(0, history.Diagnostics.Count);
    }

    [TestMethod]
    public async Task Open_DatabaseOfAnotherApplication_RefusedAndLeftUntouched()
    {
        var db = await NewDatabaseAsync();
        await AddForeignTableAsync(db);

        var e = Assert.ThrowsExactly<CitationsException>(() => LinkHistoryDatabase.Open(db).Dispose());

        StringAssert.Contains(e.Message, "is not a link history");
        StringAssert.Contains(e.Message, "customers");
        StringAssert.Contains(e.Message, "left untouched");
        Assert.IsTrue(await ForeignTableIntactAsync(db));
    }

    [TestMethod]
    public async Task Open_HistoryOfANewerVersion_RefusedClearly()
    {
        var db = await NewDatabaseAsync();
        using (var history = LinkHistoryDatabase.Open(db))
        {
            await history.RecordAsync(Result("http://a.test/", LinkVerdict.Alive, Start, 200));
        }

        await SetStoredVersionAsync(db, 99);

        var e = Assert.ThrowsExactly<CitationsException>(() => LinkHistoryDatabase.Open(db).Dispose());
        StringAssert.Contains(e.Message, "schema version 99");
        StringAssert.Contains(e.Message, "this library reads versions 1 to");
    }

    [TestMethod]
    public async Task Open_NoHistoryAndNotToBeCreated_Refused()
    {
        var db = await NewDatabaseAsync();

        var e = Assert.ThrowsExactly<CitationsException>(() => LinkHistoryDatabase.Open(db, createIfMissing: false).Dispose());

        StringAssert.Matches(e.Message, new System.Text.RegularExpressions.Regex("no (such )?link history"));
    }

    [TestMethod]
    public async Task RecordAsync_TwoHistoriesWritingAtOnce_EveryCheckAndCountKept()
    {
        var db = await NewDatabaseAsync();
        const int PerWriter = 40;
        using var one = LinkHistoryDatabase.Open(db);
        using var two = LinkHistoryDatabase.Open(db);

        // Both write the same ten URLs at the same time (the shared URLs' rows are read, updated and written by both).
        async Task WriteAsync(LinkHistory history, int writer)
        {
            await Task.Yield();
            for (var i = 0; i < PerWriter; i++)
            {
                await history.RecordAsync(Result($"http://shared.test/{i % 10}", i % 3 == 0 ? LinkVerdict.Gone : LinkVerdict.Alive,
                    Start.AddMinutes((i * 2) + writer), 200));
            }
        }

        await Task.WhenAll(Task.Run(() => WriteAsync(one, 0)), Task.Run(() => WriteAsync(two, 1)));

        Assert.AreEqual(2L * PerWriter, await one.CountChecksAsync());
        for (var u = 0; u < 10; u++)
        {
            var url = $"http://shared.test/{u}";
            Assert.AreEqual(2 * PerWriter / 10, (await two.GetSummaryAsync(url))!.Checks, url);
            Assert.AreEqual(2 * PerWriter / 10, (await two.GetChecksAsync(url)).Count, url);
        }
    }
}
