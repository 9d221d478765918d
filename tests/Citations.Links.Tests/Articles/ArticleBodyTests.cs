using Citations.Links.Articles;

namespace Citations.Links.Tests.Articles;

/// <summary>
/// What counts as the article's text and as a citation, on pages extracted without fetching: the rules the article
/// corpus (<c>Articles/Corpus</c>) showed were missing, one construct per test.
/// </summary>
[TestClass]
public sealed class ArticleBodyTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Extract_TableRowsWithLinks_EachRowOneClaimHeaderRowNone()
    {
        var article = await ExtractAsync("""
            <article><table><tr><th>Claim</th><th>Source</th></tr>
            <tr><td>Coverage fell below 90%.</td><td></td><td><a href="https://example.org/report">report</a></td></tr>
            <tr><td>Prices doubled.</td><td><a href="https://example.org/index">index</a></td></tr></table></article>
            """);

        CollectionAssert.AreEqual(new[] { "Coverage fell below 90%. | report", "Prices doubled. | index" }, article.Claims.Select(c => c.Anchor.Selector.Exact).ToArray());
    }

    [TestMethod]
    public async Task Extract_MarkdownPipeTable_RowsAreParagraphs()
    {
        using var extractor = NoFetch();
        var read = await extractor.ExtractAsync("| Report | Finding |\n|---|---|\n| [Costs](https://example.org/costs) | Fell by two thirds. |\n",
            ArticleMarkup.Markdown, null, "table.md", TestContext.CancellationToken);

        Assert.AreEqual("Costs | Fell by two thirds.", read.Value!.Article.Claims.Single().Anchor.Selector.Exact);
    }

    [TestMethod]
    public async Task Extract_ListItemWithNestedList_ItsOwnWordsAreAParagraph()
    {
        var extracted = await ExtractTextAsync("""
            <article><ul><li>Prices: the <a href="https://example.org/cpi">index</a> is the reference.
            <ul><li>Rents are in the <a href="https://example.org/housing">housing series</a>.</li></ul></li></ul></article>
            """);

        CollectionAssert.AreEqual(new[] { "Prices: the index is the reference.", "Rents are in the housing series." }, extracted.Text.Paragraphs.ToArray());
        Assert.HasCount(2, extracted.Article.Sources);
    }

    [TestMethod]
    public async Task Extract_AuthorTagAndCreditLinks_NotCitations()
    {
        var extracted = await ExtractTextAsync("""
            <article><p>By <a rel="author" href="https://example.org/authors/jane">Jane Roe</a>, 2 June 2024</p>
            <figure><figcaption>A clinic. Photo: <a href="https://example.org/photographers/lee">Sam Lee</a>.</figcaption></figure>
            <p>Filed under <a rel="tag" href="https://example.org/tag/health">health</a>.</p>
            <p class="byline">Reporting by <a href="https://example.org/people/sam">Sam</a>.</p>
            <p>Coverage fell, <a href="https://example.org/report">the agency said</a>.</p></article>
            """);

        Assert.AreEqual("https://example.org/report", extracted.Article.Sources.Single().Item.Url);
        Assert.HasCount(1, extracted.Article.Claims);
        Assert.Contains("A clinic. Photo: Sam Lee.", extracted.Text.Paragraphs, "the caption's words stay in the text");
    }

    [TestMethod]
    public async Task Extract_ReadMoreLine_LeftOutOfTheText()
    {
        var extracted = await ExtractTextAsync("""
            <article><p>The grants follow <a href="https://example.org/flood">the flood</a>.</p>
            <p><strong>Read more:</strong> <a href="https://example.org/other-story">Another story</a></p>
            <p>See also: <a href="https://example.org/third">a third</a></p></article>
            """);

        Assert.HasCount(1, extracted.Text.Paragraphs);
        Assert.AreEqual("https://example.org/flood", extracted.Article.Sources.Single().Item.Url);
    }

    [TestMethod]
    public async Task Extract_TrackingParameters_OneSourceWithoutThem()
    {
        var article = await ExtractAsync("""
            <article><p>Wages rose, <a href="https://example.org/wages?utm_source=newsletter&amp;utm_medium=email">as reported</a>.
            The <a href="https://example.org/wages?fbclid=abc#table">tables</a> agree. The <a href="https://example.org/search?q=wages&amp;utm_campaign=x">search</a> too.</p></article>
            """);

        CollectionAssert.AreEquivalent(new[] { "https://example.org/wages", "https://example.org/search?q=wages" }, article.Sources.Select(s => s.Item.Url).ToArray());
    }

    [TestMethod]
    public async Task ExtractFile_SavedPageWithCanonicalLink_RelativeLinksResolvedAgainstIt()
    {
        var folder = Directory.CreateTempSubdirectory("citations-body-").FullName;
        try
        {
            var path = Path.Combine(folder, "saved.html");
            await File.WriteAllTextAsync(path, """
                <html><head><link rel="canonical" href="https://news.example.org/2024/story.html"></head>
                <body><article><p>Rivers rose, <a href="../data/rivers.html">the agency said</a>. <a href="story.html">This story</a> is ours.</p></article></body></html>
                """, TestContext.CancellationToken);
            using var extractor = NoFetch();

            var read = await extractor.ExtractFileAsync(path, cancellationToken: TestContext.CancellationToken);

            Assert.AreEqual("https://news.example.org/data/rivers.html", read.Value!.Article.Sources.Single().Item.Url);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [TestMethod]
    public async Task Extract_DoiLinkNotFetched_MinimalItemKeepsTheDoi()
    {
        var article = await ExtractAsync("""<article><p>A survey found plastic (<a href="https://doi.org/10.5555/x.1">Varga, 2023</a>).</p></article>""");

        Assert.AreEqual("10.5555/x.1", article.Sources.Single().Item.Doi);
    }

    private static ArticleExtractor NoFetch() => new(new ArticleExtractionOptions { FetchCitedPages = false });

    private async Task<Model.Article> ExtractAsync(string html) => (await ExtractTextAsync(html)).Article;

    private async Task<ExtractedArticle> ExtractTextAsync(string html)
    {
        using var extractor = NoFetch();
        var read = await extractor.ExtractAsync(html, ArticleMarkup.Html, new Uri("https://site.example.org/article.html"), "article.html", TestContext.CancellationToken);
        Assert.IsNotNull(read.Value, string.Join("\n", read.Diagnostics));
        return read.Value;
    }
}
