using System.Globalization;
using System.Text.Json;
using Citations.Cli.Tests.TestSupport;
using Citations.Model;
using Citations.Serialization;
using Citations.Tests.TestSupport;
using Citations.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Citations.Cli.Tests.Commands;

/// <summary>
/// <c>citations reanchor</c> through the tool: the edited-version corpus in <c>TestData/Reanchor</c> (eight articles,
/// each with its extracted and reviewed <c>article.json</c>, an edited version and the outcome per claim written by
/// hand in <c>expected.tsv</c>), a new version served by Kestrel on 127.0.0.1, and bad input.
/// </summary>
[TestClass]
public sealed class ReanchorCommandTests
{
    private static readonly string Corpus = Path.Combine(RepoPaths.Root, "tests", "Citations.Cli.Tests", "TestData", "Reanchor");
    private static WebApplication _server = null!;
    private static string _base = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task StartServerAsync(TestContext context)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.Run(async http =>
        {
            if (http.Request.Path.Value != "/overdoses")
            {
                http.Response.StatusCode = 404;
                return;
            }

            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync(await File.ReadAllTextAsync(Path.Combine(Corpus, "01-overdoses-html", "new.html")));
        });
        await _server.StartAsync();
        _base = _server.Urls.First().TrimEnd('/');
    }

    [ClassCleanup]
    public static async Task StopServerAsync() => await _server.DisposeAsync();

    public static IEnumerable<object[]> Articles()
        => Directory.GetDirectories(Corpus).Order(StringComparer.Ordinal).Select(d => new object[] { Path.GetFileName(d) });

    [TestMethod]
    [DynamicData(nameof(Articles))]
    public async Task Reanchor_EditedVersion_EveryClaimAsExpectedByHand(string name)
    {
        using var temp = new TempFiles();
        var folder = Path.Combine(Corpus, name);
        var newVersion = Directory.GetFiles(folder, "new.*").Single();
        var expected = Expected(folder);

        var outcome = await CliRunner.RunInAsync(temp.Folder, "reanchor", Path.Combine(folder, "article.json"), newVersion, "-o", "out.json", "--json", "report.json");

        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Folder, "report.json")));
        var actual = report.RootElement.GetProperty("claims").EnumerateArray()
            .Select(c => (Id: c.GetProperty("id").GetString()!, Outcome: c.GetProperty("outcome").GetString()!, Method: c.GetProperty("method").GetString()!,
                Paragraph: c.GetProperty("newParagraph").ValueKind == JsonValueKind.Null ? "-" : c.GetProperty("newParagraph").GetInt32().ToString(CultureInfo.InvariantCulture)))
            .ToList();
        CollectionAssert.AreEqual(expected, actual, outcome.Error);
        var allKept = expected.All(e => e.Outcome is "unchanged" or "moved");
        Assert.AreEqual(allKept ? 0 : 1, outcome.ExitCode, outcome.Error);

        // Every claim placed validates against the new version's text; every claim lost or reworded is left for a person.
        var updated = ArticleJson.Read(File.ReadAllText(Path.Combine(temp.Folder, "out.json")), "out.json").Value!;
        var text = await NewTextAsync(newVersion, temp);
        var problems = ArticleValidator.Validate(updated, text).Where(d => d.IsError).ToList();
        var lost = expected.Where(e => e.Outcome == "notFound").Select(e => e.Id).ToList();
        Assert.IsTrue(problems.All(p => lost.Any(id => p.Message.Contains($"'{id}'", StringComparison.Ordinal))), string.Join("\n", problems));
        foreach (var (id, result, _, _) in expected)
        {
            Assert.AreEqual(result is "unchanged" or "moved", updated.FindClaim(id)!.Reviewed, id);
        }
    }

    [TestMethod]
    public async Task Reanchor_Corpus_CountsAgainstTheHandMarkedOutcomes()
    {
        var expected = new List<(string Id, string Outcome, string Method, string Paragraph)>();
        var totals = new Dictionary<string, int>(StringComparer.Ordinal);
        var agree = 0;
        foreach (var name in Articles().Select(a => (string)a[0]))
        {
            using var temp = new TempFiles();
            var folder = Path.Combine(Corpus, name);
            var wanted = Expected(folder);
            expected.AddRange(wanted);
            await CliRunner.RunInAsync(temp.Folder, "reanchor", Path.Combine(folder, "article.json"), Directory.GetFiles(folder, "new.*").Single(), "-o", "out.json", "--json", "report.json");
            using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Folder, "report.json")));
            foreach (var (claim, want) in report.RootElement.GetProperty("claims").EnumerateArray().Zip(wanted))
            {
                var key = claim.GetProperty("outcome").GetString() + "/" + claim.GetProperty("method").GetString();
                totals[key] = totals.GetValueOrDefault(key) + 1;
                agree += key == want.Outcome + "/" + want.Method ? 1 : 0;
            }
        }

        TestContext.WriteLine($"{expected.Count} claims in {Articles().Count()} articles; {agree} as marked by hand");
        foreach (var (key, count) in totals.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            TestContext.WriteLine($"  {key}: {count} (expected {expected.Count(e => e.Outcome + "/" + e.Method == key)})");
        }

        Assert.IsGreaterThanOrEqualTo(8, Articles().Count());
        Assert.AreEqual(expected.Count, agree);
        foreach (var outcome in new[] { "unchanged", "moved", "reworded", "notFound" })
        {
            Assert.IsTrue(expected.Any(e => e.Outcome == outcome), $"the corpus has a {outcome} claim");
        }

        foreach (var method in new[] { "exact", "context", "fuzzy" })
        {
            Assert.IsTrue(expected.Any(e => e.Method == method), $"the corpus has a claim placed by {method}");
        }
    }

    [TestMethod]
    public async Task Reanchor_NewVersionByUrl_FetchedAndPlaced()
    {
        using var temp = new TempFiles();

        var outcome = await CliRunner.RunInAsync(temp.Folder, "reanchor", Path.Combine(Corpus, "01-overdoses-html", "article.json"), _base + "/overdoses", "--allow-private");

        Assert.AreEqual(1, outcome.ExitCode, outcome.Error);
        var article = ArticleJson.Read(outcome.Out, "stdout").Value!;
        Assert.AreEqual(2, article.FindClaim("claim-1-1")!.Anchor.Paragraph);
        Assert.Contains("CIT0220", outcome.Error);
        Assert.Contains("\"A study of rural counties found that distribution programmes cut deaths by a fifth.\" -> \"A study of rural counties found that distribution programmes cut deaths by nearly a fifth.\"", outcome.Error);
        Assert.Contains("4 claims: 0 unchanged, 3 moved, 1 reworded, 0 not found", outcome.Error);
    }

    [TestMethod]
    public async Task Reanchor_PrivateUrlWithoutAllowPrivate_ExitTwoNamingTheUrl()
    {
        using var temp = new TempFiles();

        var outcome = await CliRunner.RunInAsync(temp.Folder, "reanchor", Path.Combine(Corpus, "01-overdoses-html", "article.json"), _base + "/overdoses");

        Assert.AreEqual(2, outcome.ExitCode);
        Assert.Contains("LNK0202", outcome.Error);
        Assert.Contains(_base + "/overdoses", outcome.Error);
        Assert.AreEqual(string.Empty, outcome.Out, "nothing written");
    }

    [TestMethod]
    public async Task Reanchor_FileFields_KeptAsWritten()
    {
        using var temp = new TempFiles();
        var original = File.ReadAllText(Path.Combine(Corpus, "05-transit-html", "article.json"));
        var withExtras = "{\n  \"$schema\": \"../schemas/article.schema.json\",\n" + original.TrimStart()[1..];
        temp.Write("article.json", withExtras);
        File.Copy(Path.Combine(Corpus, "05-transit-html", "new.html"), Path.Combine(temp.Folder, "new.html"));

        var outcome = await CliRunner.RunInAsync(temp.Folder, "reanchor", "article.json", "new.html", "-o", "article.json");

        Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
        var written = File.ReadAllText(Path.Combine(temp.Folder, "article.json"));
        Assert.Contains("\"$schema\": \"../schemas/article.schema.json\"", written);
        var before = ArticleJson.Read(withExtras, "before").Value!;
        var after = ArticleJson.Read(written, "after").Value!;
        Assert.AreEqual(before.Metadata, after.Metadata);
        Assert.IsTrue(before.Sources.SequenceEqual(after.Sources));
        Assert.IsTrue(before.Claims.Zip(after.Claims).All(p => p.First with { Anchor = p.Second.Anchor } == p.Second), "only the anchors changed");
        Assert.AreEqual(4, after.FindClaim("claim-2-1")!.Anchor.Paragraph);
    }

    [TestMethod]
    public async Task Reanchor_MissingNewVersion_ExitTwo()
    {
        using var temp = new TempFiles();

        var outcome = await CliRunner.RunInAsync(temp.Folder, "reanchor", Path.Combine(Corpus, "01-overdoses-html", "article.json"), "missing.html");

        Assert.AreEqual(2, outcome.ExitCode);
        Assert.Contains("missing.html", outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error);
    }

    [TestMethod]
    public async Task Reanchor_InvalidArticle_ExitTwoNamingTheFileAndPosition()
    {
        using var temp = new TempFiles();
        temp.Write("article.json", "{\"claims\": [");
        temp.Write("new.md", "Text.");

        var outcome = await CliRunner.RunInAsync(temp.Folder, "reanchor", "article.json", "new.md");

        Assert.AreEqual(2, outcome.ExitCode);
        Assert.Contains("article.json(1,", outcome.Error);
        Assert.Contains("CIT0001", outcome.Error);
    }

    private static List<(string Id, string Outcome, string Method, string Paragraph)> Expected(string folder)
        => File.ReadAllLines(Path.Combine(folder, "expected.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(f => (f[0], f[1], f[2], f[3]))
            .ToList();

    /// <summary>The new version's paragraphs, as <c>citations extract --text</c> writes them.</summary>
    private static async Task<ArticleText> NewTextAsync(string newVersion, TempFiles temp)
    {
        var outcome = await CliRunner.RunInAsync(temp.Folder, "extract", newVersion, "--no-fetch", "-o", "new.json", "--text", "new.txt", "--doi-cache", Path.Combine(temp.Folder, "dois"));
        Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
        return ArticleText.Parse(File.ReadAllText(Path.Combine(temp.Folder, "new.txt")), ParagraphBreaks.BlankLine);
    }
}
