using Citations.Diagnostics;
using Citations.Links.Extraction;

namespace Citations.Links.Tests.Extraction;

/// <summary>Input built to exhaust the reader (deep nesting, thousands of open elements) gives diagnostics, not a crash.</summary>
[TestClass]
public sealed class HostileInputTests
{
    [TestMethod]
    public void Read_MarkdownEmphasisNestedTwentyFiveThousandDeep_WarningWithLineAndShallowLinksRead()
    {
        var markdown = "[top](https://a.example/top)\n\n" + new string('*', 50_000) + "https://a.example/inside" + new string('*', 50_000) + "\n";

        var result = LinkTargetReader.Read(markdown, LinkFileKind.Markdown, "emphasis.md");

        Assert.AreEqual("https://a.example/top", result.Value!.Single().Url, "the URL below the depth limit is left out");
        var warning = result.Diagnostics.Single();
        Assert.AreEqual(DiagnosticSeverity.Warning, warning.Severity);
        Assert.AreEqual(LinkDiagnosticCodes.NestedTooDeeply, warning.Code);
        Assert.AreEqual("emphasis.md", warning.Location.File);
        Assert.AreEqual(3, warning.Location.Line);
    }

    [TestMethod]
    [DataRow(">", 100_000)]
    [DataRow("- ", 200)]
    public void Read_MarkdownBlocksNestedBeyondTheParsersLimit_FatalWithFile(string marker, int depth)
    {
        var result = LinkTargetReader.Read(string.Concat(Enumerable.Repeat(marker, depth)) + " https://a.example/", LinkFileKind.Markdown, "nested.md");

        Assert.IsNull(result.Value);
        var fatal = result.Diagnostics.Single();
        Assert.AreEqual(DiagnosticSeverity.Fatal, fatal.Severity);
        Assert.AreEqual(LinkDiagnosticCodes.NestedTooDeeply, fatal.Code);
        Assert.AreEqual("nested.md", fatal.Location.File);
        StringAssert.Contains(fatal.Message, "could not be read");
    }

    [TestMethod]
    public void Read_HtmlHundredThousandUnclosedQuotesAndCode_LinksAfterThemStillRead()
    {
        var html = "<blockquote cite=\"https://a.example/quoted\">Said so.</blockquote>"
            + string.Concat(Enumerable.Repeat("<q>", 100_000)) + string.Concat(Enumerable.Repeat("</blockquote>", 100_000))
            + string.Concat(Enumerable.Repeat("<code>", 100_000)) + string.Concat(Enumerable.Repeat("</code>", 100_000))
            + "<a href=\"https://a.example/after\">after</a>";

        var result = LinkTargetReader.Read(html, LinkFileKind.Html, "many.html");

        CollectionAssert.AreEqual(new[] { "https://a.example/quoted", "https://a.example/after" }, result.Value!.Select(t => t.Url).ToArray());
        Assert.AreEqual("Said so.", result.Value![0].Quotes.Single());
    }
}
