using Citations.Diagnostics;
using Citations.Serialization;

namespace Citations.Tests.Serialization;

/// <summary>An article's <c>bibliography</c> property: sources that name an item of a bibliography file, read through the item reader seam.</summary>
[TestClass]
public sealed class ArticleBibliographyTests
{
    private const string Sources = """
        [
          {"id": "cdc", "type": "dataset", "title": "Overdose deaths", "URL": "https://www.cdc.gov/x"},
          {"id": "brief", "type": "report", "title": "Brief"}
        ]
        """;

    private string _folder = null!;

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("citations-bib-").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Article(string bibliography, string sources) => $$$"""
        {
          "formatVersion": 1,
          "bibliography": "{{{bibliography}}}",
          "metadata": {"id": "a", "type": "article"},
          "claims": [
            {"id": "c1", "kind": "statistic", "text": "t", "anchor": {"paragraph": 1, "selector": {"exact": "x"}},
             "evidence": [{"source": "cdc", "relation": "citesAsDataSource"}]}
          ],
          "sources": {{{sources}}}
        }
        """;

    [TestMethod]
    public void ReadFile_SourcesNamingBibliographyItems_TakeTheItemsFromTheFile()
    {
        Write("refs/sources.json", Sources);
        var article = Write("article.json", Article("refs/sources.json", """[{"id": "cdc", "class": "primaryData"}, {"class": "news", "item": {"id": "own", "type": "webpage"}}]"""));

        var result = ArticleJson.ReadFile(article);

        Assert.IsTrue(result.Success, string.Join("\n", result.Diagnostics));
        var cdc = result.Value.Sources[0];
        Assert.AreEqual(("cdc", "Overdose deaths", Citations.Model.SourceClass.PrimaryData), (cdc.Id, cdc.Item.Title, cdc.Class));
        Assert.AreEqual("own", result.Value.Sources[1].Id, "embedded items still work beside the bibliography");
    }

    [TestMethod]
    public void Read_RelativeToTheArticleFileName_UnlessABaseDirectoryIsGiven()
    {
        Write("sources.json", Sources);
        var json = Article("sources.json", """[{"id": "cdc"}]""");

        var byName = ArticleJson.Read(json, Path.Combine(_folder, "article.json"));
        var byBase = ArticleJson.Read(json, "article.json", new ArticleReadOptions { BaseDirectory = _folder });

        Assert.IsTrue(byName.Success, string.Join("\n", byName.Diagnostics));
        Assert.IsTrue(byBase.Success, string.Join("\n", byBase.Diagnostics));
    }

    [TestMethod]
    public void ReadFile_UnknownItemAndNoBibliography_ErrorsAtTheSourceIdAndTheRestRead()
    {
        Write("sources.json", Sources);
        var article = Write("article.json", Article("sources.json", """[{"id": "cdc"}, {"id": "nowhere"}]"""));
        var without = Write("plain.json", """{"metadata": {"id": "a", "type": "article"}, "sources": [{"id": "cdc"}]}""");

        var result = ArticleJson.ReadFile(article);
        var plain = ArticleJson.ReadFile(without);

        Assert.IsFalse(result.Stopped);
        var error = result.Diagnostics.Single(d => d.IsError);
        Assert.AreEqual((DiagnosticCodes.UnknownItemReference, "$.sources[1].id"), (error.Code, error.Location.Path));
        Assert.Contains("has no item 'nowhere'", error.Message);
        Assert.AreEqual("cdc", result.Value!.Sources.Single().Id);
        Assert.AreEqual(DiagnosticCodes.UnknownItemReference, plain.Diagnostics.Single(d => d.IsError).Code);
    }

    [TestMethod]
    public void ReadFile_ItemAndIdBoth_InvalidValue()
    {
        Write("sources.json", Sources);
        var article = Write("article.json", Article("sources.json", """[{"id": "cdc", "item": {"id": "cdc", "type": "dataset"}}]"""));

        var result = ArticleJson.ReadFile(article);

        Assert.AreEqual("$.sources[0].id", result.Diagnostics.Single(d => d.Code == DiagnosticCodes.InvalidValue).Location.Path);
        Assert.IsEmpty(result.Value!.Sources);
    }

    [TestMethod]
    public void ReadFile_BibliographyMissingOrBroken_FatalNamingTheBibliographyFile()
    {
        var missing = Write("missing.json", Article("no-such.json", """[{"id": "cdc"}]"""));
        Write("broken.json", "[{\"id\": \"cdc\", \"type\": \"dataset\"},\n {\"id\": ]");
        var broken = Write("uses-broken.json", Article("broken.json", """[{"id": "cdc"}, {"id": "brief"}]"""));

        var first = ArticleJson.ReadFile(missing);
        var second = ArticleJson.ReadFile(broken);

        Assert.IsTrue(first.Stopped);
        var unreadable = first.Diagnostics.Single(d => d.Severity == DiagnosticSeverity.Fatal);
        Assert.AreEqual(DiagnosticCodes.UnreadableFile, unreadable.Code);
        Assert.AreEqual(Path.Combine(_folder, "no-such.json"), unreadable.Location.File);
        Assert.IsTrue(second.Stopped);
        var syntax = second.Diagnostics.Single(d => d.Severity == DiagnosticSeverity.Fatal);
        Assert.AreEqual((DiagnosticCodes.InvalidJson, Path.Combine(_folder, "broken.json"), 2), (syntax.Code, syntax.Location.File, syntax.Location.Line));
        Assert.IsFalse(second.Diagnostics.Any(d => d.Code == DiagnosticCodes.UnknownItemReference), "a bibliography read in part does not blame each source");
        Assert.AreSame(second.Diagnostics[^1], syntax, "the bibliography's problems come after the article's own");
    }

    [TestMethod]
    public void ReadFile_BibliographyOverTheCap_Fatal()
    {
        Write("sources.json", Sources);

        // The article's own text is not read from a file here: only the bibliography file is under the cap.
        var result = ArticleJson.Read(Article("sources.json", """[{"id": "cdc"}]"""), Path.Combine(_folder, "article.json"), new ArticleReadOptions { MaxFileBytes = 100 });

        Assert.IsTrue(result.Stopped);
        Assert.AreEqual(DiagnosticCodes.FileTooLarge, result.Diagnostics.Single(d => d.Severity == DiagnosticSeverity.Fatal).Code);
    }
}
