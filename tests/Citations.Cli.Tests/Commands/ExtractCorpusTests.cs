using System.Diagnostics;
using Citations.Serialization;
using Citations.Tests.ArticleCorpus;
using Citations.Tests.TestSupport;

namespace Citations.Cli.Tests.Commands;

/// <summary>
/// The hand-marked article corpus (<c>tests/Citations.Links.Tests/Articles/Corpus</c>) through the real tool, one
/// process per article: <c>citations extract URL</c> against the corpus site on 127.0.0.1 (cited pages fetched with the
/// tool's defaults: two requests at a time per host, 250 ms apart; DOIs looked up at the site's loopback resolver), and
/// <c>citations extract FILE --no-fetch</c> on the same articles saved as files. Asserts the issue's targets on what
/// the tool wrote; writes the per-article table, with each process's wall-clock time, to the test output.
/// </summary>
[TestClass]
public sealed class ExtractCorpusTests
{
    private static CorpusSite _site = null!;
    private string _folder = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task StartSiteAsync(TestContext context) => _site = await CorpusSite.StartAsync();

    [ClassCleanup]
    public static async Task StopSiteAsync() => await _site.DisposeAsync();

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("citations-corpus-").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, true);

    [TestMethod]
    public async Task ExtractUrl_EveryCorpusArticle_MeetsTheIssueTargets()
    {
        var (scores, times) = await RunCorpusAsync(marked => ["extract", $"{_site.Address}/articles/{marked.Name}", "--allow-private",
            "--doi-resolver", _site.DoiResolver.AbsoluteUri, "--doi-cache", Path.Combine(_folder, "dois")]);

        var table = ArticleScore.Table(scores, times);
        TestContext.WriteLine("citations extract URL --allow-private --doi-resolver SITE/doi/ (one process per article)");
        TestContext.WriteLine(table);
        var totals = ArticleScore.Totals(scores);
        Assert.AreEqual(totals.MarkedSources, totals.FoundSources, table);
        Assert.IsGreaterThanOrEqualTo(0.9, totals.Recall, table);
        Assert.IsGreaterThanOrEqualTo(0.9, totals.Precision, table);
        Assert.IsGreaterThanOrEqualTo(0.95, totals.TitleShare, table);
    }

    [TestMethod]
    public async Task ExtractFileNoFetch_EveryCorpusArticle_SameClaimsAndTargetsWithoutARequest()
    {
        var (scores, times) = await RunCorpusAsync(marked =>
        {
            var file = Path.Combine(_folder, marked.Name);
            File.WriteAllText(file, CorpusSite.Fill(File.ReadAllText(Path.Combine(CorpusSite.Folder, "articles", marked.Name)), _site.Address));
            return ["extract", file, "--no-fetch"];
        });

        var table = ArticleScore.Table(scores, times);
        TestContext.WriteLine("citations extract FILE --no-fetch (one process per article; titles are link texts, so the title figures do not apply)");
        TestContext.WriteLine(table);
        var totals = ArticleScore.Totals(scores);
        Assert.AreEqual(totals.MarkedSources, totals.FoundSources, "saved pages name where they were published, so relative links resolve\n" + table);
        Assert.IsGreaterThanOrEqualTo(0.9, totals.Recall, table);
        Assert.IsGreaterThanOrEqualTo(0.9, totals.Precision, table);
    }

    private async Task<(List<ArticleScore> Scores, Dictionary<string, TimeSpan> Times)> RunCorpusAsync(Func<MarkedArticle, string[]> arguments)
    {
        var pages = MarkedPages.Read();
        var scores = new List<ArticleScore>();
        var times = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var marked in MarkedArticle.All())
        {
            var output = Path.Combine(_folder, marked.Name + ".json");
            var clock = Stopwatch.StartNew();
            var (exit, error) = await RunAsync([.. arguments(marked), "-o", output]);
            times[marked.Name] = clock.Elapsed;
            Assert.AreEqual(0, exit, marked.Name + ": " + error);
            var read = ArticleJson.Read(await File.ReadAllTextAsync(output, TestContext.CancellationToken), output);
            Assert.IsTrue(read.Success, string.Join("\n", read.Diagnostics));
            scores.Add(ArticleScore.Of(marked, pages, read.Value!, _site.Address));
        }

        return (scores, times);
    }

    /// <summary>The tool as built in its own folder (see <see cref="ExtractCommandTests"/>).</summary>
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

    /// <summary>The real tool as a process, on the loopback-only resolver with a fixed connectivity probe.</summary>
    private async Task<(int Exit, string Error)> RunAsync(string[] args)
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

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.CancellationToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await stdout;
        return (process.ExitCode, await stderr);
    }
}
