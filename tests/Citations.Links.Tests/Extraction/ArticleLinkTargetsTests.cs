using Citations.CslData;
using Citations.Links.Extraction;
using Citations.Model;
using Citations.Serialization;
using Citations.Tests.TestSupport;

namespace Citations.Links.Tests.Extraction;

[TestClass]
public sealed class ArticleLinkTargetsTests
{
    private static CslItem Item(string id, string? url = null, string? doi = null, CslDate? accessed = null, string? title = null)
    {
        var builder = new CslItemBuilder(id, "webpage");
        if (url is not null)
        {
            builder.Set(CslVariables.Url, url);
        }

        if (doi is not null)
        {
            builder.Set(CslVariables.Doi, doi);
        }

        if (title is not null)
        {
            builder.Set(CslVariables.Title, title);
        }

        return builder.SetDate(CslVariables.Accessed, accessed).Build();
    }

    private static Article Sample() => new ArticleBuilder(Item("article"))
        .AddSource(Item("data", url: "https://stats.example/table", accessed: CslDate.FromParts(2025, 3, 1)), SourceClass.PrimaryData)
        .AddSource(Item("paper", doi: "10.1000/182"), SourceClass.Academic)
        .AddSource(Item("brief", title: "Issue brief"), SourceClass.AdvocacyOrThinkTank)
        .AddSource(Item("speech", url: "https://gov.example/speech"), SourceClass.OfficialStatement)
        .AddClaim("figure", ClaimKind.Statistic, "More than 76,000 died.", c => c
            .Quoted()
            .AnchoredAt(1, "More than 76,000 died.")
            .Cites("data", CitationRelation.CitesAsDataSource)
            .Cites("data", CitationRelation.CitesAsEvidence, quote: "  76,000 deaths  "))
        .AddClaim("again", ClaimKind.Statistic, "The same figure again.", c => c
            .AnchoredAt(2, "the same figure")
            .Cites("data", CitationRelation.CitesAsEvidence, quote: "76,000 deaths"))
        .AddClaim("said", ClaimKind.Attribution, "The minister said the border was closed.", c => c
            .AnchoredAt(3, "the border is closed to all", prefix: "“")
            .Cites("speech", CitationRelation.IncludesQuotationFrom)
            .Cites("brief", CitationRelation.CitesAsBackground))
        .AddClaim("opinion", ClaimKind.Opinion, "This is wrong.", c => c.AnchoredAt(4, "wrong"))
        .Build();

    [TestMethod]
    public void From_SourcesWithAndWithoutLinks_OneTargetPerLinkAndNotCheckableRest()
    {
        var set = ArticleLinkTargets.From(Sample(), "article.json");

        CollectionAssert.AreEqual(new[] { "https://stats.example/table", "https://doi.org/10.1000/182", "https://gov.example/speech" },
            set.Targets.Select(t => t.Url).ToArray());
        CollectionAssert.AreEqual(new[] { "data", "paper", "speech" }, set.Targets.Select(t => t.SourceId).ToArray());
        Assert.AreEqual("article.json (source data)", set.Targets[0].Origin);
        var brief = set.NotCheckable.Single();
        Assert.AreEqual("brief", brief.SourceId);
        Assert.AreEqual(NotCheckableSource.NoLinkReason, brief.Reason);
        Assert.AreEqual("Issue brief", brief.Title);
        Assert.AreEqual("article.json (source brief)", brief.Origin);
    }

    [TestMethod]
    public void From_SourceWithAccessedDate_TargetCarriesIt()
    {
        var target = ArticleLinkTargets.From(Sample()).Targets[0];

        Assert.AreEqual(CslDate.FromParts(2025, 3, 1), target.Accessed);
        Assert.AreEqual("source data", target.Origin);
    }

    [TestMethod]
    public void From_EvidenceQuotes_TrimmedOnceEach()
    {
        var target = ArticleLinkTargets.From(Sample()).Targets[0];

        // The claim's own quoted wording is the article's, not the dataset's: only the evidence link's quote is sought.
        CollectionAssert.AreEqual(new[] { "76,000 deaths" }, target.Quotes.ToArray());
    }

    [TestMethod]
    public void From_ClaimQuotesSourceWithoutQuote_AnchorWordsSought()
    {
        var speech = ArticleLinkTargets.From(Sample()).Targets.Single(t => t.SourceId == "speech");

        CollectionAssert.AreEqual(new[] { "the border is closed to all" }, speech.Quotes.ToArray());
    }

    [TestMethod]
    public void QuotesFor_SourceNoClaimQuotes_Empty()
    {
        Assert.IsEmpty(ArticleLinkTargets.QuotesFor(Sample(), "paper"));
        Assert.IsEmpty(ArticleLinkTargets.QuotesFor(Sample(), "no-such-source"));
    }

    [TestMethod]
    public void From_SeedArticle_CbpAndCdcCheckedFairBriefAndExpertNotCheckable()
    {
        var article = ArticleJson.ReadFile(Path.Combine(RepoPaths.Seeds, "article.json")).GetValueOrThrow();

        var set = ArticleLinkTargets.From(article, "seeds/article.json");

        CollectionAssert.AreEqual(new[] { "cbp-encounters", "cdc-overdose" }, set.Targets.Select(t => t.SourceId).ToArray());
        CollectionAssert.AreEqual(new[] { "fair-china-brief", "unnamed-expert" }, set.NotCheckable.Select(s => s.SourceId).ToArray());
        Assert.IsTrue(set.Targets.All(t => t.Quotes.Count == 0), "no claim of the sample quotes a source that has a URL");
    }

    [TestMethod]
    public void Concat_TwoSets_BothKept()
    {
        var a = new LinkTargetSet { Targets = [new LinkTarget("https://a.example/")], NotCheckable = [new NotCheckableSource("x", "no URL or DOI")] };
        var b = new LinkTargetSet { Targets = [new LinkTarget("https://b.example/")] };

        var both = a.Concat(b);

        Assert.HasCount(2, both.Targets);
        Assert.HasCount(1, both.NotCheckable);
    }
}
