using Citations.Model;
using Citations.Reports;
using Citations.Serialization;
using Citations.Tests.TestSupport;

namespace Citations.Tests.Seeds;

/// <summary>The sample article in <c>seeds/</c>: it loads, its anchors quote the real text, and its coverage is as modelled.</summary>
[TestClass]
public sealed class SeedArticleTests
{
    private static readonly string ArticlePath = Path.Combine(RepoPaths.Seeds, "article.json");

    [TestMethod]
    public void Seed_WithTheArticleText_LoadsWithNoDiagnosticsAtAll()
    {
        var textPath = RepoPaths.RequireShared(Path.Combine(RepoPaths.SharedSeed, "article.txt"));
        var text = ArticleText.Parse(File.ReadAllText(textPath));

        var result = ArticleJson.ReadFile(ArticlePath, new ArticleReadOptions { Text = text });

        Assert.AreEqual(12, text.Paragraphs.Count, "the article has twelve paragraphs");
        Assert.AreEqual(0, result.Diagnostics.Count, string.Join("\n", result.Diagnostics));
        Assert.IsTrue(result.Success);
    }

    [TestMethod]
    public void Seed_WithoutText_LoadsWithNoDiagnostics()
    {
        var result = ArticleJson.ReadFile(ArticlePath);

        Assert.AreEqual(0, result.Diagnostics.Count, string.Join("\n", result.Diagnostics));
        var article = result.GetValueOrThrow();
        Assert.IsGreaterThanOrEqualTo(10, article.Claims.Count);
        CollectionAssert.AreEqual(new[] { "fair-china-brief", "cbp-encounters", "cdc-overdose", "unnamed-expert" }, article.Sources.Select(s => s.Id).ToArray());
    }

    [TestMethod]
    public void Seed_Metadata_IsHonestAboutWhatIsUnknown()
    {
        var metadata = ArticleJson.ReadFile(ArticlePath).GetValueOrThrow().Metadata;

        Assert.StartsWith("[", metadata.Title!);
        Assert.EndsWith("]", metadata.Title!);
        Assert.AreEqual("Styrna", metadata.Authors.Single().Family);
        Assert.AreEqual("Pawel", metadata.Authors.Single().Given);
        Assert.IsTrue(metadata.Issued!.IsCirca);
        Assert.AreEqual(2025, metadata.Issued.Start!.Value.Year);
        Assert.IsNull(metadata.GetText("container-title"), "the venue is unknown");
    }

    [TestMethod]
    public void Seed_Sources_TypesClassesAndUrlsAsDocumented()
    {
        var sources = ArticleJson.ReadFile(ArticlePath).GetValueOrThrow().Sources.ToDictionary(s => s.Id);

        Assert.AreEqual(("report", SourceClass.AdvocacyOrThinkTank, (string?)null), Describe(sources["fair-china-brief"]));
        Assert.AreEqual(("dataset", SourceClass.PrimaryData, (string?)"https://www.cbp.gov/newsroom/stats/nationwide-encounters"), Describe(sources["cbp-encounters"]));
        Assert.AreEqual(("dataset", SourceClass.PrimaryData, (string?)"https://www.cdc.gov/nchs/nvss/vsrr/drug-overdose-data.htm"), Describe(sources["cdc-overdose"]));
        Assert.AreEqual(SourceClass.Anonymous, sources["unnamed-expert"].Class);

        static (string, SourceClass, string?) Describe(Source s) => (s.Item.Type, s.Class, s.Item.Url);
    }

    [TestMethod]
    public void Seed_CoverageReport_TotalsAreExactlyAsModelled()
    {
        var report = CoverageReport.Create(ArticleJson.ReadFile(ArticlePath).GetValueOrThrow());

        // 4 statistics on CBP/CDC data; 4 factual claims on the FAIR brief; the unnamed expert's quote; 6 with no source.
        Assert.AreEqual(new SupportCounts(Claims: 15, PrimaryData: 4, Secondary: 4, Anonymous: 1, None: 6), report.Totals);
        Assert.AreEqual(new SupportCounts(4, 4, 0, 0, 0), Kind(report, ClaimKind.Statistic));
        Assert.AreEqual(new SupportCounts(8, 0, 4, 0, 4), Kind(report, ClaimKind.Factual));
        Assert.AreEqual(new SupportCounts(1, 0, 0, 1, 0), Kind(report, ClaimKind.Attribution));
        Assert.AreEqual(new SupportCounts(2, 0, 0, 0, 2), Kind(report, ClaimKind.Opinion));
        Assert.AreEqual(4, report.Claims.Count(c => c.Support == SupportLevel.PrimaryData && !c.CitedInArticle), "the article cites none of its data");
        Assert.AreEqual(4, report.Sources.Single(s => s.SourceId == "fair-china-brief").CitedBy.Count);
        Assert.IsFalse(report.Sources.Single(s => s.SourceId == "fair-china-brief").LinkCheckable);
    }

    [TestMethod]
    public void SourcesFile_HoldsTheSameCslItemsAsTheArticle()
    {
        var fromArticle = ArticleJson.ReadFile(ArticlePath).GetValueOrThrow().Sources.Select(s => s.Item).ToList();

        var sourcesFile = CslJson.ReadFile(Path.Combine(RepoPaths.Seeds, "sources.csl.json"));

        Assert.AreEqual(0, sourcesFile.Diagnostics.Count, string.Join("\n", sourcesFile.Diagnostics));
        CollectionAssert.AreEqual(fromArticle, sourcesFile.Value!.ToList());
    }

    [TestMethod]
    public void Seed_WriteThenRead_Unchanged()
    {
        var article = ArticleJson.ReadFile(ArticlePath).GetValueOrThrow();

        Assert.AreEqual(article, ArticleJson.Read(ArticleJson.Write(article)).GetValueOrThrow());
    }

    private static SupportCounts Kind(CoverageReport report, ClaimKind kind) => report.ByKind.Single(k => k.Kind == kind).Counts;
}
