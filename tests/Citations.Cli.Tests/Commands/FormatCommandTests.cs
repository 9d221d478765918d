using Citations.Cli.Tests.TestSupport;
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
    [DataRow("expected/author-date-citations-bibliography.html.json", "--style", "citations-author-date", "--citations", Citations, "--bibliography", "--format", "json", "--markup", "html")]
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
        var json = await CliRunner.RunAsync("format", "-s", "citations-numeric", "-i", Items, "-f", "json", "--offline");

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
    public async Task Format_BadCitesAndSyntaxError_CitesSkippedExit1SyntaxExit2()
    {
        using var dir = new TempFiles();
        var citations = dir.Write("citations.json", "[\n  [{\"id\": \"book\"}],\n  [{\"locator\": \"12\"}]\n]\n");
        var unknown = dir.Write("unknown.json", "[[{\"id\": \"nobody\"}], [{\"id\": \"book\"}]]");
        var syntax = dir.Write("syntax.json", "[[{\"id\": \"book\"]]");

        var missingId = await CliRunner.RunAsync("format", "--style", "citations-numeric", "--items", Items, "--citations", citations, "--offline");
        var unknownId = await CliRunner.RunAsync("format", "--style", "citations-numeric", "--items", Items, "--citations", unknown, "--offline");
        var badSyntax = await CliRunner.RunAsync("format", "--style", "citations-numeric", "--items", Items, "--citations", syntax, "--offline");

        Assert.AreEqual(1, missingId.ExitCode);
        Assert.AreEqual($"{citations}(3,4): error CLI0003: Citation 2, cite 1 needs an \"id\"; it was skipped.\n", missingId.Error);
        Assert.AreEqual("[1]\n", missingId.Out, "the good citation is still formatted");
        Assert.AreEqual(1, unknownId.ExitCode);
        Assert.AreEqual($"{unknown}(1,3): error CLI0004: Citation 1 cites unknown item id \"nobody\"; the cite was skipped.\n", unknownId.Error);
        Assert.AreEqual("[1]\n", unknownId.Out);
        Assert.AreEqual(2, badSyntax.ExitCode);
        Assert.StartsWith($"{syntax}(1,", badSyntax.Error);
        Assert.Contains("fatal CIT0001: Invalid JSON", badSyntax.Error);
        Assert.AreEqual(string.Empty, badSyntax.Out);
    }

    [TestMethod]
    public async Task Format_ItemWithErrors_ReportedTheOthersFormattedExit1()
    {
        using var dir = new TempFiles();
        var items = dir.Write("items.json", """
            [
              {"id": "a", "type": "book", "title": "Alpha", "author": [{"family": "Roe", "given": "Ann"}], "issued": {"date-parts": [[2020]]}},
              {"type": "book", "title": "No id"},
              {"id": "a", "type": "book", "title": "Twice"}
            ]
            """);

        var outcome = await CliRunner.RunAsync("format", "--style", "citations-author-date", "--items", items, "--offline");

        Assert.AreEqual(1, outcome.ExitCode);
        Assert.Contains($"{items}(3,", outcome.Error);
        Assert.Contains("error CIT0004", outcome.Error);
        Assert.Contains("error CIT0007", outcome.Error);
        Assert.AreEqual("Roe, Ann. 2020. Alpha.\n", outcome.Out);
    }

    [TestMethod]
    public async Task Format_JsonFileAndMarkup_WrittenBesideThePrintedText()
    {
        using var dir = new TempFiles();
        var json = dir.Write("out.json", "");

        var outcome = await CliRunner.RunAsync("format", "--style", "citations-numeric", "--items", Items, "--offline", "--format", "html", $"--json={json}");
        var markupAlone = await CliRunner.RunAsync("format", "--style", "citations-numeric", "--items", Items, "--offline", "--markup", "html");

        Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
        Assert.StartsWith("<div class=\"csl-bib-body\">", outcome.Out);
        Assert.StartsWith("{\n  \"citations\": [],\n  \"bibliography\": [\n    \"  <div class=\\\"csl-entry\\\">", File.ReadAllText(json));
        Assert.AreEqual(2, markupAlone.ExitCode);
        Assert.Contains("--markup sets the markup inside JSON output; to print html, use --format html.", markupAlone.Error);
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
    public async Task Format_UnreadableFiles_Exit2()
    {
        var items = await CliRunner.RunAsync("format", "--style", "citations-numeric", "--items", "no/such/items.json", "--offline");
        var path = await CliRunner.RunAsync("format", "--style", "no/such/style.csl", "--items", Items, "--offline");
        var capped = await CliRunner.RunAsync("format", "--style", "citations-numeric", "--items", Items, "--offline", "--max-input-size=1K");

        Assert.AreEqual(2, items.ExitCode);
        Assert.StartsWith("no/such/items.json: fatal CIT0011: The file could not be read:", items.Error);
        Assert.Contains("citations format: no/such/items.json could not be read (see above); nothing was formatted.", items.Error);
        Assert.AreEqual(2, path.ExitCode);
        Assert.StartsWith("citations format: no/such/style.csl: fatal CIT0011: The file could not be read", path.Error);
        Assert.AreEqual(2, capped.ExitCode);
        Assert.Contains("fatal CIT0014", capped.Error);
        Assert.AreEqual(string.Empty, items.Out + path.Out + capped.Out);
    }

    [TestMethod]
    public async Task Format_StyleUnavailableOffline_Exit1()
    {
        var style = await CliRunner.RunAsync("format", "--style", "no-such-style", "--items", Items, "--offline");

        Assert.AreEqual(1, style.ExitCode);
        Assert.AreEqual("citations format: Style 'no-such-style' was not found; looked in: the embedded styles (citations-author-date, citations-numeric).\n", style.Error);
    }

    [TestMethod]
    public async Task Format_WrongCommandLine_UsageErrorExit2()
    {
        var missing = await CliRunner.RunAsync("format", "--items", Items);
        var unknown = await CliRunner.RunAsync("format", "--style", "citations-numeric", "--items", Items, "--colour");
        var format = await CliRunner.RunAsync("format", "--style", "citations-numeric", "--items", Items, "--format", "pdf", "--offline");
        var help = await CliRunner.RunAsync("format", "--help");

        Assert.AreEqual(2, missing.ExitCode);
        Assert.Contains("Option '--style' is required.", missing.Error);
        Assert.AreEqual(2, unknown.ExitCode);
        Assert.Contains("'--colour'", unknown.Error);
        Assert.AreEqual(2, format.ExitCode);
        Assert.Contains("--format: unknown value 'pdf'; use text, html, rtf, markdown, json.", format.Error);
        Assert.AreEqual(0, help.ExitCode);
        Assert.Contains("citations format [options]", help.Out);
    }

    [TestMethod]
    public async Task Help_ListsTheFormatCommand()
    {
        var outcome = await CliRunner.RunAsync("--help");

        Assert.AreEqual(0, outcome.ExitCode);
        // The description column starts after the longest command (its width changes as commands are added).
        Assert.MatchesRegex(@"\n  format +format citations and a bibliography in any CSL style", outcome.Out);
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
        Assert.AreEqual("citations format: warning: the style has no <bibliography>; there is none to print.\n", outcome.Error);
    }

    [TestMethod]
    public async Task Format_MacrosDoublingFortyLevelsDeep_StoppedNamingTheMacroChainExit1()
    {
        // Issue 11: macro i calls macro i + 1 twice, 40 levels deep; evaluated in full it takes 2^40 elements.
        using var dir = new TempFiles();
        var style = dir.Write("doubling.csl", RunawayStyle(levels: 40, callsPerLevel: 2, inCitation: true));
        var citations = dir.Write("citations.json", """[[{"id": "book"}]]""");

        var bibliography = await CliRunner.RunAsync("format", "--style", style, "--items", Items, "--offline");
        var cites = await CliRunner.RunAsync("format", "--style", style, "--items", Items, "--citations", citations, "--offline");

        Assert.AreEqual(1, bibliography.ExitCode, bibliography.Error);
        Assert.AreEqual(string.Empty, bibliography.Out);
        Assert.Contains("error CSL0110: Item 'book' could not be formatted: The style evaluates more than 100,000 elements for one ", bibliography.Error);
        Assert.Contains("(in the macro chain m0 → m1 → m2 → m3 → m4 → m5 → … (", bibliography.Error);
        Assert.Contains("its macros expand without bound, so it was stopped.", bibliography.Error);
        Assert.AreEqual(1, cites.ExitCode, cites.Error);
        Assert.AreEqual("\n", cites.Out, "the citation is left empty");
        Assert.Contains("error CSL0111: Citation 1 could not be formatted: The style evaluates more than 100,000 elements", cites.Error);
    }

    [TestMethod]
    public async Task Format_StyleThatFormatsNoEntry_EachEntryReportedExit1()
    {
        // Issue 11: a style whose every entry fails printed nothing and exited 0.
        using var dir = new TempFiles();
        var style = dir.Write("deep.csl", RunawayStyle(levels: 70, callsPerLevel: 1, inCitation: false));

        var outcome = await CliRunner.RunAsync("format", "--style", style, "--items", Items, "--offline");
        var report = await CliRunner.RunAsync("report", "seeds/article.json", "--bibliography", "--style", style);

        Assert.AreEqual(1, outcome.ExitCode);
        Assert.AreEqual(string.Empty, outcome.Out);
        Assert.Contains($"{style}(", outcome.Error);
        Assert.Contains("error CSL0110: Item 'book' could not be formatted: Macros are nested more than 64 deep.", outcome.Error);
        Assert.AreEqual(1, report.ExitCode, "report --bibliography too");
        Assert.Contains("error CSL0110", report.Error);
    }

    /// <summary>A style whose macro <c>m</c><i>i</i> calls <c>m</c><i>i + 1</i> <paramref name="callsPerLevel"/> times,
    /// <paramref name="levels"/> deep, in its bibliography (and its citation).</summary>
    private static string RunawayStyle(int levels, int callsPerLevel, bool inCitation)
    {
        var macros = string.Concat(Enumerable.Range(0, levels).Select(i =>
            $"<macro name=\"m{i}\">{string.Concat(Enumerable.Repeat($"<text macro=\"m{i + 1}\"/>", callsPerLevel))}</macro>"));
        var citation = inCitation ? """<text macro="m0"/>""" : """<text variable="title"/>""";
        return $"""
            <style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
              <info><title>Runaway</title><id>runaway</id><updated>2026-01-01T00:00:00+00:00</updated></info>
              {macros}<macro name="m{levels}"><text variable="title"/></macro>
              <citation><layout>{citation}</layout></citation>
              <bibliography><layout><text macro="m0"/></layout></bibliography>
            </style>
            """;
    }
}
