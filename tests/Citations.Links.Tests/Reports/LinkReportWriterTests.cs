using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Citations.Links.Reports;

namespace Citations.Links.Tests.Reports;

[TestClass]
public sealed class LinkReportWriterTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 1, 9, 30, 0, TimeSpan.Zero);

    private static LinkReport Sample() => new(
    [
        new LinkCheckResult
        {
            Url = "https://b.example/gone", Targets = [new LinkTarget("https://b.example/gone") { SourceId = "cbp-encounters", Origin = "sources.json" }],
            Verdict = LinkVerdict.Gone, CheckedAt = At, Evidence = new LinkEvidence { StatusCode = 404, Method = "GET", Requests = 2, Notes = ["HEAD answered 404"] },
            Archive = new ArchivedCopy
            {
                Url = "https://web.archive.example/web/20240101000000/https://b.example/gone", OriginalUrl = "https://b.example/gone",
                CapturedAt = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), Archive = "wayback", Reference = At, Verified = true, VerifiedStatus = 200,
            },
        },
        new LinkCheckResult
        {
            Url = "https://a.example/ok", Targets = [new LinkTarget("https://a.example/ok")], Verdict = LinkVerdict.Alive, CheckedAt = At,
            Evidence = new LinkEvidence { StatusCode = 200, Method = "GET", Requests = 1 },
            Content = new ContentCheck { Fingerprint = new PageFingerprint("982d9e3eb996f559e633f4d194def3761d909f5a3b647d1a851fead67c32c9d1", 0x0123456789abcdefUL, 4), Title = "T", Quotes = [new QuoteCheck("lost <words>", false, 0.5)] },
        },
        new LinkCheckResult
        {
            Url = "https://c.example/", Targets = [new LinkTarget("https://c.example/")], Verdict = LinkVerdict.Inconclusive, CheckedAt = At,
            Evidence = new LinkEvidence { Error = new LinkError(LinkErrorKind.NameNotFound, "Name or service not known\u0001") },
        },
    ], At);

    private static async Task<string> WriteAsync(ILinkReportWriter writer, LinkReport report)
    {
        using var stream = new MemoryStream();
        await writer.WriteAsync(report, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [TestMethod]
    public async Task JsonWriteAsync_Report_DocumentedShape()
    {
        using var json = JsonDocument.Parse(await WriteAsync(JsonLinkReportWriter.Indented, Sample()));
        var root = json.RootElement;

        Assert.AreEqual("citations-link-report", root.GetProperty("format").GetString());
        Assert.AreEqual(1, root.GetProperty("version").GetInt32());
        Assert.AreEqual("2025-03-01T09:30:00.000Z", root.GetProperty("generatedAt").GetString());
        var summary = root.GetProperty("summary");
        Assert.AreEqual(3, summary.GetProperty("total").GetInt32());
        Assert.AreEqual(1, summary.GetProperty("broken").GetInt32());
        Assert.AreEqual(1, summary.GetProperty("missingQuotes").GetInt32());
        Assert.AreEqual(1, summary.GetProperty("verdicts").GetProperty("inconclusive").GetInt32());
        Assert.AreEqual(0, summary.GetProperty("verdicts").GetProperty("soft-404").GetInt32());
        var results = root.GetProperty("results");
        Assert.AreEqual("https://a.example/ok", results[0].GetProperty("url").GetString(), "sorted by URL");
        var gone = results[1];
        Assert.AreEqual("gone", gone.GetProperty("verdict").GetString());
        Assert.AreEqual(404, gone.GetProperty("evidence").GetProperty("statusCode").GetInt32());
        Assert.AreEqual("cbp-encounters", gone.GetProperty("citations")[0].GetProperty("sourceId").GetString());
        Assert.AreEqual("2024-01-01", gone.GetProperty("archive").GetProperty("robustLinks").GetProperty("data-versiondate").GetString());
        Assert.AreEqual("name-not-found", results[2].GetProperty("evidence").GetProperty("error").GetProperty("kind").GetString());
    }

    [TestMethod]
    public async Task MarkdownWriteAsync_Report_SectionsForBrokenDriftAndUnverified()
    {
        var markdown = await WriteAsync(MarkdownLinkReportWriter.Instance, Sample());

        StringAssert.Contains(markdown, "**1 broken**");
        StringAssert.Contains(markdown, "## Broken (1)");
        StringAssert.Contains(markdown, "## Quotes no longer on the page (1)");
        StringAssert.Contains(markdown, "## Unverified (blocked, inconclusive, not allowed) (1)");
        StringAssert.Contains(markdown, "archived copy (wayback, 2024-01-01");
        StringAssert.Contains(markdown, "lost \\<words\\>");
        StringAssert.Contains(markdown, "cited by cbp-encounters");
    }

    [TestMethod]
    public async Task JUnitWriteAsync_Report_FailuresForBrokenAndMissingQuotesSkippedForUnverified()
    {
        var xml = XDocument.Parse(await WriteAsync(JUnitLinkReportWriter.Instance, Sample()));
        var suite = xml.Root!.Element("testsuite")!;

        Assert.AreEqual("3", suite.Attribute("tests")!.Value);
        Assert.AreEqual("2", suite.Attribute("failures")!.Value);
        Assert.AreEqual("1", suite.Attribute("skipped")!.Value);
        var cases = suite.Elements("testcase").ToList();
        Assert.AreEqual("quote-missing", cases[0].Element("failure")!.Attribute("type")!.Value);
        Assert.AreEqual("gone", cases[1].Element("failure")!.Attribute("type")!.Value);
        Assert.IsNotNull(cases[2].Element("skipped"));
        Assert.IsFalse(cases[2].Element("skipped")!.Attribute("message")!.Value.Contains('\u0001', StringComparison.Ordinal), "control characters are dropped");
    }

    /// <summary>The sample with two sources that have no link: an article's report.</summary>
    private static LinkReport ArticleSample()
    {
        var sample = Sample();
        return new LinkReport(sample.Results, At,
        [
            new NotCheckableSource("unnamed-expert", NotCheckableSource.NoLinkReason) { Title = "[Remark | by an expert]" },
            new NotCheckableSource("fair-china-brief", NotCheckableSource.NoLinkReason) { Title = "[Issue brief]", Origin = "seeds/article.json (source fair-china-brief)" },
        ]);
    }

    [TestMethod]
    public void Sources_ResultsAndNotCheckable_OnePerSourceSortedById()
    {
        var report = ArticleSample();

        CollectionAssert.AreEqual(new[] { "cbp-encounters", "fair-china-brief", "unnamed-expert" }, report.Sources.Select(s => s.SourceId).ToArray());
        CollectionAssert.AreEqual(new[] { "gone", "not-checkable", "not-checkable" }, report.Sources.Select(s => s.Status).ToArray());
        Assert.IsTrue(report.Sources[0].IsFailure);
        Assert.AreEqual("fair-china-brief", report.NotCheckable[0].SourceId, "sorted by id");
        Assert.IsEmpty(Sample().Sources.Where(s => s.NotCheckable is not null));
    }

    [TestMethod]
    public async Task JsonWriteAsync_ArticleReport_SourcesWithNotCheckable()
    {
        using var json = JsonDocument.Parse(await WriteAsync(JsonLinkReportWriter.Indented, ArticleSample()));
        var root = json.RootElement;

        Assert.AreEqual(2, root.GetProperty("summary").GetProperty("notCheckable").GetInt32());
        var sources = root.GetProperty("sources");
        Assert.AreEqual(3, sources.GetArrayLength());
        Assert.AreEqual("cbp-encounters", sources[0].GetProperty("sourceId").GetString());
        Assert.AreEqual("gone", sources[0].GetProperty("status").GetString());
        Assert.IsTrue(sources[0].GetProperty("broken").GetBoolean());
        Assert.AreEqual("https://b.example/gone", sources[0].GetProperty("url").GetString());
        Assert.AreEqual("not-checkable", sources[1].GetProperty("status").GetString());
        Assert.AreEqual("no URL or DOI", sources[1].GetProperty("reason").GetString());
        Assert.AreEqual("seeds/article.json (source fair-china-brief)", sources[1].GetProperty("origin").GetString());
        Assert.IsFalse(sources[2].TryGetProperty("origin", out _));
        Assert.AreEqual(3, root.GetProperty("results").GetArrayLength(), "not-checkable sources are not results");
    }

    [TestMethod]
    public async Task JsonWriteAsync_UrlsWithoutSources_EmptySources()
    {
        var report = new LinkReport([Sample().Results[1] with { Targets = [new LinkTarget("https://a.example/ok")] }], At);

        using var json = JsonDocument.Parse(await WriteAsync(JsonLinkReportWriter.Compact, report));

        Assert.AreEqual(0, json.RootElement.GetProperty("sources").GetArrayLength());
        Assert.AreEqual(0, json.RootElement.GetProperty("summary").GetProperty("notCheckable").GetInt32());
    }

    [TestMethod]
    public async Task MarkdownWriteAsync_ArticleReport_SourcesTableWithNotCheckable()
    {
        var markdown = await WriteAsync(MarkdownLinkReportWriter.Instance, ArticleSample());

        StringAssert.Contains(markdown, "2 cited source(s) had no link to check.");
        StringAssert.Contains(markdown, "## Sources (3)");
        StringAssert.Contains(markdown, "| cbp-encounters | **gone** | <https://b.example/gone> |");
        StringAssert.Contains(markdown, "| fair-china-brief | not checkable: no URL or DOI | \\[Issue brief\\] |");
        StringAssert.Contains(markdown, "\\[Remark \\| by an expert\\]", "a pipe in a title does not split the row");
    }

    [TestMethod]
    public async Task JUnitWriteAsync_ArticleReport_SourcesSuiteSkipsNotCheckable()
    {
        var xml = XDocument.Parse(await WriteAsync(JUnitLinkReportWriter.Instance, ArticleSample()));
        var suites = xml.Root!.Elements("testsuite").ToList();

        Assert.AreEqual("6", xml.Root.Attribute("tests")!.Value);
        Assert.AreEqual("3", xml.Root.Attribute("failures")!.Value);
        Assert.AreEqual("3", xml.Root.Attribute("skipped")!.Value);
        var sources = suites.Single(s => s.Attribute("name")!.Value == "sources");
        var cases = sources.Elements("testcase").ToList();
        CollectionAssert.AreEqual(new[] { "cbp-encounters", "fair-china-brief", "unnamed-expert" }, cases.Select(c => c.Attribute("name")!.Value).ToArray());
        Assert.AreEqual("gone", cases[0].Element("failure")!.Attribute("type")!.Value);
        Assert.AreEqual("not checkable: no URL or DOI", cases[1].Element("skipped")!.Attribute("message")!.Value);
        StringAssert.Contains(cases[1].Element("system-out")!.Value, "seeds/article.json");
    }

    [TestMethod]
    public async Task JUnitWriteAsync_NoSourceIds_OnlyLinksSuite()
    {
        var report = new LinkReport([Sample().Results[0]], At);

        var xml = XDocument.Parse(await WriteAsync(JUnitLinkReportWriter.Instance, report));

        Assert.AreEqual("links", xml.Root!.Elements("testsuite").Single().Attribute("name")!.Value);
    }

    [TestMethod]
    public async Task WriteAsyncToFile_ExistingFile_ReplacedWholeWithoutTemporaryLeft()
    {
        var directory = Directory.CreateTempSubdirectory("citations-report-");
        try
        {
            var path = Path.Combine(directory.FullName, "report.json");
            await File.WriteAllTextAsync(path, "old");

            await LinkReportFiles.WriteAsync(JsonLinkReportWriter.Compact, Sample(), path);

            StringAssert.StartsWith(await File.ReadAllTextAsync(path), "{\"format\":\"citations-link-report\"");
            Assert.HasCount(1, directory.GetFiles());
        }
        finally
        {
            directory.Delete(true);
        }
    }

    [TestMethod]
    public async Task JsonWriteAsync_CitationsReadFromFiles_FileLineAndConstructPerCitation()
    {
        var markdown = new LinkTarget("https://d.example/page") { File = "article.md", Line = 12, Construct = LinkConstructs.MarkdownInlineLink, Origin = "article.md:12" };
        var html = new LinkTarget("https://d.example/page") { File = "page.html", Line = 3, Construct = LinkConstructs.HtmlAttribute("IMG", "srcset") };
        var report = new LinkReport(
        [
            new LinkCheckResult { Url = "https://d.example/page", Targets = [markdown, html, new LinkTarget("https://d.example/page")], Verdict = LinkVerdict.Alive, CheckedAt = At, Evidence = new LinkEvidence() },
        ], At);

        using var json = JsonDocument.Parse(await WriteAsync(JsonLinkReportWriter.Indented, report));

        var citations = json.RootElement.GetProperty("results")[0].GetProperty("citations");
        Assert.AreEqual("article.md", citations[0].GetProperty("file").GetString());
        Assert.AreEqual(12, citations[0].GetProperty("line").GetInt32());
        Assert.AreEqual("markdown inline link", citations[0].GetProperty("construct").GetString());
        Assert.AreEqual("img[srcset]", citations[1].GetProperty("construct").GetString());
        Assert.IsFalse(citations[2].TryGetProperty("file", out _) || citations[2].TryGetProperty("line", out _) || citations[2].TryGetProperty("construct", out _),
            "unknown places are left out, not written as null");
    }
}
