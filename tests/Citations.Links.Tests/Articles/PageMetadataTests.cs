using AngleSharp.Html.Parser;
using Citations.Links.Articles;

namespace Citations.Links.Tests.Articles;

[TestClass]
public sealed class PageMetadataTests
{
    private static readonly Uri Page = new("https://site.example/a/page");
    private static readonly DateTimeOffset Accessed = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    private static (Citations.CslData.CslItem Item, PageFacts Facts) Read(string head)
        => PageMetadata.Read(new HtmlParser().ParseDocument($"<html><head>{head}</head><body></body></html>"), "s", Page, Accessed);

    [TestMethod]
    public void Read_HighwireBeforeOpenGraph_HighwireWins()
    {
        var (item, facts) = Read("""
            <meta property="og:title" content="Short title"><meta name="citation_title" content="The full title">
            <meta name="citation_author" content="Doe, Jane"><meta name="citation_publication_date" content="2021/04/09">
            """);

        Assert.AreEqual("The full title", item.Title);
        Assert.AreEqual("Doe", item.Authors[0].Family);
        Assert.AreEqual(new Citations.CslData.CslDatePart(2021, 4, 9), item.Issued!.Start);
        CollectionAssert.AreEqual(new[] { "highwire", "opengraph" }, facts.Vocabularies.ToArray());
    }

    [TestMethod]
    public void Read_JsonLdGraphWithReport_TypeTitlePublisherAndOrganisationAuthor()
    {
        var (item, facts) = Read("""
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},
              {"@type":"Report","headline":"Annual report","author":{"@type":"Organization","name":"The Agency"},
               "publisher":{"name":"The Agency"},"datePublished":"2024-02-01"}]}</script>
            """);

        Assert.AreEqual("report", item.Type);
        Assert.AreEqual("Annual report", item.Title);
        Assert.AreEqual("The Agency", item.Authors[0].Literal);
        Assert.AreEqual("The Agency", item.GetText("publisher"));
        Assert.AreEqual("Report", facts.SchemaType);
    }

    [TestMethod]
    public void Read_BrokenJsonLdAndNoMeta_TitleElementUrlAndAccessed()
    {
        var (item, facts) = Read("<title>  Just a   page </title><script type=\"application/ld+json\">{not json</script>");

        Assert.AreEqual("Just a page", item.Title);
        Assert.AreEqual("webpage", item.Type);
        Assert.AreEqual(Page.AbsoluteUri, item.Url);
        Assert.AreEqual(new Citations.CslData.CslDatePart(2026, 12, 6), item.Accessed!.Start);
        Assert.IsFalse(facts.HasMetadata);
    }

    [TestMethod]
    public void Read_DublinCoreIdentifierWithDoi_DoiTaken()
    {
        var (item, _) = Read("<meta name=\"DC.title\" content=\"T\"><meta name=\"DC.identifier\" content=\"doi:10.1000/xyz.1\">");

        Assert.AreEqual("10.1000/xyz.1", item.Doi);
    }

    [TestMethod]
    public void Read_OrganisationInCitationAuthorAndDcCreator_LiteralNotAPerson()
    {
        var (item, _) = Read("""
            <meta name="citation_title" content="Brief"><meta name="citation_author" content="Federation for American Immigration Reform">
            <meta name="citation_author" content="Evidence Desk"><meta name="citation_author" content="Ada Marsh"><meta name="citation_author" content="Lee, Min">
            """);

        CollectionAssert.AreEqual(new[] { "Federation for American Immigration Reform", "Evidence Desk", null, null }, item.Authors.Select(a => a.Literal).ToArray());
        CollectionAssert.AreEqual(new[] { null, null, "Marsh", "Lee" }, item.Authors.Select(a => a.Family).ToArray());
    }
}
