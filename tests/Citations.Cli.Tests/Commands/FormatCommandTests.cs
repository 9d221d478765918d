using Citations.Tests.TestSupport;

namespace Citations.Cli.Tests.Commands;

[TestClass]
public sealed class FormatCommandTests
{
    private const string Data = "tests/Citations.Cli.Tests/TestData/format";
    private const string Items = Data + "/items.json";
    private const string Citations = Data + "/citations.json";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("expected/numeric-citations-bibliography.txt", "--style", "citations-numeric", "--citations", Citations, "--bibliography")]
    [DataRow("expected/numeric-bibliography.html", "--style", "citations-numeric", "--format", "html")]
    [DataRow("expected/author-date-citations-bibliography.html.json", "--style", "citations-author-date", "--citations", Citations, "--bibliography", "--json", "--format", "html")]
    [DataRow("expected/author-date-bibliography.rtf", "--style", "citations-author-date", "--format", "rtf")]
    [DataRow("expected/author-date-bibliography.txt", "--style", "src/Citations.Csl/Resources/citations-author-date.csl")]
    public async Task Format_DefaultStyles_PrintExactlyWhatRenderJsPrinted(string expected, params string[] args)
    {
        var outcome = await CliRunner.RunAsync(["format", "--items", Items, "--offline", .. args]);

        Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
        Assert.AreEqual(string.Empty, outcome.Error);
        Assert.AreEqual(File.ReadAllText(Path.Combine(RepoPaths.Root, Data, expected)), outcome.Out);
    }

    [TestMethod]
    public async Task Format_TwoItems_OneLinePerEntrySortedByAuthor()
    {
        using var dir = new TempFiles();
        var items = dir.Write("items.json", """
            [
              {"id": 1, "type": "report", "title": "Drug seizures by port of entry", "author": [{"literal": "Customs Office"}], "issued": {"date-parts": [[2024]]}, "number": "7"},
              {"id": 2, "type": "webpage", "title": "Encounter data explained", "author": [{"family": "Baker", "given": "Ruth"}], "container-title": "Data Desk", "issued": {"date-parts": [[2023, 5, 2]]}, "URL": "https://example.org/explained"}
            ]
            """);

        var outcome = await CliRunner.RunAsync("format", "--style", "citations-author-date", "--items", items, "--offline");

        Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
        Assert.AreEqual(
            "Baker, Ruth. 2023. “Encounter data explained.” Data Desk, May 2, 2023. https://example.org/explained\n" +
            "Customs Office. 2024. Drug seizures by port of entry. Report 7.\n",
            outcome.Out);
    }

    [TestMethod]
    public async Task Format_CitationObjectsAndNumericIds_SameAsCiteArrays()
    {
        using var dir = new TempFiles();
        var items = dir.Write("items.json", """[{"id": 7, "type": "book", "title": "Numbers", "author": [{"family": "Roe", "given": "Ann"}], "issued": {"date-parts": [[2020]]}}]""");
        var arrays = dir.Write("arrays.json", """[[{"id": 7, "locator": 12}], [{"id": "7", "prefix": "see ", "suffix": ", fig. 2", "label": "chapter", "locator": "3", "uris": []}]]""");
        var objects = dir.Write("objects.json", """[{"citationItems": [{"id": 7, "locator": "12"}], "properties": {"noteIndex": 99}}, {"citationItems": [{"id": 7, "prefix": "see ", "suffix": ", fig. 2", "label": "chapter", "locator": 3}]}]""");

        var fromArrays = await CliRunner.RunAsync("format", "--style", "citations-author-date", "--items", items, "--citations", arrays, "--offline");
        var fromObjects = await CliRunner.RunAsync("format", "--style", "citations-author-date", "--items", items, "--citations", objects, "--offline");

        Assert.AreEqual(0, fromArrays.ExitCode, fromArrays.Error);
        Assert.AreEqual("(Roe 2020, 12)\n(see Roe 2020, chap. 3, fig. 2)\n", fromArrays.Out);
        Assert.AreEqual(fromArrays.Out, fromObjects.Out);
    }

    [TestMethod]
    public async Task Format_MarkdownAndJsonWithoutCitations_BibliographyOnly()
    {
        var markdown = await CliRunner.RunAsync("format", "--style", "citations-author-date", "--items", Items, "--format", "markdown", "--offline");
        var json = await CliRunner.RunAsync("format", "--style", "citations-numeric", "--items", Items, "--json", "--offline");

        Assert.AreEqual(0, markdown.ExitCode, markdown.Error);
        Assert.Contains("Hale, Thomas R. 2019. *Counting the Uncounted: Statistics at the Edge of the State*. 2nd ed.", markdown.Out);
        Assert.AreEqual(0, json.ExitCode, json.Error);
        Assert.StartsWith("{\n  \"citations\": [],\n  \"bibliography\": [\n    \"[1] A. Okafor, P. Lindqvist, and M. J. García, “Measuring", json.Out);
        Assert.EndsWith("\"\n  ]\n}\n", json.Out);
    }

    [TestMethod]
    public async Task Format_MalformedItemsJson_NamesFileAndLineExit2()
    {
        using var dir = new TempFiles();
        var items = dir.Write("broken.json", "[\n  {\"id\": \"a\", \"type\": \"book\",,}\n]\n");

        var outcome = await CliRunner.RunAsync("format", "--style", "citations-author-date", "--items", items, "--offline");

        Assert.AreEqual(2, outcome.ExitCode);
        Assert.AreEqual(string.Empty, outcome.Out);
        Assert.Contains(items + "(2,", outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error, "no stack trace");
    }

    [TestMethod]
    public async Task Format_MalformedCitationsJson_NamesFileLineAndColumnExit2()
    {
        using var dir = new TempFiles();
        var citations = dir.Write("citations.json", "[\n  [{\"id\": \"book\"}],\n  [{\"locator\": \"12\"}]\n]\n");
        var unknown = dir.Write("unknown.json", "[[{\"id\": \"nobody\"}]]");
        var syntax = dir.Write("syntax.json", "[[{\"id\": \"book\"]]");

        var missingId = await CliRunner.RunAsync("format", "--style", "citations-numeric", "--items", Items, "--citations", citations, "--offline");
        var unknownId = await CliRunner.RunAsync("format", "--style", "citations-numeric", "--items", Items, "--citations", unknown, "--offline");
        var badSyntax = await CliRunner.RunAsync("format", "--style", "citations-numeric", "--items", Items, "--citations", syntax, "--offline");

        Assert.AreEqual(2, missingId.ExitCode);
        Assert.AreEqual($"citations format: {citations}(3,4): citation 2, cite 1 needs an \"id\".\n", missingId.Error);
        Assert.AreEqual(2, unknownId.ExitCode);
        Assert.AreEqual($"citations format: {unknown}(1,3): citation 1 cites unknown item id \"nobody\".\n", unknownId.Error);
        Assert.AreEqual(2, badSyntax.ExitCode);
        Assert.StartsWith($"citations format: {syntax}(1,", badSyntax.Error);
        Assert.Contains("invalid JSON", badSyntax.Error);
    }

    [TestMethod]
    public async Task Format_MalformedStyle_NamesFileAndLineExit2()
    {
        using var dir = new TempFiles();
        var style = dir.Write("broken.csl", "<?xml version=\"1.0\"?>\n<style xmlns=\"http://purl.org/net/xbiblio/csl\" version=\"1.0\">\n  <citation>\n</style>\n");

        var outcome = await CliRunner.RunAsync("format", "--style", style, "--items", Items, "--offline");

        Assert.AreEqual(2, outcome.ExitCode);
        Assert.StartsWith($"citations format: {style}(4,", outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error);
    }

    [TestMethod]
    public async Task Format_UnreadableFilesAndUnknownStyle_ClearErrorsExit2()
    {
        var items = await CliRunner.RunAsync("format", "--style", "citations-numeric", "--items", "no/such/items.json", "--offline");
        var style = await CliRunner.RunAsync("format", "--style", "no-such-style", "--items", Items, "--offline");
        var path = await CliRunner.RunAsync("format", "--style", "no/such/style.csl", "--items", Items, "--offline");

        Assert.AreEqual(2, items.ExitCode);
        Assert.StartsWith("citations format: no/such/items.json: cannot read the items file:", items.Error);
        Assert.AreEqual(2, style.ExitCode);
        Assert.AreEqual("citations format: Style 'no-such-style' was not found; looked in: the embedded styles (citations-author-date, citations-numeric).\n", style.Error);
        Assert.AreEqual(2, path.ExitCode);
        Assert.Contains("which does not exist", path.Error);
    }

    [TestMethod]
    public async Task Format_WrongCommandLine_UsageErrorExit2()
    {
        var missing = await CliRunner.RunAsync("format", "--items", Items);
        var unknown = await CliRunner.RunAsync("format", "--style", "citations-numeric", "--items", Items, "--colour");
        var format = await CliRunner.RunAsync("format", "--style", "citations-numeric", "--items", Items, "--format", "pdf", "--offline");
        var help = await CliRunner.RunAsync("format", "--help");

        Assert.AreEqual(2, missing.ExitCode);
        Assert.Contains("--style and --items are required", missing.Error);
        Assert.AreEqual(2, unknown.ExitCode);
        Assert.Contains("unknown option '--colour'", unknown.Error);
        Assert.AreEqual(2, format.ExitCode);
        Assert.Contains("unknown format 'pdf'", format.Error);
        Assert.AreEqual(0, help.ExitCode);
        Assert.StartsWith("usage: citations format --style PATH|ID --items ITEMS.json", help.Out);
    }

    [TestMethod]
    public async Task Help_ListsTheFormatCommand()
    {
        var outcome = await CliRunner.RunAsync("--help");

        Assert.AreEqual(0, outcome.ExitCode);
        Assert.Contains("  format     Format citations and a bibliography in any CSL style", outcome.Out);
    }

    [TestMethod]
    public async Task Format_OtherLanguageWithoutLocales_WarnsAndUsesEnglish()
    {
        var outcome = await CliRunner.RunAsync("format", "--style", "citations-numeric", "--items", Items, "--lang", "de-DE", "--offline");

        Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
        Assert.Contains("warning: the style is rendered in de-DE, but only the embedded en-US locale is available", outcome.Error);
        Assert.Contains("edited by K. Brandt and K. Osei", outcome.Out);
    }

    [TestMethod]
    public async Task Format_OtherLanguageWithLocales_UsesThemWithoutWarning()
    {
        var locales = Path.GetDirectoryName(RepoPaths.RequireShared(Path.Combine(RepoPaths.SharedCsl, "locales", "locales-de-DE.xml")))!;

        var outcome = await CliRunner.RunAsync("format", "--style", "citations-numeric", "--items", Items, "--lang", "de-DE", "--locales", locales, "--offline");

        Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
        Assert.AreEqual(string.Empty, outcome.Error);
        Assert.Contains("K. Brandt und K. Osei", outcome.Out);
    }

    [TestMethod]
    public async Task Format_DependentStyleFromSharedStyles_ResolvedThroughStylesDir()
    {
        var styles = Path.GetDirectoryName(RepoPaths.RequireShared(Path.Combine(RepoPaths.SharedCsl, "styles", "chicago-author-date-17th-edition.csl")))!;
        var locales = Path.Combine(RepoPaths.SharedCsl, "locales");

        var byId = await CliRunner.RunAsync("format", "--style", "turabian-author-date", "--styles", styles, "--items", Items, "--locales", locales, "--offline");
        var parent = await CliRunner.RunAsync("format", "--style", Path.Combine(styles, "chicago-author-date-17th-edition.csl"), "--items", Items, "--locales", locales, "--offline");

        Assert.AreEqual(0, byId.ExitCode, byId.Error);
        Assert.AreEqual(parent.Out, byId.Out);
        Assert.Contains("Hale, Thomas R. 2019. Counting the Uncounted", byId.Out);
    }

    [TestMethod]
    public async Task Format_NoBibliographyInStyle_WarningAndNoOutput()
    {
        using var dir = new TempFiles();
        var style = dir.Write("cites-only.csl", """
            <style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
              <info><title>Cites only</title><id>cites-only</id><updated>2026-01-01T00:00:00+00:00</updated></info>
              <citation><layout><text variable="title"/></layout></citation>
            </style>
            """);

        var outcome = await CliRunner.RunAsync("format", "--style", style, "--items", Items, "--offline");

        Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
        Assert.AreEqual(string.Empty, outcome.Out);
        Assert.AreEqual("warning: style has no <bibliography>\n", outcome.Error);
    }

    /// <summary>Files in a fresh temporary folder, named by their path so that messages can be asserted.</summary>
    private sealed class TempFiles : IDisposable
    {
        private readonly string _path = Path.Combine(Path.GetTempPath(), "citations-cli-" + Guid.NewGuid().ToString("N"));

        public TempFiles() => Directory.CreateDirectory(_path);

        public string Write(string name, string content)
        {
            var file = Path.Combine(_path, name);
            File.WriteAllText(file, content);
            return file;
        }

        public void Dispose() => Directory.Delete(_path, recursive: true);
    }
}
