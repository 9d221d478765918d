using Citations.Diagnostics;
using Citations.Links.Extraction;

namespace Citations.Links.Tests.Extraction;

[TestClass]
public sealed class LinkTargetReaderTests
{
    [TestMethod]
    public void Read_Markdown_InlineReferenceAutolinkAndBareUrlsOutsideCode()
    {
        const string markdown = """
            # Sources
            See the [CBP data](https://www.cbp.gov/newsroom/stats/nationwide-encounters "CBP") and <https://a.example/auto>.
            A bare link https://b.example/page, in a sentence.
            An image ![chart](https://c.example/chart.png) and a link in (parentheses https://d.example/x).
            `https://code.example/span` is code.

            ```
            https://code.example/fenced
            ```
            [ref]: https://e.example/reference
            """;

        var result = LinkTargetReader.Read(markdown, LinkFileKind.Markdown, "article.md");

        Assert.IsTrue(result.Success);
        CollectionAssert.AreEqual(new[]
        {
            "https://www.cbp.gov/newsroom/stats/nationwide-encounters", "https://a.example/auto", "https://b.example/page",
            "https://c.example/chart.png", "https://d.example/x", "https://e.example/reference",
        }, result.Value.Select(t => t.Url).ToArray());
        Assert.AreEqual("article.md:2", result.Value[0].Origin);
        Assert.AreEqual("article.md:10", result.Value[^1].Origin);
    }

    [TestMethod]
    public void Read_MarkdownBlockquoteCitingOneLink_QuoteAttached()
    {
        const string markdown = """
            > In 2023, more than 76,000 Americans were killed
            > due to synthetic opioid poisoning.
            > — [CDC](https://www.cdc.gov/nchs/nvss/vsrr/drug-overdose-data.htm)

            Plain [link](https://other.example/).
            """;

        var targets = LinkTargetReader.Read(markdown, LinkFileKind.Markdown).Value!;

        Assert.HasCount(2, targets);
        Assert.AreEqual("In 2023, more than 76,000 Americans were killed due to synthetic opioid poisoning.", targets[0].Quotes.Single());
        Assert.IsEmpty(targets[1].Quotes);
    }

    [TestMethod]
    public void Read_Html_LinksAndCitedQuotesButNotRelativeLinks()
    {
        const string html = """
            <html><body>
            <p><a href="https://www.cbp.gov/newsroom/stats/nationwide-encounters">CBP</a>
            <a href='/relative/page'>relative</a> <a href="#top">top</a> <a href="mailto:x@example.com">mail</a></p>
            <blockquote cite="https://www.cdc.gov/nchs/nvss/vsrr/drug-overdose-data.htm">More than 76,000 &amp; counting</blockquote>
            <a data-x=">" href="https://a.example/?q=1&amp;r=2">tricky</a>
            </body></html>
            """;

        var result = LinkTargetReader.Read(html, LinkFileKind.Html, "page.html");

        Assert.HasCount(3, result.Value!);
        Assert.AreEqual("https://a.example/?q=1&r=2", result.Value![2].Url);
        Assert.AreEqual("More than 76,000 & counting", result.Value[1].Quotes.Single());
        Assert.AreEqual("page.html:4", result.Value[1].Origin);
        var relative = result.Diagnostics.Single();
        Assert.AreEqual(LinkTargetReader.RelativeLinkCode, relative.Code);
        Assert.AreEqual(3, relative.Location.Line);
    }

    [TestMethod]
    public void ReadCslJson_ItemsWithUrlDoiAndNothing_TargetsAndInfo()
    {
        const string json = """
            [
              {"id": "cdc-overdose", "type": "dataset", "URL": "https://www.cdc.gov/nchs/nvss/vsrr/drug-overdose-data.htm", "accessed": {"date-parts": [[2025, 3, 1]]}},
              {"id": "paper", "type": "article-journal", "DOI": "10.1000/182"},
              {"id": "fair-china-brief", "type": "report", "title": "Brief"}
            ]
            """;

        var result = LinkTargetReader.ReadCslJson(json, "sources.json");

        Assert.HasCount(2, result.Value!);
        Assert.AreEqual("cdc-overdose", result.Value![0].SourceId);
        Assert.AreEqual(2025, result.Value[0].Accessed?.Start?.Year);
        Assert.AreEqual("https://doi.org/10.1000/182", result.Value[1].Url);
        var info = result.Diagnostics.Single();
        Assert.AreEqual(DiagnosticSeverity.Info, info.Severity);
        StringAssert.Contains(info.Message, "fair-china-brief");
    }

    [TestMethod]
    public void ReadCslJson_Malformed_DiagnosticWithLine()
    {
        var result = LinkTargetReader.ReadCslJson("[\n {\"id\": \"a\", \"type\": \"book\", \"URL\": \"https://a.example/\"},\n {\"id\": }\n]", "bad.json");

        Assert.IsFalse(result.Success);
        var error = result.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error);
        Assert.AreEqual("bad.json", error.Location.File);
        Assert.AreEqual(3, error.Location.Line);
    }

    [TestMethod]
    public void ReadUrlList_CommentsBlankLinesAndJunk_EveryNonCommentLineATarget()
    {
        var result = LinkTargetReader.ReadUrlList("# sources\nhttps://a.example/\n\n  https://b.example/x  trailing words\nnot a url\r\n", "urls.txt");

        CollectionAssert.AreEqual(new[] { "https://a.example/", "https://b.example/x", "not" }, result.Value!.Select(t => t.Url).ToArray());
        Assert.AreEqual("urls.txt:4", result.Value![1].Origin);
    }

    [TestMethod]
    public void DetectKind_ByExtensionThenContent_Guessed()
    {
        Assert.AreEqual(LinkFileKind.CslJson, LinkTargetReader.DetectKind("refs.json", ""));
        Assert.AreEqual(LinkFileKind.Markdown, LinkTargetReader.DetectKind("a.md", ""));
        Assert.AreEqual(LinkFileKind.Html, LinkTargetReader.DetectKind("a.htm", ""));
        Assert.AreEqual(LinkFileKind.CslJson, LinkTargetReader.DetectKind("refs", "  [ {}"));
        Assert.AreEqual(LinkFileKind.Html, LinkTargetReader.DetectKind("page", "<!doctype html>"));
        Assert.AreEqual(LinkFileKind.UrlList, LinkTargetReader.DetectKind("urls.txt", "https://a.example/"));
    }

    [TestMethod]
    public async Task ReadFileAsync_MissingFile_DiagnosticNotException()
    {
        var result = await LinkTargetReader.ReadFileAsync(Path.Combine(Path.GetTempPath(), "no-such-file-" + Guid.NewGuid().ToString("N") + ".md"));

        Assert.IsFalse(result.Success);
        Assert.AreEqual(LinkTargetReader.UnreadableFileCode, result.Diagnostics.Single().Code);
    }
}
