using System.Text;
using Citations.Links.Reports;

namespace Citations.Links.Tests.Reports;

[TestClass]
public sealed class HtmlLinkReportWriterTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 1, 9, 30, 0, TimeSpan.Zero);

    private static LinkReport Sample() => new(
    [
        new LinkCheckResult
        {
            Url = "https://b.example/gone", Targets = [new LinkTarget("https://b.example/gone") { SourceId = "cbp", Origin = "article.json (cbp)" }],
            Verdict = LinkVerdict.Gone, CheckedAt = At, Evidence = new LinkEvidence { StatusCode = 404, Requests = 2, Notes = ["title <b>Not found</b>\u001b[2J"] },
            Archive = new ArchivedCopy
            {
                Url = "https://web.archive.example/web/20240101000000/https://b.example/gone", OriginalUrl = "https://b.example/gone",
                CapturedAt = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), Archive = "wayback", Reference = At, Verified = true, VerifiedStatus = 200,
            },
        },
        new LinkCheckResult
        {
            Url = "https://a.example/ok", Targets = [new LinkTarget("https://a.example/ok") { Origin = "page.md:3" }], Verdict = LinkVerdict.Alive, CheckedAt = At,
            Evidence = new LinkEvidence { StatusCode = 200, Requests = 1 },
            Content = new ContentCheck { Fingerprint = new PageFingerprint("982d9e3eb996f559e633f4d194def3761d909f5a3b647d1a851fead67c32c9d1", 1, 4), Quotes = [new QuoteCheck("lost <words>", false, 0.5)] },
        },
        new LinkCheckResult
        {
            Url = "javascript:alert(1)", Targets = [new LinkTarget("javascript:alert(1)") { Origin = "page.md:9" }], Verdict = LinkVerdict.InvalidUrl, CheckedAt = At,
            Evidence = new LinkEvidence { Error = new LinkError(LinkErrorKind.InvalidUrl, "not an http(s) URL") },
        },
    ], At, [new NotCheckableSource("expert", NotCheckableSource.NoLinkReason) { Title = "An \"expert\" <i>said</i>" }]);

    [TestMethod]
    public void Render_Report_OneTablePerInputAndSourcesTable()
    {
        var html = HtmlLinkReportWriter.Render(Sample());

        StringAssert.Contains(html, "<h2>Links in article.json (1)</h2>");
        StringAssert.Contains(html, "<h2>Links in page.md (2)</h2>");
        StringAssert.Contains(html, "<h2 id=\"sources\">Cited sources (2)</h2>");
        StringAssert.Contains(html, "<tr data-verdict=\"not-checkable\"><th scope=\"row\">expert</th>");
    }

    [TestMethod]
    public void Render_ArchivedCopy_RobustLinkToTheOriginal()
    {
        var html = HtmlLinkReportWriter.Render(Sample());

        StringAssert.Contains(html, "<a href=\"https://b.example/gone\" data-versionurl=\"https://web.archive.example/web/20240101000000/https://b.example/gone\" data-versiondate=\"2024-01-01\">wayback copy</a>");
    }

    [TestMethod]
    public void Render_TextFromOutside_EscapedAndEncoded()
    {
        var html = HtmlLinkReportWriter.Render(Sample());

        StringAssert.Contains(html, "title &lt;b&gt;Not found&lt;/b&gt;\\x1b[2J");
        StringAssert.Contains(html, "“lost &lt;words&gt;”");
        StringAssert.Contains(html, "An &quot;expert&quot; &lt;i&gt;said&lt;/i&gt;");
        Assert.DoesNotContain("\u001b", html);
    }

    [TestMethod]
    public void Render_UrlThatIsNotHttp_TextNotLink()
    {
        var html = HtmlLinkReportWriter.Render(Sample());

        Assert.DoesNotContain("href=\"javascript:", html);
        StringAssert.Contains(html, "<td>javascript:alert(1)</td>");
    }

    [TestMethod]
    public async Task WriteAsync_Report_Utf8WithoutByteOrderMark()
    {
        using var stream = new MemoryStream();

        await HtmlLinkReportWriter.Instance.WriteAsync(Sample(), stream);

        var bytes = stream.ToArray();
        Assert.AreEqual((byte)'<', bytes[0]);
        StringAssert.Contains(Encoding.UTF8.GetString(bytes), "“lost");
    }

    [TestMethod]
    [DataRow("article.json (cbp)", "article.json")]
    [DataRow("refs/page.md:12", "refs/page.md")]
    [DataRow("C:\\notes\\list.txt:3", "C:\\notes\\list.txt")]
    [DataRow("list.txt", "list.txt")]
    [DataRow(null, "the input")]
    public void InputOf_Origin_FilePart(string? origin, string expected) => Assert.AreEqual(expected, HtmlLinkReportWriter.InputOf(origin));
}
