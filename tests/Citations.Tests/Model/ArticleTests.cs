using Citations.CslData;
using Citations.Model;
using Citations.Tests.TestSupport;

namespace Citations.Tests.Model;

[TestClass]
public sealed class ArticleTests
{
    [TestMethod]
    public void Equals_TwoArticlesBuiltAlike_AreEqualWithEqualHashCodes()
    {
        var a = SampleArticles.Rich();
        var b = SampleArticles.Rich();

        Assert.AreNotSame(a, b);
        Assert.AreEqual(a, b);
        Assert.AreEqual(a.GetHashCode(), b.GetHashCode());
        Assert.AreEqual(a.Claims[0], b.Claims[0]);
        Assert.AreEqual(a.Sources[1], b.Sources[1]);
    }

    [TestMethod]
    public void Equals_EvidenceInAnotherOrder_NotEqual()
    {
        var claim = new Claim("c", ClaimKind.Factual, "t", new TextAnchor(1, "t"))
        {
            Evidence = [new EvidenceLink("a", CitationRelation.CitesAsEvidence), new EvidenceLink("b", CitationRelation.CitesAsEvidence)],
        };

        var reordered = claim with { Evidence = claim.Evidence.Reverse().ToArray() };

        Assert.AreNotEqual(claim, reordered);
        Assert.AreEqual(claim, reordered with { Evidence = reordered.Evidence.Reverse().ToList() });
    }

    [TestMethod]
    [DataRow("wording")]
    [DataRow("note")]
    [DataRow("anchor")]
    [DataRow("locator")]
    [DataRow("origin")]
    [DataRow("quote")]
    public void Equals_OneMemberDiffers_NotEqual(string member)
    {
        var link = new EvidenceLink("s", CitationRelation.CitesAsEvidence) { Locator = Locator.Page("1"), Quote = "q" };
        var claim = new Claim("c", ClaimKind.Factual, "t", new TextAnchor(1, "t", "p", "s")) { Evidence = [link] };

        var changed = member switch
        {
            "wording" => claim with { Wording = ClaimWording.Quote },
            "note" => claim with { Note = "n" },
            "anchor" => claim with { Anchor = new TextAnchor(1, "t", "p", "x") },
            "locator" => claim with { Evidence = [link with { Locator = Locator.Page("2") }] },
            "origin" => claim with { Evidence = [link with { Origin = EvidenceOrigin.Reviewer }] },
            _ => claim with { Evidence = [link with { Quote = "other" }] },
        };

        Assert.AreNotEqual(claim, changed);
    }

    [TestMethod]
    public void Lists_CallerChangesArrayAfterwards_ModelUnchanged()
    {
        var ids = new[] { "a" };
        var source = new Source(SampleArticles.Item("s"), SourceClass.News) { ReliesOn = ids };

        ids[0] = "changed";

        Assert.AreEqual("a", source.ReliesOn[0]);
    }

    [TestMethod]
    public void With_NewSources_LookupsSeeTheNewSources()
    {
        var article = SampleArticles.Rich();
        Assert.IsNotNull(article.FindSource("dataset"));

        var copy = article with { Sources = [new Source(SampleArticles.Item("other"), SourceClass.News)] };

        Assert.IsNull(copy.FindSource("dataset"), "the copy must not reuse the original's lookup cache");
        Assert.IsNotNull(copy.FindSource("other"));
        Assert.IsNotNull(article.FindSource("dataset"));
    }

    [TestMethod]
    public void Source_Id_IsTheCslItemId()
    {
        var source = new Source(new CslItem(CslScalar.FromNumber(42), CslItemTypes.Book), SourceClass.Academic);

        Assert.AreEqual("42", source.Id);
    }

    [TestMethod]
    public void Constructors_InvalidArguments_Throw()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TextAnchor(0, "x"));
        Assert.ThrowsExactly<ArgumentException>(() => new TextQuoteSelector(" "));
        Assert.ThrowsExactly<ArgumentException>(() => new Claim("", ClaimKind.Factual, "t", new TextAnchor(1, "t")));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Claim("c", (ClaimKind)99, "t", new TextAnchor(1, "t")));
        Assert.ThrowsExactly<ArgumentException>(() => new Claim("c", ClaimKind.Factual, "t", new TextAnchor(1, "t")) { Evidence = [null!] });
        Assert.ThrowsExactly<ArgumentException>(() => new Source(new CslItem(" ", CslItemTypes.Book), SourceClass.News));
        Assert.ThrowsExactly<ArgumentException>(() => new Locator("page", ""));
    }

    [TestMethod]
    public void ClaimBuilder_NoAnchor_Throws()
    {
        var builder = new ClaimBuilder("c", ClaimKind.Factual, "text");

        var e = Assert.ThrowsExactly<InvalidOperationException>(() => builder.Build());
        Assert.Contains("'c'", e.Message);
    }

    [TestMethod]
    public void ArticleBuilder_Build_KeepsOrderAndDetails()
    {
        var article = SampleArticles.Rich();

        CollectionAssert.AreEqual(new[] { "rate", "count", "insider-says", "trend", "view" }, article.Claims.Select(c => c.Id).ToArray());
        var count = article.FindClaim("count")!;
        Assert.AreEqual(EvidenceOrigin.Reviewer, count.Evidence.Single().Origin);
        Assert.AreEqual(new Locator("page", "12–14"), count.Evidence.Single().Locator);
        Assert.AreEqual(ClaimWording.Quote, article.Claims[0].Wording);
        Assert.AreEqual(ClaimWording.Paraphrase, count.Wording);
        Assert.AreEqual("Officials", article.Claims[0].Anchor.Selector.Suffix);
    }

    [TestMethod]
    public void FindChain_SecondaryRelyingOnPrimary_ReturnsChainToPrimary()
    {
        var article = SampleArticles.Rich();

        var chain = article.FindChain("brief", s => s.Class == SourceClass.PrimaryData);

        CollectionAssert.AreEqual(new[] { "brief", "dataset" }, chain!.Select(s => s.Id).ToArray());
        Assert.AreEqual("dataset", article.FindChain("dataset", s => s.Class == SourceClass.PrimaryData)!.Single().Id);
        Assert.IsNull(article.FindChain("insider", s => s.Class == SourceClass.PrimaryData));
        Assert.IsNull(article.FindChain("missing", _ => true));
    }

    [TestMethod]
    public void FindChain_TwoRoutes_ReturnsTheShortest()
    {
        var article = Chain(("a", SourceClass.News, ["b", "c"]), ("b", SourceClass.News, ["d"]), ("d", SourceClass.News, ["p"]), ("c", SourceClass.News, ["p"]), ("p", SourceClass.PrimaryData, []));

        var chain = article.FindChain("a", s => s.Class == SourceClass.PrimaryData);

        CollectionAssert.AreEqual(new[] { "a", "c", "p" }, chain!.Select(s => s.Id).ToArray());
    }

    [TestMethod]
    public void GetDependencies_CycleSelfLoopAndMissingIds_EachSourceOnceAndWalkEnds()
    {
        var article = Chain(("a", SourceClass.News, ["b", "missing", "a"]), ("b", SourceClass.News, ["c"]), ("c", SourceClass.News, ["a", "b"]));

        var dependencies = article.GetDependencies("a");

        CollectionAssert.AreEqual(new[] { "b", "c" }, dependencies.Select(s => s.Id).ToArray());
        Assert.IsNull(article.FindChain("a", s => s.Class == SourceClass.PrimaryData));
    }

    [TestMethod]
    public void FindSource_DuplicateIds_FirstWins()
    {
        var article = new Article(SampleArticles.Item("x"))
        {
            Sources = [new Source(SampleArticles.Item("s"), SourceClass.News), new Source(SampleArticles.Item("s"), SourceClass.Academic)],
        };

        Assert.AreEqual(SourceClass.News, article.FindSource("s")!.Class);
    }

    internal static Article Chain(params (string Id, SourceClass Class, string[] ReliesOn)[] sources)
        => new(SampleArticles.Item("article"))
        {
            Sources = sources.Select(s => new Source(SampleArticles.Item(s.Id), s.Class) { ReliesOn = s.ReliesOn }).ToArray(),
        };
}
