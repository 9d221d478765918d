using System.Text.Json;
using Citations.Model;
using Citations.Reports;
using Citations.Tests.TestSupport;

namespace Citations.Tests.Reports;

[TestClass]
public sealed class CoverageReportTests
{
    [TestMethod]
    public void Create_RichArticle_EachClaimGetsItsStrongestSupport()
    {
        var report = CoverageReport.Create(SampleArticles.Rich());

        var byId = report.Claims.ToDictionary(c => c.ClaimId);
        Assert.AreEqual(SupportLevel.PrimaryData, byId["rate"].Support, "a think tank relying on a dataset leads to primary data");
        CollectionAssert.AreEqual(new[] { "brief", "dataset" }, byId["rate"].PrimaryChain.ToArray());
        Assert.IsTrue(byId["rate"].CitedInArticle);
        Assert.AreEqual(SupportLevel.PrimaryData, byId["count"].Support);
        CollectionAssert.AreEqual(new[] { "dataset" }, byId["count"].PrimaryChain.ToArray());
        Assert.IsFalse(byId["count"].CitedInArticle, "only a reviewer linked the dataset");
        Assert.AreEqual(SupportLevel.Anonymous, byId["insider-says"].Support);
        Assert.AreEqual(SupportLevel.None, byId["trend"].Support, "a disputed source backs nothing");
        Assert.AreEqual(SupportLevel.None, byId["trend"].Evidence.Single().Support);
        Assert.AreEqual(SourceClass.News, byId["trend"].Evidence.Single().SourceClass);
        Assert.AreEqual(SupportLevel.None, byId["view"].Support);
        Assert.IsFalse(byId["view"].NeedsSupport);
        Assert.AreEqual(new SupportCounts(5, 2, 0, 1, 2), report.Totals);
        Assert.AreEqual(new SupportCounts(2, 2, 0, 0, 0), report.ByKind.Single(k => k.Kind == ClaimKind.Statistic).Counts);
        Assert.AreEqual(4, report.ByKind.Count);
    }

    [TestMethod]
    public void Create_SupportLevels_OrderedAndCombinedByStrength()
    {
        var article = new Article(SampleArticles.Item("a"))
        {
            Sources =
            [
                new Source(SampleArticles.Item("anon"), SourceClass.Anonymous),
                new Source(SampleArticles.Item("anon-citing-news"), SourceClass.Anonymous) { ReliesOn = ["news"] },
                new Source(SampleArticles.Item("news"), SourceClass.News),
                new Source(SampleArticles.Item("unknown"), SourceClass.Unknown),
                new Source(SampleArticles.Item("loop1"), SourceClass.News) { ReliesOn = ["loop2"] },
                new Source(SampleArticles.Item("loop2"), SourceClass.News) { ReliesOn = ["loop1", "data"] },
                new Source(SampleArticles.Item("data"), SourceClass.PrimaryData),
            ],
            Claims =
            [
                Claim("anon-and-news", ("anon", CitationRelation.IncludesQuotationFrom), ("news", CitationRelation.CitesAsEvidence)),
                Claim("anon-relying", ("anon-citing-news", CitationRelation.IncludesQuotationFrom)),
                Claim("unknown-class", ("unknown", CitationRelation.CitesForInformation)),
                Claim("background", ("data", CitationRelation.CitesAsBackground)),
                Claim("missing", ("nowhere", CitationRelation.CitesAsEvidence)),
                Claim("loop", ("loop1", CitationRelation.CitesAsEvidence)),
            ],
        };

        var support = CoverageReport.Create(article).Claims.ToDictionary(c => c.ClaimId, c => c.Support);

        Assert.AreEqual(SupportLevel.Secondary, support["anon-and-news"]);
        Assert.AreEqual(SupportLevel.Secondary, support["anon-relying"], "an anonymous source relying on a named one");
        Assert.AreEqual(SupportLevel.Secondary, support["unknown-class"]);
        Assert.AreEqual(SupportLevel.None, support["background"]);
        Assert.AreEqual(SupportLevel.None, support["missing"]);
        Assert.AreEqual(SupportLevel.PrimaryData, support["loop"], "a cycle on the way does not hide the data behind it");
    }

    [TestMethod]
    public void Sources_UrlDoiAndUse_Summarised()
    {
        var report = CoverageReport.Create(SampleArticles.Rich());

        var dataset = report.Sources.Single(s => s.SourceId == "dataset");
        Assert.AreEqual("https://data.example/stats", dataset.Url);
        Assert.IsTrue(dataset.LinkCheckable);
        CollectionAssert.AreEqual(new[] { "count" }, dataset.CitedBy.ToArray());
        var brief = report.Sources.Single(s => s.SourceId == "brief");
        Assert.IsFalse(brief.LinkCheckable);
        CollectionAssert.AreEqual(new[] { "dataset" }, brief.ReliesOn.ToArray());
    }

    [TestMethod]
    public void Equals_ReportsOfEqualArticles_AreEqual()
        => Assert.AreEqual(CoverageReport.Create(SampleArticles.Rich()), CoverageReport.Create(SampleArticles.Rich()));

    [TestMethod]
    public void Render_PlainText_AlignedTablesAndSummary()
    {
        var text = CoverageReport.Create(SampleArticles.Rich()).Render(CoverageReportFormats.PlainText);
        var lines = text.Split('\n');

        Assert.AreEqual("Claim coverage: A <i>rich</i> article", lines[0]);
        Assert.Contains("5 claims: 2 backed by primary data, 0 by secondary sources only, 1 by anonymous sources only, 2 with no source (1 of them an opinion, which needs none).", text);
        Assert.Contains("For 1 claim, the strongest source was identified by a reviewer", text);
        Assert.Contains("primary data via brief > dataset", text);
        var header = lines.Single(l => l.StartsWith("Claim ", StringComparison.Ordinal) && l.Contains("Support", StringComparison.Ordinal));
        var rateRow = lines.Single(l => l.StartsWith("rate ", StringComparison.Ordinal));
        Assert.AreEqual(header.IndexOf("Support", StringComparison.Ordinal), rateRow.IndexOf("primary data", StringComparison.Ordinal), "columns line up");
        Assert.IsTrue(lines.Any(l => l.StartsWith("all ", StringComparison.Ordinal) && l.Split(' ', StringSplitOptions.RemoveEmptyEntries).SequenceEqual(["all", "5", "2", "0", "1", "2"])));
        Assert.Contains("none: a link check cannot cover it", text);
        Assert.DoesNotContain("\r", text);
    }

    [TestMethod]
    public void Render_UnreviewedClaimAndSource_ListedApartOnlyWhenThereAreAny()
    {
        var rich = SampleArticles.Rich();
        var unreviewed = rich with
        {
            Claims = [rich.Claims[0] with { Reviewed = false }, .. rich.Claims.Skip(1)],
            Sources = [.. rich.Sources.Take(3), rich.Sources[3] with { Reviewed = false }],
        };

        var text = CoverageReport.Create(unreviewed).Render(CoverageReportFormats.PlainText);
        var reviewed = CoverageReport.Create(rich).Render(CoverageReportFormats.PlainText);

        Assert.Contains("1 claim suggested by a tool and not yet reviewed", text);
        Assert.Contains("1 source suggested by a tool and not yet reviewed", text);
        Assert.IsLessThan(text.IndexOf("Unreviewed sources", StringComparison.Ordinal), text.IndexOf("Unreviewed claims", StringComparison.Ordinal));
        Assert.DoesNotContain("Unreviewed", reviewed);
        Assert.IsFalse(CoverageReport.Create(unreviewed).Claims[0].Reviewed);
        Assert.IsFalse(CoverageReport.Create(unreviewed).Sources[3].Reviewed);
    }

    [TestMethod]
    public void Render_Json_UnreviewedClaimAndSource_ReviewedFalse()
    {
        var rich = SampleArticles.Rich();
        var unreviewed = rich with
        {
            Claims = [rich.Claims[0] with { Reviewed = false }, .. rich.Claims.Skip(1)],
            Sources = [.. rich.Sources.Take(3), rich.Sources[3] with { Reviewed = false }],
        };

        using var document = JsonDocument.Parse(CoverageReport.Create(unreviewed).Render(CoverageReportFormats.Json));

        var claims = document.RootElement.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("reviewed").GetBoolean()).ToList();
        var sources = document.RootElement.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("reviewed").GetBoolean()).ToList();
        CollectionAssert.AreEqual(new[] { false }.Concat(Enumerable.Repeat(true, rich.Claims.Count - 1)).ToList(), claims);
        CollectionAssert.AreEqual(Enumerable.Repeat(true, 3).Append(false).Concat(Enumerable.Repeat(true, rich.Sources.Count - 4)).ToList(), sources);
    }

    [TestMethod]
    public void Render_Markdown_TablesAndEscaping()
    {
        var markdown = CoverageReport.Create(SampleArticles.Rich()).Render(CoverageReportFormats.Markdown);

        Assert.StartsWith("# Claim coverage: A \\<i\\>rich\\</i\\> article\n", markdown);
        Assert.Contains("\n## Claims\n\n| Claim | Kind | Para. | Support | Sources |\n|---|---|---:|---|---|\n", markdown);
        Assert.Contains("| count | statistic | 2 | primary data (not cited in article) | dataset (data source, added by reviewer) |", markdown);
        Assert.Contains("| all | 5 | 2 | 0 | 1 | 2 |", markdown);
    }

    [TestMethod]
    public void Render_Html_SelfContainedPageWithEncodedText()
    {
        var html = CoverageReport.Create(SampleArticles.Rich()).Render(CoverageReportFormats.Html);

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", html);
        Assert.Contains("<title>Claim coverage: A &lt;i&gt;rich&lt;/i&gt; article</title>", html);
        Assert.Contains("<h1>Claim coverage: A &lt;i&gt;rich&lt;/i&gt; article</h1>", html);
        Assert.Contains("<h2>Claims</h2>\n<div class=\"table\"><table class=\"sortable\">\n<thead><tr><th scope=\"col\">Claim</th>", html);
        Assert.Contains("<td class=\"num\" data-sort=\"2\">2</td><td>primary data (not cited in article)</td>", html);
        Assert.Contains("primary data via brief &gt; dataset", html);
        Assert.Contains("default-src 'none'", html);
        Assert.EndsWith("</body>\n</html>\n", html);
        Assert.AreEqual(1, html.Split("<!DOCTYPE").Length - 1);
    }

    [TestMethod]
    public void Find_Html_TheHtmlFormat() => Assert.AreSame(CoverageReportFormats.Html, CoverageReportFormats.Find("HTML"));

    [TestMethod]
    public void Render_Json_StableFieldNamesAndValues()
    {
        var article = new ArticleBuilder(SampleArticles.Item("art", title: "T"))
            .AddSource(SampleArticles.Item("d", url: "https://x.example/"), SourceClass.PrimaryData)
            .AddClaim("c", ClaimKind.Statistic, "Ten.", c => c.Quoted().AnchoredAt(2, "Ten").BackedByReviewer("d", CitationRelation.CitesAsDataSource))
            .Build();

        var json = CoverageReport.Create(article).Render(CoverageReportFormats.Json);

        const string expected = """
            {
              "formatVersion": 1,
              "article": {"id": "art", "title": "T"},
              "totals": {"claims": 1, "primaryData": 1, "secondary": 0, "anonymous": 0, "none": 0},
              "byKind": {
                "statistic": {"claims": 1, "primaryData": 1, "secondary": 0, "anonymous": 0, "none": 0},
                "factual": {"claims": 0, "primaryData": 0, "secondary": 0, "anonymous": 0, "none": 0},
                "attribution": {"claims": 0, "primaryData": 0, "secondary": 0, "anonymous": 0, "none": 0},
                "opinion": {"claims": 0, "primaryData": 0, "secondary": 0, "anonymous": 0, "none": 0}
              },
              "claims": [{
                "id": "c", "kind": "statistic", "wording": "quote", "text": "Ten.", "paragraph": 2, "support": "primaryData",
                "needsSupport": true, "citedInArticle": false, "reviewed": true, "primaryChain": ["d"],
                "evidence": [{"source": "d", "relation": "citesAsDataSource", "origin": "reviewer", "sourceClass": "primaryData", "support": "primaryData"}]
              }],
              "sources": [{
                "id": "d", "title": "Title of d", "class": "primaryData", "url": "https://x.example/", "doi": null,
                "linkCheckable": true, "citedBy": ["c"], "reliesOn": [], "reviewed": true
              }]
            }
            """;
        using var actualDocument = JsonDocument.Parse(json);
        using var expectedDocument = JsonDocument.Parse(expected);
        Assert.IsTrue(JsonElement.DeepEquals(expectedDocument.RootElement, actualDocument.RootElement), json);
    }

    [TestMethod]
    public void Render_Json_ValidatesAgainstTheCommittedSchema()
    {
        var schema = MiniJsonSchema.Load(Path.Combine(RepoPaths.Schemas, "coverage-report.schema.json"));
        using var document = JsonDocument.Parse(CoverageReport.Create(SampleArticles.Rich()).Render(CoverageReportFormats.Json));

        var errors = schema.Validate(document.RootElement);

        Assert.AreEqual(0, errors.Count, string.Join("\n", errors));
    }

    [TestMethod]
    [DataRow("text")]
    [DataRow("MARKDOWN")]
    [DataRow("json")]
    public void Find_KnownName_ReturnsFormat(string name)
        => Assert.AreEqual(name.ToLowerInvariant(), CoverageReportFormats.Find(name)!.Name);

    [TestMethod]
    public void Find_UnknownName_ReturnsNull() => Assert.IsNull(CoverageReportFormats.Find("pdf"));

    private static Claim Claim(string id, params (string Source, CitationRelation Relation)[] links)
        => new(id, ClaimKind.Factual, "t", new TextAnchor(1, "t")) { Evidence = links.Select(l => new EvidenceLink(l.Source, l.Relation)).ToArray() };
}
