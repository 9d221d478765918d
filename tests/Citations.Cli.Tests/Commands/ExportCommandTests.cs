using System.Text.Json;
using Citations.Cli.Tests.TestSupport;
using Citations.Formats;
using Citations.Model;
using Citations.Serialization;
using Citations.Tests.TestSupport;

namespace Citations.Cli.Tests.Commands;

/// <summary><c>citations export</c> through the tool, on articles of the re-anchoring corpus.</summary>
[TestClass]
public sealed class ExportCommandTests
{
    private static readonly string Corpus = Path.Combine(RepoPaths.Root, "tests", "Citations.Cli.Tests", "TestData", "Reanchor");
    private static readonly string HtmlArticle = Path.Combine(Corpus, "01-overdoses-html", "article.json");
    private static readonly string MarkdownArticle = Path.Combine(Corpus, "02-housing-md", "article.json");

    [TestMethod]
    public async Task Export_WebAnnotation_CollectionOfAnnotationsTargetingTheArticle()
    {
        var article = Read(HtmlArticle);

        var outcome = await CliRunner.RunAsync("export", HtmlArticle, "--to", "web-annotation");

        Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
        using var document = JsonDocument.Parse(outcome.Out);
        var root = document.RootElement;
        Assert.AreEqual("http://www.w3.org/ns/anno.jsonld", root.GetProperty("@context").GetString());
        Assert.AreEqual("AnnotationCollection", root.GetProperty("type").GetString());
        Assert.AreEqual(article.Claims.Count, root.GetProperty("total").GetInt32());
        var items = root.GetProperty("first").GetProperty("items").EnumerateArray().ToList();
        Assert.HasCount(article.Claims.Count, items);
        foreach (var (annotation, claim) in items.Zip(article.Claims))
        {
            Assert.AreEqual("Annotation", annotation.GetProperty("type").GetString());
            Assert.StartsWith("urn:uuid:", annotation.GetProperty("id").GetString());
            var target = annotation.GetProperty("target");
            Assert.AreEqual("https://news.example/2026/overdoses", target.GetProperty("source").GetString());
            var selector = target.GetProperty("selector");
            Assert.AreEqual("TextQuoteSelector", selector.GetProperty("type").GetString());
            var roundTrip = new TextQuoteSelector(selector.GetProperty("exact").GetString()!, Optional(selector, "prefix"), Optional(selector, "suffix"));
            Assert.AreEqual(claim.Anchor.Selector, roundTrip, claim.Id);
            var links = annotation.GetProperty("body").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "SpecificResource").Select(b => b.GetProperty("source").GetString()).ToList();
            CollectionAssert.AreEqual(claim.Evidence.Select(e => article.FindSource(e.SourceId)!.Item.Url).ToList(), links, claim.Id);
        }
    }

    [TestMethod]
    public async Task Export_WebAnnotationToFile_SameAsPrinted()
    {
        using var temp = new TempFiles();

        var printed = await CliRunner.RunAsync("export", HtmlArticle, "--to", "web-annotation");
        var written = await CliRunner.RunInAsync(temp.Folder, "export", HtmlArticle, "--to", "web-annotation", "-o", "claims.jsonld");

        Assert.AreEqual(0, written.ExitCode, written.Error);
        Assert.AreEqual(printed.Out, File.ReadAllText(Path.Combine(temp.Folder, "claims.jsonld")));
    }

    [TestMethod]
    public async Task Export_WebAnnotationWithoutUrl_ExitTwoAskingForTarget()
    {
        var outcome = await CliRunner.RunAsync("export", MarkdownArticle, "--to", "web-annotation");

        Assert.AreEqual(2, outcome.ExitCode);
        Assert.Contains("--target", outcome.Error);
        Assert.AreEqual(string.Empty, outcome.Out);
    }

    [TestMethod]
    public async Task Export_WebAnnotationWithTarget_TargetsIt()
    {
        var outcome = await CliRunner.RunAsync("export", MarkdownArticle, "--to", "web-annotation", "--target", "https://news.example/rents");

        Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
        using var document = JsonDocument.Parse(outcome.Out);
        Assert.IsTrue(document.RootElement.GetProperty("first").GetProperty("items").EnumerateArray()
            .All(a => a.GetProperty("target").GetProperty("source").GetString() == "https://news.example/rents"));
    }

    [TestMethod]
    public async Task Export_TargetWithBibtex_ExitTwo()
    {
        var outcome = await CliRunner.RunAsync("export", HtmlArticle, "--to", "bibtex", "--target", "https://news.example/x");

        Assert.AreEqual(2, outcome.ExitCode);
        Assert.Contains("--target", outcome.Error);
    }

    [TestMethod]
    [DataRow("csljson")]
    [DataRow("bibtex")]
    public async Task Export_Sources_TheSourcesItemsReadBack(string format)
    {
        var article = Read(HtmlArticle);

        var outcome = await CliRunner.RunAsync("export", HtmlArticle, "--to", format);

        Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
        var reader = ItemFormats.Default.Readers.Single(r => r.Name == format);
        var items = reader.Read(System.Text.Encoding.UTF8.GetBytes(outcome.Out), "export").Value!;
        CollectionAssert.AreEqual(article.Sources.Select(s => s.Item.Url).ToList(), items.Select(i => i.Url).ToList());
    }

    [TestMethod]
    public async Task Export_UnknownFormat_ExitTwo()
    {
        var outcome = await CliRunner.RunAsync("export", HtmlArticle, "--to", "ris");

        Assert.AreEqual(2, outcome.ExitCode);
        Assert.Contains("web-annotation", outcome.Error);
    }

    private static string? Optional(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static Article Read(string path)
    {
        var read = ArticleJson.Read(File.ReadAllText(path), path);
        Assert.IsTrue(read.Success, string.Join("\n", read.Diagnostics));
        return read.Value!;
    }
}
