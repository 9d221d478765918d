using System.Collections.Concurrent;
using System.Diagnostics;
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
/// <c>citations extract</c> as a real process against a Kestrel site on 127.0.0.1 that serves an article (with
/// boilerplate, a footnote, relative links) and the pages it cites (each kind of embedded metadata, none, broken
/// markup, a redirect, a page that is gone). The tool runs with the loopback-only resolver and a fixed probe.
/// </summary>
[TestClass]
public sealed class ExtractCommandTests
{
    private static readonly string Site = Path.Combine(RepoPaths.Root, "tests", "Citations.Cli.Tests", "TestData", "Extract");
    private static readonly ConcurrentDictionary<string, int> Hits = new(StringComparer.Ordinal);
    private static WebApplication _server = null!;
    private static string _base = null!;
    private string _folder = null!;

    [ClassInitialize]
    public static async Task StartServerAsync(TestContext context)
    {
        var pages = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["/article.html"] = "article.html",
            ["/data/overdoses.html"] = "overdoses.html",
            ["/journal/naloxone"] = "naloxone.html",
            ["/gov/press-release"] = "press-release.html",
            ["/policy/brief"] = "brief.html",
            ["/reports/review"] = "review.html",
        };
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.Run(async http =>
        {
            var path = http.Request.Path.Value ?? "/";
            Hits.AddOrUpdate(path, 1, (_, n) => n + 1);
            if (path == "/moved")
            {
                http.Response.StatusCode = 301;
                http.Response.Headers.Location = "/policy/brief";
                return;
            }

            if (!pages.TryGetValue(path, out var file))
            {
                http.Response.StatusCode = 404;
                return;
            }

            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync(await File.ReadAllTextAsync(Path.Combine(Site, "site", file)));
        });
        await _server.StartAsync();
        _base = _server.Urls.First().TrimEnd('/');
    }

    [ClassCleanup]
    public static async Task StopServerAsync() => await _server.DisposeAsync();

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("citations-extract-").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, true);

    [TestMethod]
    public async Task Extract_HtmlArticleByUrl_ClaimsForCitingSentencesOnlyAndBoilerplateLeftOut()
    {
        var (article, text) = await ExtractServedArticleAsync();
        Assert.HasCount(5, text.Paragraphs, string.Join("\n", text.Paragraphs));
        Assert.IsFalse(text.Paragraphs.Any(p => p.Contains("cookies", StringComparison.Ordinal) || p.Contains("Share", StringComparison.Ordinal)
            || p.Contains("Related", StringComparison.Ordinal) || p.Contains("Great article", StringComparison.Ordinal) || p.Contains("©", StringComparison.Ordinal)));
        CollectionAssert.AreEqual(new[] { "claim-1-1", "claim-2-1", "claim-2-2", "claim-3-2", "claim-4-2" }, article.Claims.Select(c => c.Id).ToArray());
        Assert.IsTrue(article.Claims.All(c => !c.Reviewed) && article.Sources.All(s => !s.Reviewed));
        Assert.AreEqual("Overdose deaths fell for the first time in years", article.Metadata.Title);
        Assert.AreEqual(_base + "/article.html", article.Metadata.Url);
        Assert.AreEqual("Doe", article.Metadata.Authors[0].Family);
    }

    [TestMethod]
    public async Task Extract_HtmlArticleByUrl_AnchorsValidateAgainstTheText()
    {
        var (article, text) = await ExtractServedArticleAsync();
        var problems = ArticleValidator.Validate(article, text).Where(d => d.IsError).ToList();
        Assert.IsEmpty(problems, string.Join("\n", problems));
        var first = article.Claims[0];
        Assert.AreEqual(ClaimKind.Statistic, first.Kind);
        Assert.AreEqual(CitationRelation.CitesAsDataSource, first.Evidence[0].Relation);
        Assert.StartsWith("In 2023, more than 76,000 Americans", first.Anchor.Selector.Exact);
        Assert.IsNull(first.Anchor.Selector.Prefix);
        Assert.AreEqual("The figure had risen for a", first.Anchor.Selector.Suffix);
        Assert.AreEqual(ClaimKind.Attribution, article.FindClaim("claim-2-2")!.Kind);
    }

    [TestMethod]
    public async Task Extract_CitedPages_ItemsFromEachKindOfMetadataAndMinimalItemsForTheRest()
    {
        var (exit, _, error) = await RunAsync("extract", _base + "/article.html", "--allow-private", "-o", "article.json");

        Assert.AreEqual(0, exit, error);
        var sources = Read("article.json").Sources.ToDictionary(s => s.Item.Url ?? s.Id);
        Assert.HasCount(6, sources, string.Join(", ", sources.Keys));

        var data = sources[_base + "/data/overdoses.html"];
        Assert.AreEqual("dataset", data.Item.Type);
        Assert.AreEqual("Provisional Drug Overdose Death Counts", data.Item.Title);
        Assert.AreEqual(SourceClass.PrimaryData, data.Class);

        var study = sources[_base + "/journal/naloxone"];
        Assert.AreEqual("article-journal", study.Item.Type);
        Assert.AreEqual("Naloxone distribution and rural overdose mortality", study.Item.Title);
        Assert.AreEqual("10.5555/tests.2022.101", study.Item.Doi);
        Assert.AreEqual("101-115", study.Item.GetText("page"));
        Assert.HasCount(2, study.Item.Authors);
        Assert.AreEqual(SourceClass.Academic, study.Class);

        Assert.AreEqual("Ministry announces national prevention plan", sources[_base + "/gov/press-release"].Item.Title);
        Assert.AreEqual("Ministry of Health", sources[_base + "/gov/press-release"].Item.GetText("publisher"));

        var brief = sources[_base + "/policy/brief"];
        Assert.AreEqual("A national strategy, now", brief.Item.Title, "the redirect was followed");
        Assert.Contains("opinion", brief.Note!);

        Assert.AreEqual("Review of state programmes", sources[_base + "/reports/review"].Item.Title, "broken markup, the <title> still read");

        var gone = sources[_base + "/gone"];
        Assert.AreEqual("a report that has since been taken down", gone.Item.Title);
        Assert.IsNotNull(gone.Item.Accessed);
        Assert.Contains("could not be fetched", gone.Note!);
        Assert.Contains("LNK0201", error);
        Assert.IsTrue(sources.Values.All(s => s.Note!.StartsWith("Suggested by citations extract", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task Extract_ThenReportThenCheckThenApaBibliography_EndToEnd()
    {
        var apa = RepoPaths.RequireShared(Path.Combine(RepoPaths.SharedCsl, "styles", "apa.csl"));
        var extract = await RunAsync("extract", _base + "/article.html", "--allow-private", "-o", "article.json", "--text", "article.txt");
        Assert.AreEqual(0, extract.Exit, extract.Error);

        var report = await RunAsync("report", "article.json", "--text", "article.txt", "--bibliography", "--style", apa);
        var check = await RunAsync("check", "article.json", "--allow-private", "--no-db", "--no-archives", "--retries", "0");

        Assert.AreEqual(0, report.Exit, report.Error);
        Assert.Contains("Unreviewed claims", report.Out);
        Assert.Contains("5 claims suggested by a tool and not yet reviewed", report.Out);
        Assert.Contains("6 sources suggested by a tool and not yet reviewed", report.Out);
        Assert.Contains("Smith, A., & Lee, M. (2022). Naloxone distribution and rural overdose mortality. Journal of Tests, 12(3), 101–115.", report.Out);
        Assert.AreEqual(1, check.Exit, "the gone page is broken: " + check.Out + check.Error);
        Assert.Contains("/gone", check.Out);
    }

    [TestMethod]
    public async Task Extract_FootnoteReference_SentenceCitesTheNotesLink()
    {
        var (exit, _, error) = await RunAsync("extract", _base + "/article.html", "--allow-private", "-o", "article.json");

        Assert.AreEqual(0, exit, error);
        var article = Read("article.json");
        var claim = article.FindClaim("claim-2-2")!;
        Assert.AreEqual(_base + "/reports/review", article.FindSource(claim.Evidence.Single().SourceId)!.Item.Url);
    }

    [TestMethod]
    public async Task Extract_MarkdownFile_LinksAndFootnotesEachPageFetchedOnce()
    {
        File.WriteAllText(Path.Combine(_folder, "article.md"), File.ReadAllText(Path.Combine(Site, "article.md")).Replace("{{BASE}}", _base, StringComparison.Ordinal));
        var before = Hits.GetValueOrDefault("/journal/naloxone");

        var (exit, output, error) = await RunAsync("extract", "article.md", "--allow-private");

        Assert.AreEqual(0, exit, error);
        var article = ArticleJson.Read(output, "stdout").Value!;
        Assert.AreEqual("Markdown article on tests", article.Metadata.Title);
        CollectionAssert.AreEqual(new[] { "claim-1-1", "claim-2-1" }, article.Claims.Select(c => c.Id).ToArray());
        Assert.AreEqual(ClaimKind.Statistic, article.Claims[0].Kind);
        Assert.AreEqual(ClaimKind.Factual, article.Claims[1].Kind);
        Assert.AreEqual("Naloxone distribution and rural overdose mortality", article.FindSource(article.Claims[1].Evidence[0].SourceId)!.Item.Title);
        Assert.AreEqual(before + 1, Hits.GetValueOrDefault("/journal/naloxone"));
    }

    [TestMethod]
    public async Task Extract_NoFetch_MinimalItemsAndNoRequests()
    {
        File.WriteAllText(Path.Combine(_folder, "article.md"), File.ReadAllText(Path.Combine(Site, "article.md")).Replace("{{BASE}}", _base + "/nofetch", StringComparison.Ordinal));

        var (exit, output, error) = await RunAsync("extract", "article.md", "--no-fetch");

        Assert.AreEqual(0, exit, error);
        var article = ArticleJson.Read(output, "stdout").Value!;
        Assert.HasCount(2, article.Sources);
        Assert.AreEqual("data", article.Sources[0].Item.Title);
        Assert.IsFalse(Hits.Keys.Any(k => k.StartsWith("/nofetch", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task Extract_PrivateAddressWithoutAllowPrivate_ExitTwoNamingTheUrl()
    {
        var (exit, _, error) = await RunAsync("extract", _base + "/article.html");

        Assert.AreEqual(2, exit);
        Assert.Contains("LNK0202", error);
        Assert.Contains(_base + "/article.html", error);
        Assert.DoesNotContain("   at ", error);
    }

    [TestMethod]
    public async Task Extract_MissingFile_ExitTwo()
    {
        var (exit, _, error) = await RunAsync("extract", "missing.html");

        Assert.AreEqual(2, exit);
        Assert.Contains("missing.html", error);
    }

    /// <summary>
    /// The tool as built in its own folder: the copy in the test's folder runs with the test's dependency list, which
    /// leaves out assemblies the ASP.NET Core framework of the test server provides (System.Threading.RateLimiting).
    /// </summary>
    private static string ToolPath
    {
        get
        {
            var testFolder = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var path = Path.Combine(RepoPaths.Root, "src", "Citations.Cli", "bin", testFolder.Parent!.Name, testFolder.Name, "Citations.Cli.dll");
            Assert.IsTrue(File.Exists(path), $"{path} is missing: build src/Citations.Cli");
            return path;
        }
    }

    /// <summary>Extracts the served article into article.json and article.txt, and reads both back.</summary>
    private async Task<(Article Article, ArticleText Text)> ExtractServedArticleAsync()
    {
        var (exit, _, error) = await RunAsync("extract", _base + "/article.html", "--allow-private", "-o", "article.json", "--text", "article.txt");
        Assert.AreEqual(0, exit, error);
        return (Read("article.json"), ArticleText.Parse(File.ReadAllText(Path.Combine(_folder, "article.txt")), ParagraphBreaks.BlankLine));
    }

    private Article Read(string file)
    {
        var read = ArticleJson.Read(File.ReadAllText(Path.Combine(_folder, file)), file);
        Assert.IsTrue(read.Success, string.Join("\n", read.Diagnostics));
        return read.Value!;
    }

    /// <summary>The real tool as a process, on the loopback-only resolver with a fixed connectivity probe.</summary>
    private async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["CITATIONS_LINKS_RESOLVER"] = "loopback";
        start.Environment["CITATIONS_LINKS_PROBE"] = "offline";
        start.ArgumentList.Add(ToolPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (args[0] == "extract")
        {
            start.ArgumentList.Add("--doi-cache");
            start.ArgumentList.Add(Path.Combine(_folder, "dois"));
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
