using Citations.Links.History;
using Citations.Links.Reports;

namespace Citations.Links.Tests.Reports;

[TestClass]
public sealed class LinkHistoryReportTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static LinkTimeline Timeline(string url, params (int Day, LinkVerdict Verdict)[] checks)
    {
        var recorded = checks.Select(c => new RecordedCheck(Start.AddDays(c.Day), c.Verdict, null)).ToList();
        return new LinkTimeline
        {
            Url = url,
            Checks = recorded,
            Summary = new LinkHistorySummary(url, recorded.Count, recorded[0].CheckedAt, recorded[^1].CheckedAt, recorded[^1].Verdict, null, null, 0, false),
        };
    }

    [TestMethod]
    public void Runs_ChecksDaysApart_OneRunEachWithShareAlive()
    {
        var report = new LinkHistoryReport(
        [
            Timeline("https://a.example/", (0, LinkVerdict.Alive), (7, LinkVerdict.Gone), (14, LinkVerdict.Alive)),
            Timeline("https://b.example/", (0, LinkVerdict.Alive), (7, LinkVerdict.Alive), (14, LinkVerdict.Alive)),
        ], Start.AddDays(20));

        CollectionAssert.AreEqual(new double?[] { 1.0, 0.5, 1.0 }, report.Runs.Select(r => r.AliveShare).ToArray());
        Assert.AreEqual(6, report.Checks);
    }

    [TestMethod]
    public void Runs_UnverifiedChecks_ChangeNothing()
    {
        var report = new LinkHistoryReport(
        [
            Timeline("https://a.example/", (0, LinkVerdict.Gone), (7, LinkVerdict.Inconclusive), (14, LinkVerdict.Blocked)),
            Timeline("https://b.example/", (0, LinkVerdict.Inconclusive), (7, LinkVerdict.Alive), (14, LinkVerdict.Inconclusive)),
        ], Start.AddDays(20));

        CollectionAssert.AreEqual(new double?[] { 0.0, 0.5, 0.5 }, report.Runs.Select(r => r.AliveShare).ToArray());
    }

    [TestMethod]
    public void Runs_NoConclusiveCheck_NoShare()
    {
        var report = new LinkHistoryReport([Timeline("https://a.example/", (0, LinkVerdict.Inconclusive))], Start);

        Assert.HasCount(1, report.Runs);
        Assert.IsNull(report.Runs[0].AliveShare);
        StringAssert.Contains(LinkHistoryWriters.RenderHtml(report), "nothing to draw");
    }

    [TestMethod]
    public void Runs_GapShorterThanRunGap_SameRun()
    {
        var report = new LinkHistoryReport([Timeline("https://a.example/", (0, LinkVerdict.Alive)), Timeline("https://b.example/", (0, LinkVerdict.Gone))], Start, TimeSpan.FromMinutes(1));

        Assert.HasCount(1, report.Runs);
        Assert.AreEqual(2, report.Runs[0].Checks);
    }

    [TestMethod]
    public void Stretches_RepeatedVerdicts_Counted()
    {
        var text = LinkHistoryReport.Stretches(Timeline("https://a.example/", (0, LinkVerdict.Alive), (1, LinkVerdict.Alive), (2, LinkVerdict.Gone)));

        Assert.AreEqual("2026-01-05 alive ×2, 2026-01-07 gone", text);
    }

    [TestMethod]
    public async Task GetTimelinesAsync_RotAfterSpacedFailures_FirstFailureAndRotDate()
    {
        var path = Path.Combine(Path.GetTempPath(), "citations-timelines-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            using (var history = LinkHistory.Open(path))
            {
                foreach (var (day, verdict) in new[] { (0, LinkVerdict.Alive), (4, LinkVerdict.Gone), (5, LinkVerdict.Gone), (9, LinkVerdict.Gone), (13, LinkVerdict.Gone) })
                {
                    await history.RecordAsync(new LinkCheckResult
                    {
                        Url = "https://a.example/", Targets = [new LinkTarget("https://a.example/")], Verdict = verdict,
                        Evidence = new LinkEvidence { StatusCode = verdict == LinkVerdict.Alive ? 200 : 404 }, CheckedAt = Start.AddDays(day),
                    });
                }

                var timeline = (await history.GetTimelinesAsync()).Single();

                Assert.HasCount(5, timeline.Checks);
                Assert.AreEqual(Start.AddDays(4), timeline.FirstFailure);
                Assert.AreEqual(Start.AddDays(13), timeline.RotSince, "the day-5 failure is too close to the day-4 one to count (three days apart)");
                Assert.AreEqual(await history.GetSummaryAsync("https://a.example/"), timeline.Summary);
                Assert.AreEqual(404, timeline.Checks[^1].StatusCode);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
