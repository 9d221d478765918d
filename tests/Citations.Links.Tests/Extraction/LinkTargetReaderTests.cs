using Citations.Diagnostics;
using Citations.Links.Extraction;
using Citations.Serialization;
using Citations.Tests.TestSupport;

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
            The [reference][ref] is cited here.

            [ref]: https://e.example/reference
            [unused]: https://f.example/never-cited
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
        Assert.AreEqual(LinkConstructs.MarkdownReferenceLink, result.Value[^1].Construct);
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
        Assert.AreEqual(LinkDiagnosticCodes.RelativeLink, relative.Code);
        Assert.AreEqual(3, relative.Location.Line);
    }

    [TestMethod]
    public void ReadBibliography_ItemsWithUrlDoiAndNothing_TargetsAndInfo()
    {
        const string json = """
            [
              {"id": "cdc-overdose", "type": "dataset", "URL": "https://www.cdc.gov/nchs/nvss/vsrr/drug-overdose-data.htm", "accessed": {"date-parts": [[2025, 3, 1]]}},
              {"id": "paper", "type": "article-journal", "DOI": "10.1000/182"},
              {"id": "fair-china-brief", "type": "report", "title": "Brief"}
            ]
            """;

        var result = LinkTargetReader.ReadBibliography(json, "sources.json");

        var targets = result.Value!.Targets;
        Assert.HasCount(2, targets);
        Assert.AreEqual("cdc-overdose", targets[0].SourceId);
        Assert.AreEqual(2025, targets[0].Accessed?.Start?.Year);
        Assert.AreEqual("https://doi.org/10.1000/182", targets[1].Url);
        var info = result.Diagnostics.Single();
        Assert.AreEqual(DiagnosticSeverity.Info, info.Severity);
        StringAssert.Contains(info.Message, "fair-china-brief");
    }

    [TestMethod]
    public void ReadBibliography_Malformed_FatalWithLineAndItemsBeforeKept()
    {
        var result = LinkTargetReader.ReadBibliography("[\n {\"id\": \"a\", \"type\": \"book\", \"URL\": \"https://a.example/\"},\n {\"id\": }\n]", "bad.json");

        Assert.IsTrue(result.Stopped);
        Assert.AreEqual("https://a.example/", result.Value!.Targets.Single().Url);
        var error = result.Diagnostics.First(d => d.IsError);
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
        Assert.AreEqual(LinkFileKind.Bibliography, LinkTargetReader.DetectKind("refs.json", ""));
        Assert.AreEqual(LinkFileKind.Markdown, LinkTargetReader.DetectKind("a.md", ""));
        Assert.AreEqual(LinkFileKind.Html, LinkTargetReader.DetectKind("a.htm", ""));
        Assert.AreEqual(LinkFileKind.Bibliography, LinkTargetReader.DetectKind("refs", "  [ {}"));
        Assert.AreEqual(LinkFileKind.Html, LinkTargetReader.DetectKind("page", "<!doctype html>"));
        Assert.AreEqual(LinkFileKind.UrlList, LinkTargetReader.DetectKind("urls.txt", "https://a.example/"));
    }

    [TestMethod]
    [DataRow("article.json", """{"$schema": "x", "formatVersion": 1, "metadata": {}}""", LinkFileKind.Article)]
    [DataRow("article.json", "\uFEFF// comment\n{\"metadata\": {\"id\": \"a\"}, \"claims\": []}", LinkFileKind.Article)]
    [DataRow("article.json", """{"note": {"claims": 1}, "sources": [}""", LinkFileKind.Article)]
    [DataRow("item.json", """{"id": "a", "type": "book", "note": {"claims": 1}}""", LinkFileKind.Bibliography)]
    [DataRow("items.json", """[{"id": "a", "type": "book", "formatVersion": 1}]""", LinkFileKind.Bibliography)]
    [DataRow("broken.json", """{"id": """, LinkFileKind.Bibliography)]
    [DataRow("article", """  {"formatVersion": 1}""", LinkFileKind.Article)]
    [DataRow("NOTES", "# Sources\n\nSee [the data](https://a.example/) and the brief.\n", LinkFileKind.Markdown)]
    [DataRow("links", "# checked weekly\nhttps://a.example/\nHTTP://B.example/x trailing words\nnot a url\n", LinkFileKind.UrlList)]
    public void DetectKind_JsonAndExtensionlessText_TellsKindsApartByContent(string path, string text, LinkFileKind expected)
    {
        Assert.AreEqual(expected, LinkTargetReader.DetectKind(path, text));
    }

    [TestMethod]
    public void ReadArticle_SourcesWithAndWithoutUrl_TargetsNotCheckableAndInfo()
    {
        const string json = """
            {
              "formatVersion": 1,
              "metadata": {"id": "a", "type": "article", "title": "A"},
              "claims": [
                {"id": "c1", "kind": "attribution", "wording": "paraphrase", "text": "The agency said so.",
                 "anchor": {"paragraph": 1, "selector": {"exact": "deaths rose"}},
                 "evidence": [{"source": "agency", "relation": "includesQuotationFrom"}, {"source": "brief", "relation": "citesAsEvidence"}]}
              ],
              "sources": [
                {"class": "officialStatement", "item": {"id": "agency", "type": "webpage", "URL": "https://agency.example/release", "accessed": {"date-parts": [[2025, 2, 3]]}}},
                {"class": "advocacyOrThinkTank", "item": {"id": "brief", "type": "report", "title": "Brief"}}
              ]
            }
            """;

        var result = LinkTargetReader.ReadSet(json, LinkFileKind.Article, "article.json");

        Assert.IsTrue(result.Success, string.Join("\n", result.Diagnostics));
        var target = result.Value.Targets.Single();
        Assert.AreEqual("https://agency.example/release", target.Url);
        Assert.AreEqual("agency", target.SourceId);
        Assert.AreEqual(2025, target.Accessed?.Start?.Year);
        Assert.AreEqual("deaths rose", target.Quotes.Single());
        Assert.AreEqual("brief", result.Value.NotCheckable.Single().SourceId);
        var info = result.Diagnostics.Single();
        Assert.AreEqual(LinkDiagnosticCodes.NoUrl, info.Code);
        Assert.AreEqual(DiagnosticSeverity.Info, info.Severity);
    }

    [TestMethod]
    public void ReadArticle_Malformed_ErrorWithFileAndLine()
    {
        var result = LinkTargetReader.ReadSet("{\n  \"formatVersion\": 1,\n  \"sources\": [\n    {\"class\": }\n  ]\n}", LinkFileKind.Article, "bad.json");

        Assert.IsNull(result.Value);
        var error = result.Diagnostics.First(d => d.IsError);
        Assert.AreEqual("bad.json", error.Location.File);
        Assert.AreEqual(4, error.Location.Line);
    }

    [TestMethod]
    public void ReadArticle_EvidenceNamesMissingSource_ValidationErrorWithLine()
    {
        const string json = """
            {
              "formatVersion": 1,
              "metadata": {"id": "a", "type": "article"},
              "claims": [
                {"id": "c1", "kind": "factual", "text": "X.", "anchor": {"paragraph": 1, "selector": {"exact": "X"}},
                 "evidence": [{"source": "nowhere", "relation": "citesAsEvidence"}]}
              ],
              "sources": []
            }
            """;

        var result = LinkTargetReader.ReadSet(json, LinkFileKind.Article, "article.json");

        Assert.IsFalse(result.Success);
        var error = result.Diagnostics.Single(d => d.IsError);
        StringAssert.Contains(error.Message, "nowhere");
        Assert.IsGreaterThan(0, error.Location.Line);
    }

    [TestMethod]
    public void ReadSet_CslJsonItemWithoutLink_NotCheckableWithTitle()
    {
        var result = LinkTargetReader.ReadSet("""[{"id": "book", "type": "book", "title": "A Book"}, {"id": "web", "type": "webpage", "URL": "https://a.example/"}]""",
            LinkFileKind.Bibliography, "refs.json");

        Assert.AreEqual("web", result.Value!.Targets.Single().SourceId);
        var book = result.Value.NotCheckable.Single();
        Assert.AreEqual("book", book.SourceId);
        Assert.AreEqual("A Book", book.Title);
        Assert.AreEqual("refs.json (item book)", book.Origin);
    }

    [TestMethod]
    public async Task ReadSetFileAsync_SeedArticleDetectedByContent_NamedAsGiven()
    {
        var result = await LinkTargetReader.ReadSetFileAsync(Path.Combine(RepoPaths.Seeds, "article.json"), displayName: "seeds/article.json");

        Assert.IsTrue(result.Success, string.Join("\n", result.Diagnostics));
        Assert.HasCount(2, result.Value.Targets);
        Assert.HasCount(2, result.Value.NotCheckable);
        Assert.AreEqual("seeds/article.json (source cbp-encounters)", result.Value.Targets[0].Origin);
        Assert.IsTrue(result.Diagnostics.All(d => d.Location.File == "seeds/article.json"));
    }

    [TestMethod]
    public async Task ReadFileAsync_MissingFile_DiagnosticNotException()
    {
        var result = await LinkTargetReader.ReadFileAsync(Path.Combine(Path.GetTempPath(), "no-such-file-" + Guid.NewGuid().ToString("N") + ".md"));

        Assert.IsFalse(result.Success);
        Assert.AreEqual(DiagnosticCodes.UnreadableFile, result.Diagnostics.Single().Code);
    }

    [TestMethod]
    public async Task ReadSetFileAsync_BibliographyWithOneBadItem_ErrorReportedRestRead()
    {
        var path = TempFile("refs.json", """[{"id": "a", "type": "book", "URL": "https://a.example/"}, {"type": "book", "URL": "https://b.example/"}, {"id": "c", "type": "webpage", "URL": "https://c.example/"}]""");

        var result = await LinkTargetReader.ReadSetFileAsync(path, displayName: "refs.json");

        Assert.IsFalse(result.Stopped);
        Assert.AreEqual(DiagnosticCodes.MissingId, result.Diagnostics.Single(d => d.IsError).Code);
        Assert.AreEqual("refs.json", result.Diagnostics.Single(d => d.IsError).Location.File);
        CollectionAssert.AreEqual(new[] { "a", "c" }, result.Value!.Targets.Select(t => t.SourceId).ToArray());
    }

    [TestMethod]
    public async Task ReadSetFileAsync_ArticleNamingABibliographyFile_SourcesTakeTheirItemsFromIt()
    {
        var folder = Directory.CreateTempSubdirectory("citations-links-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "sources.json"), """[{"id": "data", "type": "dataset", "URL": "https://data.example/"}, {"id": "brief", "type": "report"}]""");
            var article = Path.Combine(folder, "article.json");
            File.WriteAllText(article, """{"formatVersion": 1, "bibliography": "sources.json", "metadata": {"id": "a", "type": "article"}, "sources": [{"id": "data", "class": "primaryData"}, {"id": "brief"}]}""");

            var result = await LinkTargetReader.ReadSetFileAsync(article, displayName: "article.json");

            Assert.IsTrue(result.Success, string.Join("\n", result.Diagnostics));
            Assert.AreEqual("https://data.example/", result.Value.Targets.Single().Url);
            Assert.AreEqual("brief", result.Value.NotCheckable.Single().SourceId);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task ReadSetFileAsync_NotUtf8_FatalWithLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"citations-{Guid.NewGuid():N}.md");
        File.WriteAllBytes(path, [.. "# Links\nSee "u8.ToArray(), 0xFF, .. " https://a.example/\n"u8.ToArray()]);
        try
        {
            var result = await LinkTargetReader.ReadSetFileAsync(path, displayName: "links.md");

            Assert.IsTrue(result.Stopped);
            var fatal = result.Diagnostics.Single();
            Assert.AreEqual(DiagnosticCodes.NotUtf8, fatal.Code);
            Assert.AreEqual(("links.md", 2), (fatal.Location.File, fatal.Location.Line));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public async Task ReadSetFileAsync_OverTheSizeCap_FatalAndNothingRead()
    {
        var path = TempFile("urls.txt", string.Concat(Enumerable.Repeat("https://a.example/\n", 100)));

        var result = await LinkTargetReader.ReadSetFileAsync(path, maxBytes: 100);

        Assert.IsNull(result.Value);
        Assert.AreEqual(DiagnosticCodes.FileTooLarge, result.Diagnostics.Single().Code);
    }

    private string TempFile(string name, string text)
    {
        var folder = Path.Combine(Path.GetTempPath(), "citations-links-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        _folders.Add(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private readonly List<string> _folders = [];

    [TestCleanup]
    public void DeleteFolders()
    {
        foreach (var folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
