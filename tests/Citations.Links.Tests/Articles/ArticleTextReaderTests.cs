using Citations.Links.Articles;

namespace Citations.Links.Tests.Articles;

[TestClass]
public sealed class ArticleTextReaderTests
{
    private const string Page = """
        <html><body><nav><p>Home · World · Sport</p></nav>
        <article><h1>Title</h1>
        <p>First <a href="https://a.example/x">paragraph</a>.</p>
        <div class="share-buttons"><p>Share this</p></div>
        <p>Second paragraph.<sup><a href="#fn1">1</a></sup></p>
        <ol><li id="fn1"><a href="https://b.example/y">A note</a></li></ol>
        </article><footer><p>© Example</p></footer></body></html>
        """;

    [TestMethod]
    public async Task Read_Html_TheParagraphsTheExtractorAnchorsIn()
    {
        using var extractor = new ArticleExtractor(new ArticleExtractionOptions { FetchCitedPages = false, ResolveDois = false });
        var extracted = await extractor.ExtractAsync(Page, ArticleMarkup.Html, null, "page.html");

        var text = ArticleTextReader.Read(Page, ArticleMarkup.Html, null);

        CollectionAssert.AreEqual(extracted.Value!.Text.Paragraphs.ToList(), text.Paragraphs.ToList());
        CollectionAssert.AreEqual(new[] { "First paragraph.", "Second paragraph.1" }, text.Paragraphs.ToList());
    }

    [TestMethod]
    public async Task ReadFileAsync_Markdown_FootnotesAreNotParagraphs()
    {
        var path = Path.Combine(Path.GetTempPath(), $"citations-reader-{Guid.NewGuid():N}.md");
        await File.WriteAllTextAsync(path, "# T\n\nOne claim.[^1] Two.\n\nAnother paragraph.\n\n[^1]: [Note](https://n.example/)\n");
        try
        {
            using var reader = new ArticleTextReader();

            var read = await reader.ReadFileAsync(path);

            CollectionAssert.AreEqual(new[] { "One claim.1 Two.", "Another paragraph." }, read.Value!.Paragraphs.ToList());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public async Task ReadFileAsync_Missing_FatalNamingTheFile()
    {
        using var reader = new ArticleTextReader();

        var read = await reader.ReadFileAsync("/nonexistent/article.html");

        Assert.IsNull(read.Value);
        Assert.AreEqual(LinkDiagnosticCodes.ArticleUnavailable, read.Diagnostics.Single().Code);
        Assert.AreEqual("/nonexistent/article.html", read.Diagnostics.Single().Location.File);
    }
}
