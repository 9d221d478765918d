using Citations.Links.Tests.Infrastructure;

namespace Citations.Links.Tests.Checking;

/// <summary>
/// The labelled corpus (<see cref="CorpusSites"/>) checked without rendering: no false alarm, every behaviour's verdict
/// named right. The per-behaviour and per-verdict table is written to the test output (run with
/// <c>--logger "console;verbosity=detailed"</c> to see it). Rendering is checked in <c>Rendering/RenderedCorpusTests</c>.
/// </summary>
[TestClass]
public sealed class LabelledCorpusTests
{
    private static CorpusSites _corpus = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) => _corpus = await CorpusSites.StartAsync();

    [ClassCleanup]
    public static async Task StopAsync() => await _corpus.DisposeAsync();

    /// <summary>Checks the corpus and scores the verdicts against the labels.</summary>
    internal static async Task<(CorpusScore Score, IReadOnlyList<LinkCheckResult> Results)> CheckAsync(CorpusSites corpus, bool render, Action<LinkCheckerOptions>? configure = null)
    {
        using var checker = TestChecker.Create(o =>
        {
            o.Render = render;

            // Rendering happens within the check's total timeout: the browser's start and two pages on a busy machine.
            o.RenderTimeout = TimeSpan.FromSeconds(30);
            o.TotalTimeout = TimeSpan.FromMinutes(2);
            configure?.Invoke(o);
        });
        var targets = corpus.Entries.Select(e => new LinkTarget(e.Url) { Title = e.Title }).ToList();
        var results = await checker.CheckAllAsync(targets);
        var byUrl = results.SelectMany(r => r.Targets.Select(t => (t.Url, r))).ToDictionary(p => p.Url, p => p.r, StringComparer.Ordinal);
        var rows = corpus.Entries.Select(e => (e, byUrl[e.Url].Verdict, byUrl[e.Url].IsChanged)).ToList();
        return (new CorpusScore(rows, render), results);
    }

    [TestMethod]
    public async Task CheckAllAsync_LabelledCorpus_NoFalseAlarmAndEveryVerdictRight()
    {
        var (score, _) = await CheckAsync(_corpus, render: false);
        TestContext.WriteLine(score.Table());

        Assert.IsEmpty(score.FalseAlarms, string.Join(Environment.NewLine, score.FalseAlarms));
        Assert.IsEmpty(score.Wrong, string.Join(Environment.NewLine, score.Wrong));
        Assert.IsGreaterThanOrEqualTo(40, score.Rows.Count);
        foreach (var behaviour in score.Rows.GroupBy(r => r.Entry.Behaviour))
        {
            Assert.IsGreaterThanOrEqualTo(3, behaviour.Count(), behaviour.Key);
        }
    }

    [TestMethod]
    public async Task CheckAllAsync_LabelledCorpus_EachDecisionRecordsItsEvidence()
    {
        var (_, results) = await CheckAsync(_corpus, render: false);

        foreach (var result in results.Where(r => r.Verdict is LinkVerdict.Unverifiable or LinkVerdict.Parked or LinkVerdict.Soft404))
        {
            Assert.IsNotNull(result.Assessment, result.Url);
            Assert.IsNotEmpty(result.Assessment.Signals, result.Url);
        }

        var shell = results.First(r => r.Url.EndsWith("/dash/sales", StringComparison.Ordinal));
        Assert.AreEqual(VerdictReason.ClientRendered, shell.Assessment!.Reason);
        CollectionAssert.IsSubsetOf(new[] { "little-text", "mount-element", "script-bundles", "same-as-random-path" }, shell.Assessment.Signals.Select(s => s.Name).ToArray());
        var wall = results.First(r => r.Url.EndsWith("/reports/q1", StringComparison.Ordinal));
        Assert.AreEqual(VerdictReason.LoginRequired, wall.Assessment!.Reason);
        CollectionAssert.IsSubsetOf(new[] { "sign-in-redirect", "return-parameter" }, wall.Assessment.Signals.Select(s => s.Name).ToArray());
        var sale = results.First(r => r.Url.EndsWith("/docs/guide", StringComparison.Ordinal) && r.Url.Contains(new Uri(_corpus.Url("parked-sale", "/")).Authority, StringComparison.Ordinal));
        Assert.AreEqual(VerdictReason.ForSale, sale.Assessment!.Reason);
        var changed = results.First(r => r.Url.EndsWith("/pages/4", StringComparison.Ordinal));
        Assert.AreEqual("Opioid overdose deaths by state", changed.Content!.TitleMatch!.CitedTitle);
        Assert.Contains("casino", changed.Content.TitleMatch.PageTitle);
    }

    [TestMethod]
    public async Task CheckAllAsync_SoftNotFoundDetectionOff_PageVerdictsNotLookedFor()
    {
        // The page verdicts need the page's body, which the soft-404 detection reads: off, a checker stays as it was.
        var (score, _) = await CheckAsync(_corpus, render: false, o => o.DetectSoft404 = false);

        Assert.IsFalse(score.Rows.Any(r => r.Verdict is LinkVerdict.Parked or LinkVerdict.Soft404));
        Assert.IsTrue(score.Rows.Where(r => r.Entry.Behaviour.StartsWith("client-rendered", StringComparison.Ordinal)).All(r => r.Verdict == LinkVerdict.Alive));
    }
}
