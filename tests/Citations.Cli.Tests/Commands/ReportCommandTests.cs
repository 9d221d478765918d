using System.Text.Json;
using Citations.Tests.TestSupport;

namespace Citations.Cli.Tests.Commands;

[TestClass]
public sealed class ReportCommandTests
{
    private const string SeedSummary = "15 claims: 4 backed by primary data, 4 by secondary sources only, 1 by anonymous sources only, 6 with no source";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Report_Seed_PrintsTextReportExit0()
    {
        var outcome = await CliRunner.RunAsync("report", "seeds/article.json");

        Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
        Assert.AreEqual(string.Empty, outcome.Error);
        Assert.StartsWith("Claim coverage: [Opinion article on illegal immigration from China", outcome.Out);
        Assert.Contains(SeedSummary, outcome.Out);
    }

    [TestMethod]
    public async Task Report_SeedWithItsText_AnchorsCheckedAndNoProblems()
    {
        var text = RepoPaths.RequireShared(Path.Combine(RepoPaths.SharedSeed, "article.txt"));

        var outcome = await CliRunner.RunAsync("report", "seeds/article.json", "-t", text, "--format=markdown");

        Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
        Assert.AreEqual(string.Empty, outcome.Error);
        Assert.StartsWith("# Claim coverage: ", outcome.Out);
        Assert.Contains("| all | 15 | 4 | 4 | 1 | 6 |", outcome.Out);
    }

    [TestMethod]
    public async Task Report_JsonFormat_TotalsReadableByAProgram()
    {
        var outcome = await CliRunner.RunAsync("report", "--format", "json", "seeds/article.json");

        Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
        using var json = JsonDocument.Parse(outcome.Out);
        var totals = json.RootElement.GetProperty("totals");
        Assert.AreEqual(
            (15, 4, 4, 1, 6),
            (totals.GetProperty("claims").GetInt32(), totals.GetProperty("primaryData").GetInt32(), totals.GetProperty("secondary").GetInt32(),
             totals.GetProperty("anonymous").GetInt32(), totals.GetProperty("none").GetInt32()));
    }

    [TestMethod]
    public async Task Report_TextThatDoesNotMatch_Exit1WithLocatedErrors()
    {
        var textFile = Path.Combine(Path.GetTempPath(), $"citations-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(textFile, "Some other article.\nWith two paragraphs.\n", TestContext.CancellationToken);
        try
        {
            var outcome = await CliRunner.RunAsync("report", "seeds/article.json", "--text", textFile);

            Assert.AreEqual(1, outcome.ExitCode);
            Assert.Contains("seeds/article.json(", outcome.Error);
            Assert.Contains("$.claims[0].anchor.selector.exact: error CIT0208:", outcome.Error);
            Assert.Contains("$.claims[2].anchor.paragraph: error CIT0207:", outcome.Error);
            Assert.Contains(SeedSummary, outcome.Out, "the report is still printed");
        }
        finally
        {
            File.Delete(textFile);
        }
    }

    [TestMethod]
    public async Task Report_WrongTypeInArticle_Exit1AndNamesFileLineAndColumn()
    {
        var file = Path.Combine(Path.GetTempPath(), $"citations-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, "{\n  \"metadata\": {\"id\": \"a\", \"type\": \"article\"},\n  \"claims\": [{\"id\": 1}]\n}\n", TestContext.CancellationToken);
        try
        {
            var outcome = await CliRunner.RunAsync("report", file);

            Assert.AreEqual(1, outcome.ExitCode);
            Assert.Contains($"{file}(3,21) $.claims[0].id: error CIT0002: Expected a string, not a number.", outcome.Error);
            Assert.Contains("error(s) in", outcome.Error);
            Assert.DoesNotContain("   at ", outcome.Error, "no stack trace");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public async Task Report_MissingFile_Exit2WithAMessage()
    {
        var outcome = await CliRunner.RunAsync("report", "seeds/no-such-article.json");

        Assert.AreEqual(2, outcome.ExitCode);
        Assert.StartsWith("seeds/no-such-article.json: fatal CIT0011: The file could not be read", outcome.Error);
        Assert.Contains("citations report: seeds/no-such-article.json could not be read; nothing was reported.", outcome.Error);
        Assert.AreEqual(string.Empty, outcome.Out);
    }

    [TestMethod]
    public async Task Report_SyntaxErrorInArticle_Exit2NothingPrinted()
    {
        var file = Path.Combine(Path.GetTempPath(), $"citations-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, "{\n  \"metadata\": {\"id\": \"a\", \"type\": \"article\"},\n  \"claims\": [,]\n}\n", TestContext.CancellationToken);
        try
        {
            var outcome = await CliRunner.RunAsync("report", file);

            Assert.AreEqual(2, outcome.ExitCode);
            Assert.Contains($"{file}(3,", outcome.Error);
            Assert.Contains("fatal CIT0001", outcome.Error);
            Assert.AreEqual(string.Empty, outcome.Out);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public async Task Report_TextNotUtf8OrOverTheCap_Exit2()
    {
        var textFile = Path.Combine(Path.GetTempPath(), $"citations-{Guid.NewGuid():N}.txt");
        await File.WriteAllBytesAsync(textFile, [.. "Caf"u8.ToArray(), 0xE9, .. "\n"u8.ToArray()], TestContext.CancellationToken);
        try
        {
            var latin1 = await CliRunner.RunAsync("report", "seeds/article.json", "--text", textFile);
            var capped = await CliRunner.RunAsync("report", "seeds/article.json", "--max-input-size", "1K");

            Assert.AreEqual(2, latin1.ExitCode);
            Assert.Contains($"{textFile}(1,4): fatal CIT0015: The file is not UTF-8 text", latin1.Error);
            Assert.AreEqual(string.Empty, latin1.Out);
            Assert.AreEqual(2, capped.ExitCode);
            Assert.StartsWith("seeds/article.json: fatal CIT0014: The file is larger than the 1,024-byte limit", capped.Error);
        }
        finally
        {
            File.Delete(textFile);
        }
    }

    [TestMethod]
    public async Task Report_ArticleNamingACslJsonBibliography_SourcesFromItExit0()
    {
        var folder = Directory.CreateTempSubdirectory("citations-cli-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "sources.json"), """[{"id": "cdc", "type": "dataset", "title": "Overdose deaths", "author": [{"literal": "CDC"}]}]""", TestContext.CancellationToken);
            var article = Path.Combine(folder, "article.json");
            await File.WriteAllTextAsync(article, """
                {"formatVersion": 1, "bibliography": "sources.json", "metadata": {"id": "a", "type": "article", "title": "Piece"},
                 "claims": [{"id": "c1", "kind": "statistic", "text": "t", "anchor": {"paragraph": 1, "selector": {"exact": "x"}},
                             "evidence": [{"source": "cdc", "relation": "citesAsDataSource"}]}],
                 "sources": [{"id": "cdc", "class": "primaryData"}]}
                """, TestContext.CancellationToken);

            var outcome = await CliRunner.RunAsync("report", article, "--bibliography");

            Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
            Assert.AreEqual(string.Empty, outcome.Error);
            Assert.Contains("1 claim: 1 backed by primary data", outcome.Out);
            Assert.Contains("CDC. n.d. Overdose deaths. Dataset.", outcome.Out);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task Report_ArticleNamingABibFile_SourcesFromItExit0()
    {
        var folder = Directory.CreateTempSubdirectory("citations-cli-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "sources.bib"), """
                @string{cdc = {{Centers for Disease Control and Prevention}}}
                @dataset{cdc-overdose, author = {{National Center for Health Statistics}}, title = {Provisional Drug Overdose Death Counts},
                  publisher = cdc, year = 2024, url = {https://www.cdc.gov/nchs/nvss/vsrr/drug-overdose-data.htm}}
                @report{brief, author = {{Federation for American Immigration Reform}}, title = {Issue brief on {China} and immigration}, type = {Issue brief}, year = 2023}
                """, TestContext.CancellationToken);
            var article = Path.Combine(folder, "article.json");
            await File.WriteAllTextAsync(article, """
                {"formatVersion": 1, "bibliography": "sources.bib", "metadata": {"id": "a", "type": "article", "title": "Piece"},
                 "claims": [{"id": "c1", "kind": "statistic", "text": "t", "anchor": {"paragraph": 1, "selector": {"exact": "x"}},
                             "evidence": [{"source": "cdc-overdose", "relation": "citesAsDataSource"}]},
                            {"id": "c2", "kind": "factual", "text": "u", "anchor": {"paragraph": 2, "selector": {"exact": "y"}},
                             "evidence": [{"source": "brief", "relation": "citesAsEvidence"}]}],
                 "sources": [{"id": "cdc-overdose", "class": "primaryData"}, {"id": "brief", "class": "advocacyOrThinkTank"}]}
                """, TestContext.CancellationToken);

            var outcome = await CliRunner.RunAsync("report", article, "--bibliography");

            Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
            Assert.AreEqual(string.Empty, outcome.Error);
            Assert.Contains("2 claims: 1 backed by primary data, 1 by secondary sources only", outcome.Out);
            Assert.Contains("Federation for American Immigration Reform. 2023. Issue brief on China and immigration. Issue brief.\n", outcome.Out);
            Assert.Contains("National Center for Health Statistics. 2024. Provisional drug overdose death counts. Dataset. Centers for Disease Control and Prevention. https://www.cdc.gov/nchs/nvss/vsrr/drug-overdose-data.htm\n", outcome.Out);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task Report_ArticleNamingABibFileWithABadEntry_Exit1TheEntryAndTheSourceNamed()
    {
        var folder = Directory.CreateTempSubdirectory("citations-cli-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "sources.bib"), "@book{good, title = {Good}, year = 2020}\n@book{bad, title = {Unbalanced, year = 2020}\n", TestContext.CancellationToken);
            var article = Path.Combine(folder, "article.json");
            await File.WriteAllTextAsync(article, """
                {"formatVersion": 1, "bibliography": "sources.bib", "metadata": {"id": "a", "type": "article", "title": "Piece"},
                 "claims": [], "sources": [{"id": "good", "class": "news"}, {"id": "bad", "class": "news"}]}
                """, TestContext.CancellationToken);

            var outcome = await CliRunner.RunAsync("report", article);

            Assert.AreEqual(1, outcome.ExitCode);
            Assert.Contains(Path.Combine(folder, "sources.bib") + "(2,", outcome.Error);
            Assert.Contains("error CIT0301", outcome.Error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task Report_JsonAndMarkdownFiles_WrittenBesideThePrintedReport()
    {
        var folder = Directory.CreateTempSubdirectory("citations-cli-").FullName;
        try
        {
            var json = Path.Combine(folder, "report.json");
            var markdown = Path.Combine(folder, "report.md");

            var outcome = await CliRunner.RunAsync("report", "seeds/article.json", $"--json={json}", "--markdown", markdown);

            Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
            Assert.StartsWith("Claim coverage: ", outcome.Out);
            using var report = JsonDocument.Parse(File.ReadAllText(json));
            Assert.AreEqual(15, report.RootElement.GetProperty("totals").GetProperty("claims").GetInt32());
            Assert.StartsWith("# Claim coverage: ", File.ReadAllText(markdown));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    [DataRow(new string[] { "report" }, "Required argument 'ARTICLE' missing")]
    [DataRow(new string[] { "report", "a.json", "b.json" }, "'b.json'")]
    [DataRow(new string[] { "report", "a.json", "--format", "pdf" }, "--format: unknown value 'pdf'; use text, markdown, html, json.")]
    [DataRow(new string[] { "report", "a.json", "--format" }, "'--format'")]
    [DataRow(new string[] { "report", "--colour", "a.json" }, "unknown option '--colour'")]
    [DataRow(new string[] { "report", "a.json", "--max-input-size", "lots" }, "--max-input-size: 'lots' is not a size")]
    [DataRow(new string[] { "reprot" }, "unknown command 'reprot'")]
    public async Task Run_WrongCommandLine_Exit2WithAMessage(string[] args, string message)
    {
        var outcome = await CliRunner.RunAsync(args);

        Assert.AreEqual(2, outcome.ExitCode);
        Assert.Contains(message, outcome.Error);
        Assert.AreEqual(string.Empty, outcome.Out);
    }

    [TestMethod]
    public async Task Report_Help_PrintsUsageOptionsAndExitCodes()
    {
        var outcome = await CliRunner.RunAsync("report", "--help");

        Assert.AreEqual(0, outcome.ExitCode);
        Assert.Contains("citations report <ARTICLE> [options]", outcome.Out);
        Assert.Contains("-f, --format <text|markdown|html|json>", outcome.Out);
        Assert.Contains("Exit codes:", outcome.Out);
    }

    [TestMethod]
    public async Task Help_ListsTheReportCommand()
    {
        var outcome = await CliRunner.RunAsync("--help");

        Assert.AreEqual(0, outcome.ExitCode);
        Assert.Contains("\n  report <ARTICLE> ", outcome.Out);
    }

    [TestMethod]
    public async Task Process_BuiltToolOnTheSeed_SameReportOnStandardOutput()
    {
        var outcome = await CliRunner.RunProcessAsync(TestContext.CancellationToken, "report", "seeds/article.json");

        Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
        Assert.AreEqual(string.Empty, outcome.Error);
        Assert.AreEqual((await CliRunner.RunAsync("report", "seeds/article.json")).Out, outcome.Out);
    }

    [TestMethod]
    public async Task Report_Bibliography_AppendsTheSourcesInTheEmbeddedAuthorDateStyle()
    {
        var plain = await CliRunner.RunAsync("report", "seeds/article.json");
        var outcome = await CliRunner.RunAsync("report", "seeds/article.json", "--bibliography");

        Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
        Assert.AreEqual(string.Empty, outcome.Error);
        Assert.StartsWith(plain.Out, outcome.Out, "the report comes first, unchanged");
        Assert.AreEqual(
            "\nBibliography (Citations Author-Date)\n------------------------------------\n\n" +
            "Federation for American Immigration Reform. n.d. [Issue brief on China and immigration]. Issue brief. Federation for American Immigration Reform.\n" +
            "National Center for Health Statistics. n.d. Provisional Drug Overdose Death Counts. Dataset. Vital Statistics Rapid Release. Centers for Disease Control and Prevention. https://www.cdc.gov/nchs/nvss/vsrr/drug-overdose-data.htm\n" +
            "[Remark by an unnamed national security and immigration expert]. n.d.\n" +
            "U.S. Customs and Border Protection. n.d. Nationwide Encounters. Dataset. U.S. Customs and Border Protection. https://www.cbp.gov/newsroom/stats/nationwide-encounters\n",
            outcome.Out[plain.Out.Length..]);
    }

    [TestMethod]
    public async Task Report_BibliographyInMarkdownWithNumericStyle_NumberedInCitationOrder()
    {
        var outcome = await CliRunner.RunAsync("report", "seeds/article.json", "--format", "markdown", "--bibliography", "--style", "citations-numeric");

        Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
        Assert.Contains("\n## Bibliography (Citations Numeric)\n\n\\[1\\] Federation for American Immigration Reform, ", outcome.Out);
        Assert.EndsWith("\\[4\\] *\\[Remark by an unnamed national security and immigration expert\\]*, n.d.\n", outcome.Out);
    }

    [TestMethod]
    public async Task Report_BibliographyWrongUse_UsageErrorsExit2()
    {
        var json = await CliRunner.RunAsync("report", "seeds/article.json", "--format", "json", "--bibliography");
        var styleAlone = await CliRunner.RunAsync("report", "seeds/article.json", "--style", "citations-numeric");
        var missingStyleFile = await CliRunner.RunAsync("report", "seeds/article.json", "--bibliography", "--style", "no/such/style.csl");

        Assert.AreEqual(2, json.ExitCode);
        Assert.Contains("--bibliography goes with the text and markdown formats", json.Error);
        Assert.AreEqual(2, styleAlone.ExitCode);
        Assert.AreEqual(2, missingStyleFile.ExitCode);
        Assert.Contains("no/such/style.csl: fatal CIT0011", missingStyleFile.Error);
        Assert.AreEqual(string.Empty, missingStyleFile.Out);
    }

    [TestMethod]
    public async Task Report_StyleUnavailable_ReportPrintedExit1()
    {
        var outcome = await CliRunner.RunAsync("report", "seeds/article.json", "--bibliography", "--style", "no-such-style");

        Assert.AreEqual(1, outcome.ExitCode);
        Assert.Contains("citations report: Style 'no-such-style' was not found", outcome.Error);
        Assert.Contains(SeedSummary, outcome.Out);
    }
}
