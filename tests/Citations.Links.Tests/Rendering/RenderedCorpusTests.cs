using Citations.Links.Tests.Checking;
using Citations.Links.Tests.Infrastructure;

namespace Citations.Links.Tests.Rendering;

/// <summary>
/// The labelled corpus with rendering on, in a real headless Chromium (<see cref="ChromiumForTests"/>): client-rendered
/// pages that exist become alive, ones that do not become soft 404s, and nothing else changes. The browser gets every
/// byte through the checker's own client, so it reaches only the corpus's loopback servers.
/// </summary>
[TestClass]
public sealed class RenderedCorpusTests
{
    private static CorpusSites _corpus = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) => _corpus = await CorpusSites.StartAsync();

    [ClassCleanup]
    public static async Task StopAsync() => await _corpus.DisposeAsync();

    [TestMethod]
    public async Task CheckAllAsync_LabelledCorpusRendered_ExistingAppPagesAliveMissingOnesSoft404()
    {
        var chromium = ChromiumForTests.Executable();

        var (score, results) = await LabelledCorpusTests.CheckAsync(_corpus, render: true, o => o.ChromiumPath = chromium);
        TestContext.WriteLine(score.Table());

        Assert.IsEmpty(score.FalseAlarms, string.Join(Environment.NewLine, score.FalseAlarms));
        Assert.IsEmpty(score.Wrong, string.Join(Environment.NewLine, score.Wrong) + Environment.NewLine
            + string.Join(Environment.NewLine, results.Where(r => r.Assessment?.Rendering is not null).Select(r => r.Url + ": " + string.Join("; ", r.Assessment!.Signals.Select(s => s.Name + " " + s.Detail)))));
        var rendered = results.Where(r => r.Assessment?.Rendering is not null).ToList();
        Assert.HasCount(10, rendered);
        foreach (var result in rendered)
        {
            var rendering = result.Assessment!.Rendering!;
            Assert.IsTrue(rendering.Rendered, result.Url + ": " + rendering.Failure);
            Assert.IsGreaterThanOrEqualTo(2, rendering.Requests, result.Url);
            Assert.IsNotNull(rendering.Similarity, result.Url);
            Assert.IsNotNull(rendering.RandomUrl, result.Url);
        }

        var sales = rendered.Single(r => r.Url.EndsWith("/dash/sales", StringComparison.Ordinal));
        Assert.AreEqual(VerdictReason.RenderedContent, sales.Assessment!.Reason);
        Assert.AreEqual("Sales by region | Dashboards", sales.Assessment.Rendering!.Title);
        var closed = rendered.Single(r => r.Url.EndsWith("/dash/closed-1", StringComparison.Ordinal));
        Assert.AreEqual(VerdictReason.NotFound, closed.Assessment!.Reason);
        Assert.Contains("rendered-not-found", closed.Assessment.Signals.Select(s => s.Name).ToArray());
    }

    [TestMethod]
    public async Task CheckAllAsync_RenderBudgetOfOnePage_RestStayUnverifiable()
    {
        var chromium = ChromiumForTests.Executable();

        var (score, results) = await LabelledCorpusTests.CheckAsync(_corpus, render: true, o =>
        {
            o.ChromiumPath = chromium;
            o.MaxRendersPerHost = 1;
        });

        // One render per host goes to the page, none is left for its random path: no comparison, so no page is judged
        // missing on the page's own text alone unless it says so; the pages with no budget at all stay unverifiable.
        Assert.IsEmpty(score.FalseAlarms, string.Join(Environment.NewLine, score.FalseAlarms));
        var spent = results.Where(r => r.Assessment?.Rendering is { Rendered: false }).ToList();
        Assert.IsNotEmpty(spent);
        Assert.IsTrue(spent.All(r => r.Verdict == LinkVerdict.Unverifiable));
        Assert.IsTrue(spent.All(r => r.Assessment!.Rendering!.Failure!.Contains("MaxRendersPerHost", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task CheckAllAsync_NoChromiumAtThePath_ShellsStayUnverifiableWithTheReason()
    {
        // Needs no browser: the one named is missing.
        var (score, results) = await LabelledCorpusTests.CheckAsync(_corpus, render: true, o => o.ChromiumPath = "/nonexistent/chromium");

        Assert.IsEmpty(score.FalseAlarms);
        var shells = results.Where(r => r.Assessment?.Reason == VerdictReason.ClientRendered).ToList();
        Assert.HasCount(10, shells);
        Assert.IsTrue(shells.All(r => r.Verdict == LinkVerdict.Unverifiable && r.Assessment!.Rendering!.Failure == "no Chromium at /nonexistent/chromium"));
    }
}
