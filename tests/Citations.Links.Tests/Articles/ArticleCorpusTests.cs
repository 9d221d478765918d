using System.Diagnostics;
using Citations.Links.Articles;
using Citations.Links.Http;
using Citations.Links.Lookup;
using Citations.Tests.ArticleCorpus;

namespace Citations.Links.Tests.Articles;

/// <summary>
/// The measurement of issue 16: the hand-marked corpus (<c>Articles/Corpus</c>: 21 articles in HTML and Markdown, an
/// expectation file each, and <c>site.json</c> for the cited pages) extracted by URL from a Kestrel site on 127.0.0.1
/// that serves the articles, the pages they cite, redirects, a PDF, a huge page, and a DOI resolver. The targets:
/// every marked link target found; claim recall and precision at least 0.9; the cited page's own title on at least
/// 95% of the sources whose page has metadata. The table (per article and totals) is written to the test output.
/// </summary>
[TestClass]
public sealed class ArticleCorpusTests
{
    private static CorpusSite _site = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task StartSiteAsync(TestContext context) => _site = await CorpusSite.StartAsync();

    [ClassCleanup]
    public static async Task StopSiteAsync() => await _site.DisposeAsync();

    [TestMethod]
    public void Corpus_HasAtLeastTwentyArticlesInHtmlAndMarkdown_EachWithItsExpectation()
    {
        var articles = MarkedArticle.All();
        Assert.IsGreaterThanOrEqualTo(20, articles.Count);
        Assert.IsTrue(articles.Any(a => a.Name.EndsWith(".md", StringComparison.Ordinal)) && articles.Any(a => a.Name.EndsWith(".html", StringComparison.Ordinal)));
        var pages = MarkedPages.Read();
        var unmarked = articles.SelectMany(a => a.Targets).Where(t => !t.StartsWith("note:", StringComparison.Ordinal) && pages.For(t) == (false, null)
            && !t.Contains("gone", StringComparison.Ordinal) && !t.Contains("no-title", StringComparison.Ordinal) && !t.EndsWith(".pdf", StringComparison.Ordinal)
            && !t.Contains("unregistered", StringComparison.Ordinal)).ToList();
        Assert.IsEmpty(unmarked, "every cited page is marked in site.json: " + string.Join(", ", unmarked));
    }

    [TestMethod]
    public async Task Corpus_ExtractedByUrl_MeetsTheIssueTargets()
    {
        var scores = new List<ArticleScore>();
        var times = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var pages = MarkedPages.Read();
        using var dois = new DoiResolver(new DoiLookupOptions
        {
            ResolverAddress = _site.DoiResolver,
            AllowPrivateAddresses = true,
            CacheDirectory = null,
            MaxRetries = 0,
        }, hostResolver: HostResolver.LoopbackOnly);
        var options = new ArticleExtractionOptions { AllowPrivateAddresses = true, MaxRetries = 0, PerHostMinimumInterval = TimeSpan.Zero };
        foreach (var marked in MarkedArticle.All())
        {
            // One extractor per article, as one run of the tool: its cache of cited pages does not carry over.
            using var extractor = new ArticleExtractor(options, hostResolver: HostResolver.LoopbackOnly, doiResolver: dois);
            var clock = Stopwatch.StartNew();
            var read = await extractor.ExtractUrlAsync(new Uri($"{_site.Address}/articles/{marked.Name}"), TestContext.CancellationToken);
            times[marked.Name] = clock.Elapsed;
            Assert.IsNotNull(read.Value, marked.Name + ": " + string.Join("\n", read.Diagnostics));
            scores.Add(ArticleScore.Of(marked, pages, read.Value.Article, _site.Address));
        }

        var table = ArticleScore.Table(scores, times);
        TestContext.WriteLine(table);
        var totals = ArticleScore.Totals(scores);
        Assert.AreEqual(totals.MarkedSources, totals.FoundSources, "every marked target found\n" + table);
        Assert.IsGreaterThanOrEqualTo(0.9, totals.Recall, table);
        Assert.IsGreaterThanOrEqualTo(0.9, totals.Precision, table);
        Assert.IsGreaterThanOrEqualTo(0.95, totals.TitleShare, table);
    }
}
