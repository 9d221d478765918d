using Citations.Links.Checking;
using Citations.Links.History;
using Citations.Links.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Citations.Links.Tests.History;

[TestClass]
public sealed class LinkHistoryTests
{
    private static TestSite Site => AssemblySetup.Site;

    private string _path = null!;

    [TestInitialize]
    public void CreatePath() => _path = Path.Combine(Path.GetTempPath(), "citations-history-" + Guid.NewGuid().ToString("N") + ".db");

    [TestCleanup]
    public void DeleteFiles()
    {
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static LinkChecker Checker(LinkHistory history, FakeTimeProvider time, Action<LinkCheckerOptions>? configure = null)
        => TestChecker.Builder(o =>
            {
                o.DetectSoft404 = false;
                configure?.Invoke(o);
            })
            .WithHistory(history)
            .WithTimeProvider(time)
            .Build();

    [TestMethod]
    public async Task RecordAsync_RepeatedFailuresSpreadOverDays_RotOnlyAtThirdSpacedFailure()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
        using var history = LinkHistory.Open(_path);
        using var checker = Checker(history, time);
        var url = Site.Url("/missing", "rot.test");

        var first = await checker.CheckAsync(url);
        time.Advance(TimeSpan.FromHours(1));
        var sameDay = await checker.CheckAsync(url);
        time.Advance(TimeSpan.FromDays(3));
        var second = await checker.CheckAsync(url);
        time.Advance(TimeSpan.FromDays(3));
        var third = await checker.CheckAsync(url);

        Assert.AreEqual(1, first.History!.SpacedFailures);
        Assert.AreEqual(1, sameDay.History!.SpacedFailures, "a failure an hour later is the same episode");
        Assert.IsFalse(second.IsRot);
        Assert.AreEqual(2, second.History!.SpacedFailures);
        Assert.IsTrue(third.IsRot);
        Assert.AreEqual(4, third.History!.Checks);
        Assert.AreEqual(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero), third.History.FirstSeenFailing);
        Assert.IsNull(third.History.LastSeenAlive);
    }

    [TestMethod]
    public async Task RecordAsync_AliveBetweenFailures_ResetsTheCount()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
        using var history = LinkHistory.Open(_path, new RotPolicy { Failures = 2, MinimumSpacing = TimeSpan.FromDays(1) });
        var url = "http://flaky.test/page";
        LinkCheckResult Result(LinkVerdict verdict) => new()
        {
            Url = url, Targets = [], Verdict = verdict, Evidence = new LinkEvidence(), CheckedAt = time.GetUtcNow(),
        };

        await history.RecordAsync(Result(LinkVerdict.ServerError));
        time.Advance(TimeSpan.FromDays(2));
        var alive = await history.RecordAsync(Result(LinkVerdict.Alive));
        time.Advance(TimeSpan.FromDays(2));
        var failing = await history.RecordAsync(Result(LinkVerdict.TimedOut));
        time.Advance(TimeSpan.FromDays(2));
        var blocked = await history.RecordAsync(Result(LinkVerdict.Blocked));

        Assert.AreEqual(0, alive.SpacedFailures);
        Assert.AreEqual(alive.LastCheckedAt, alive.LastSeenAlive);
        Assert.AreEqual(1, failing.SpacedFailures);
        Assert.IsFalse(failing.IsRot);
        Assert.AreEqual(1, blocked.SpacedFailures, "a blocked check says nothing about the page");
        Assert.AreEqual(failing.LastCheckedAt, blocked.FirstSeenFailing);
    }

    [TestMethod]
    public async Task CheckAsync_RecentlyChecked_TakenFromHistoryWithoutRequest()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
        using var history = LinkHistory.Open(_path);
        using var checker = Checker(history, time, o => o.MaxAge = TimeSpan.FromHours(12));
        var path = "/ok";
        var url = Site.Url(path, "incremental.test");
        int Hits() => Site.Requests(path).Count(r => r.Host == "incremental.test");

        var fresh = await checker.CheckAsync(url);
        var hitsAfterFirst = Hits();
        time.Advance(TimeSpan.FromHours(2));
        var reused = await checker.CheckAsync(url);
        time.Advance(TimeSpan.FromHours(11));
        var rechecked = await checker.CheckAsync(url);

        Assert.IsFalse(fresh.FromHistory);
        Assert.IsTrue(reused.FromHistory);
        Assert.AreEqual(fresh.Verdict, reused.Verdict);
        Assert.AreEqual(fresh.CheckedAt, reused.CheckedAt);
        Assert.AreEqual(fresh.Evidence.StatusCode, reused.Evidence.StatusCode);
        Assert.AreEqual(hitsAfterFirst, Hits() - 1, "only the third check made a request");
        Assert.IsFalse(rechecked.FromHistory);
        Assert.AreEqual(2L, await history.CountChecksAsync());
    }

    [TestMethod]
    public async Task CheckAsync_InconclusiveCheck_NotReusedByNextRun()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
        using var history = LinkHistory.Open(_path);
        using (var offline = TestChecker.Builder(o => o.MaxAge = TimeSpan.FromDays(1)).WithHistory(history).WithTimeProvider(time)
                   .WithConnectivityProbe(ConnectivityProbe.Fixed(false)).Build())
        {
            Assert.AreEqual(LinkVerdict.Inconclusive, (await offline.CheckAsync(Site.Url("/ok", "gone.test"))).Verdict);
        }

        using var online = Checker(history, time, o => o.MaxAge = TimeSpan.FromDays(1));
        var again = await online.CheckAsync(Site.Url("/ok", "gone.test"));

        Assert.IsFalse(again.FromHistory);
        Assert.AreEqual(LinkVerdict.Gone, again.Verdict);
    }

    [TestMethod]
    public async Task CheckAsync_RunCancelledMidway_CompletedResultsKeptAndNextRunResumes()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var fast = Enumerable.Range(0, 4).Select(i => new LinkTarget(Site.Url("/ok?n=" + i, "resume.test"))).ToList();
        var targets = fast.Append(new LinkTarget(Site.Url("/slow-once/" + TestSite.NewKey(), "resume.test"))).ToList();
        using (var history = LinkHistory.Open(_path))
        using (var checker = Checker(history, time, o => o.MaxAge = TimeSpan.FromDays(1)))
        using (var cancel = new CancellationTokenSource())
        {
            var seen = 0;
            await Assert.ThrowsAsync<OperationCanceledException>(async () =>
            {
                await foreach (var _ in checker.CheckAsync(targets, null, cancel.Token))
                {
                    if (++seen == 4)
                    {
                        await cancel.CancelAsync();
                    }
                }
            });
            Assert.AreEqual(4, seen);
        }

        // A new process: reopen the file.
        using var reopened = LinkHistory.Open(_path);
        Assert.AreEqual(4L, await reopened.CountChecksAsync());
        using var next = Checker(reopened, time, o => o.MaxAge = TimeSpan.FromDays(1));
        var results = await next.CheckAllAsync(targets);

        Assert.AreEqual(4, results.Count(r => r.FromHistory));
        Assert.AreEqual(LinkVerdict.Alive, results.Single(r => !r.FromHistory).Verdict, "the unfinished URL is checked now");
        Assert.AreEqual(5L, await reopened.CountChecksAsync());
    }

    [TestMethod]
    public async Task CheckAsync_PageTextChanges_ChangedSinceLastCheckReported()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
        using var history = LinkHistory.Open(_path);
        using var checker = Checker(history, time, o => o.PageText = PageTextMode.Always);
        var url = Site.Url("/drifting", "drift.test");
        Site.DriftingText = "The agency counted 76,000 deaths in 2023 according to provisional data.";

        var first = await checker.CheckAsync(url);
        time.Advance(TimeSpan.FromDays(1));
        var unchanged = await checker.CheckAsync(url);
        Site.DriftingText = "The agency counted 81,000 deaths in 2023 according to final data.";
        time.Advance(TimeSpan.FromDays(1));
        var changed = await checker.CheckAsync(url);

        Assert.IsNull(first.Content!.ChangedSinceLastCheck);
        Assert.IsFalse(unchanged.Content!.ChangedSinceLastCheck);
        Assert.AreEqual(1.0, unchanged.Content.SimilarityToLastCheck);
        Assert.IsTrue(changed.Content!.ChangedSinceLastCheck);
        Assert.IsLessThan(1.0, changed.Content.SimilarityToLastCheck!.Value);
        Assert.AreEqual(unchanged.CheckedAt, changed.Content.LastCheckedAt);
    }

    [TestMethod]
    public async Task GetChecksAsync_AfterRuns_EveryCheckWithEvidence()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
        using var history = LinkHistory.Open(_path);
        using var checker = Checker(history, time);
        var url = Site.Url("/chain/2", "evidence.test");

        var result = await checker.CheckAsync(url);
        var stored = await history.GetChecksAsync(result.Url);

        Assert.HasCount(1, stored);
        Assert.AreEqual(LinkVerdict.Redirected, stored[0].Verdict);
        Assert.HasCount(3, stored[0].Evidence.RedirectChain);
        Assert.AreEqual(result.Evidence.Redirect, stored[0].Evidence.Redirect);
    }

    [TestMethod]
    public void Open_FileThatIsNotADatabase_ClearError()
    {
        File.WriteAllText(_path, "this is not a database, just text that is long enough to look like a header............");

        var error = Assert.ThrowsExactly<Citations.Diagnostics.CitationsException>(() => LinkHistory.Open(_path));

        StringAssert.Contains(error.Message, _path);
    }

    [TestMethod]
    public void Open_InvalidPolicy_EveryErrorReported()
    {
        var error = Assert.ThrowsExactly<LinkOptionsException>(() => LinkHistory.Open(_path, new RotPolicy { Failures = 0, MinimumSpacing = TimeSpan.FromDays(-1) }));

        Assert.HasCount(2, error.Errors);
    }
}
