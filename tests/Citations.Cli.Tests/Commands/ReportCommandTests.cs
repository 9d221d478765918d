using System.Text.Json;
using Citations.Tests.TestSupport;

namespace Citations.Cli.Tests.Commands;

[TestClass]
public sealed class ReportCommandTests
{
    private const string SeedSummary = "15 claims: 4 backed by primary data, 4 by secondary sources only, 1 by anonymous sources only, 6 with no source";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Report_Seed_PrintsTextReportAndExitsZero()
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

        var outcome = await CliRunner.RunAsync("report", "seeds/article.json", "--text", text, "--format", "markdown");

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
    public async Task Report_TextThatDoesNotMatch_ExitsOneWithLocatedErrors()
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
    public async Task Report_MalformedArticle_ExitsOneAndNamesFileLineAndColumn()
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
    public async Task Report_MissingFile_ExitsOneWithAMessage()
    {
        var outcome = await CliRunner.RunAsync("report", "seeds/no-such-article.json");

        Assert.AreEqual(1, outcome.ExitCode);
        Assert.StartsWith("seeds/no-such-article.json: error CIT0011: The file could not be read", outcome.Error);
        Assert.AreEqual(string.Empty, outcome.Out);
    }

    [TestMethod]
    [DataRow(new string[] { "report" }, "give the article file")]
    [DataRow(new string[] { "report", "a.json", "b.json" }, "one article file at a time")]
    [DataRow(new string[] { "report", "a.json", "--format", "html" }, "unknown format 'html'")]
    [DataRow(new string[] { "report", "a.json", "--format" }, "option '--format' needs a value")]
    [DataRow(new string[] { "report", "--colour", "a.json" }, "unknown option '--colour'")]
    [DataRow(new string[] { "reprot" }, "unknown command 'reprot'")]
    public async Task Run_WrongCommandLine_ExitsTwoWithAMessage(string[] args, string message)
    {
        var outcome = await CliRunner.RunAsync(args);

        Assert.AreEqual(2, outcome.ExitCode);
        Assert.Contains(message, outcome.Error);
    }

    [TestMethod]
    public async Task Report_Help_PrintsUsageAndExitsZero()
    {
        var outcome = await CliRunner.RunAsync("report", "--help");

        Assert.AreEqual(0, outcome.ExitCode);
        Assert.StartsWith("usage: citations report ARTICLE.json", outcome.Out);
    }

    [TestMethod]
    public async Task Help_ListsTheReportCommand()
    {
        var outcome = await CliRunner.RunAsync("--help");

        Assert.AreEqual(0, outcome.ExitCode);
        Assert.Contains("  report ", outcome.Out);
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
    public async Task Report_BibliographyWrongUse_UsageErrors()
    {
        var json = await CliRunner.RunAsync("report", "seeds/article.json", "--format", "json", "--bibliography");
        var styleAlone = await CliRunner.RunAsync("report", "seeds/article.json", "--style", "citations-numeric");
        var unknownStyle = await CliRunner.RunAsync("report", "seeds/article.json", "--bibliography", "--style", "no-such-style");

        Assert.AreEqual(2, json.ExitCode);
        Assert.Contains("--bibliography goes with the text and markdown formats", json.Error);
        Assert.AreEqual(2, styleAlone.ExitCode);
        Assert.AreEqual(2, unknownStyle.ExitCode);
        Assert.Contains("Style 'no-such-style' was not found", unknownStyle.Error);
    }
}
