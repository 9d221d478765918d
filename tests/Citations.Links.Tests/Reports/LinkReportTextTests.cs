using Citations.Links.Reports;

namespace Citations.Links.Tests.Reports;

/// <summary>The lines a command-line tool prints: the layout the package README shows, and nothing raw from outside.</summary>
[TestClass]
public sealed class LinkReportTextTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 1, 9, 30, 0, TimeSpan.Zero);

    private static LinkCheckResult Inconclusive(string sourceId, string url) => new()
    {
        Url = url, Targets = [new LinkTarget(url) { SourceId = sourceId }], Verdict = LinkVerdict.Inconclusive, CheckedAt = At,
        Evidence = new LinkEvidence { Error = new LinkError(LinkErrorKind.NameNotFound, "Name or service not known") },
    };

    [TestMethod]
    public void SummaryLines_OfflineSampleArticle_TheReadmesLines()
    {
        var report = new LinkReport(
            [
                Inconclusive("cbp-encounters", "https://www.cbp.gov/newsroom/stats/nationwide-encounters"),
                Inconclusive("cdc-overdose", "https://www.cdc.gov/nchs/nvss/vsrr/drug-overdose-data.htm"),
            ],
            At,
            [new NotCheckableSource("fair-china-brief", NotCheckableSource.NoLinkReason), new NotCheckableSource("unnamed-expert", NotCheckableSource.NoLinkReason)]);

        var lines = LinkReportText.SummaryLines(report);

        CollectionAssert.AreEqual(
            new[]
            {
                "sources:",
                "  cbp-encounters    inconclusive   https://www.cbp.gov/newsroom/stats/nationwide-encounters",
                "  cdc-overdose      inconclusive   https://www.cdc.gov/nchs/nvss/vsrr/drug-overdose-data.htm",
                "  fair-china-brief  not-checkable  no URL or DOI",
                "  unnamed-expert    not-checkable  no URL or DOI",
                "2 link(s) checked: 2 inconclusive; 0 broken, 0 with a missing quote, 0 rotted.",
                "2 source(s) not checkable (no URL or DOI): fair-china-brief, unnamed-expert.",
                "2 inconclusive link(s) could not be judged: the checker had no network. Inconclusive is not broken; check again online.",
            },
            lines.ToArray());
        Assert.HasCount(2, LinkReportText.SummaryLines(report, quiet: true));
    }

    [TestMethod]
    public void ResultLine_HostileMessageAndCredentials_EscapedAndRedacted()
    {
        var result = new LinkCheckResult
        {
            Url = "https://user:***@a.example/x", Targets = [new LinkTarget("https://user:secret@a.example/x")], Verdict = LinkVerdict.Unreachable, CheckedAt = At,
            Evidence = new LinkEvidence { Error = new LinkError(LinkErrorKind.Protocol, "Received an invalid header line: 'X-\u001b[2J'") },
        };

        var line = LinkReportText.ResultLine(result);

        Assert.AreEqual("unreachable   https://user:***@a.example/x (Received an invalid header line: 'X-\\x1b[2J')", line);
    }

    [TestMethod]
    public void SummaryLines_SourceIdWithControlCharacters_Escaped()
    {
        var report = new LinkReport([], At, [new NotCheckableSource("brief\u001b[8m", NotCheckableSource.NoLinkReason)]);

        var text = string.Join("\n", LinkReportText.SummaryLines(report));

        StringAssert.Contains(text, "brief\\x1b[8m");
        Assert.IsFalse(text.Contains('\u001b', StringComparison.Ordinal));
    }
}
