using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Xml.Linq;
using Citations.Cli.Commands;
using Citations.Cli.Tests.TestSupport;
using Citations.Links.Checking;
using Citations.Links.Http;
using Citations.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Citations.Cli.Tests.Commands;

[TestClass]
public sealed class CheckCommandTests
{
    private static WebApplication _server = null!;
    private static string _base = null!;
    private string _folder = null!;

    [ClassInitialize]
    public static async Task StartServerAsync(TestContext context)
    {
        _server = await LoopbackKestrel.StartAsync(async http =>
        {
            if (http.Request.Path != "/report" && http.Request.Path != "/data")
            {
                http.Response.StatusCode = 404;
                return;
            }

            http.Response.ContentType = "text/html";
            await http.Response.WriteAsync("<html><head><title>Data</title></head><body><p>More than 76,000 deaths.</p></body></html>");
        });
        _base = LoopbackKestrel.BaseOf(_server);
    }

    [ClassCleanup]
    public static async Task StopServerAsync() => await _server.DisposeAsync();

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("citations-cli-").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, true);

    private Task<(int Exit, string Out, string Error)> RunAsync(params string[] args) => RunAsync(null, args);

    private async Task<(int Exit, string Out, string Error)> RunAsync(Action<LinkCheckerBuilder>? configure, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var context = new CliContext(output, error, _folder, IsTerminal: false) { ConfigureLinkChecker = configure, EnvironmentVariable = CliRunner.EnvironmentVariable };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var exit = await CliApp.RunAsync(args, context, timeout.Token);
        return (exit, output.ToString(), error.ToString());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [TestMethod]
    public async Task Check_PageNoLongerLikeItsCitedTitle_ReportedAndFailsOnlyWithFailOnChange()
    {
        var file = Write("refs.json", $$"""[{"id": "moved", "type": "webpage", "title": "Opioid overdose deaths by state", "URL": "{{_base}}/data"}]""");

        var (exit, _, error) = await RunAsync("check", file, "--allow-private", "--no-archives", "--no-db", "--json", "out.json");
        var (failing, _, _) = await RunAsync("check", file, "--allow-private", "--no-archives", "--no-db", "--fail-on-change");

        Assert.AreEqual(0, exit, error);
        Assert.Contains("1 page(s) no longer resemble the title they are cited under", error);
        Assert.AreEqual(1, failing);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "out.json")));
        var result = report.RootElement.GetProperty("results")[0];
        Assert.IsTrue(result.GetProperty("changed").GetBoolean());
        Assert.AreEqual("Data", result.GetProperty("content").GetProperty("titleMatch").GetProperty("pageTitle").GetString());
        Assert.AreEqual(1, report.RootElement.GetProperty("summary").GetProperty("titleChanged").GetInt32());
    }

    [TestMethod]
    public async Task Check_AllLinksAlive_Exit0AndReports()
    {
        var file = Write("urls.txt", $"{_base}/report\n{_base}/data\n");

        var (exit, output, _) = await RunAsync("check", file, "--allow-private", "--no-archives", "--json", "out.json", "--markdown", "out.md", "--junit", "out.xml");

        Assert.AreEqual(0, exit, output);
        StringAssert.Contains(output, "2 link(s) checked: 2 alive");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "out.json")));
        Assert.AreEqual(2, json.RootElement.GetProperty("summary").GetProperty("total").GetInt32());
        Assert.IsTrue(File.Exists(Path.Combine(_folder, "out.md")));
        StringAssert.Contains(File.ReadAllText(Path.Combine(_folder, "out.xml")), "<testsuites");
        Assert.IsTrue(File.Exists(Path.Combine(_folder, "citations-links.db")), "without --db the history is kept in the working folder");
    }

    [TestMethod]
    public async Task Check_BrokenLinkInMarkdown_Exit1AndLineNamed()
    {
        var file = Write("article.md", $"See [the data]({_base}/data) and [the old page]({_base}/missing).\n");

        var (exit, output, _) = await RunAsync("check", file, "--allow-private", "--no-archives", "--no-db");

        Assert.AreEqual(1, exit);
        StringAssert.Contains(output, "gone");
        StringAssert.Contains(output, "/missing (HTTP 404)");
    }

    [TestMethod]
    public async Task Check_QuoteMissingFromPage_Exit1()
    {
        var file = Write("page.html", $"<blockquote cite=\"{_base}/data\">Fewer than 10,000 deaths.</blockquote>");

        var (exit, output, _) = await RunAsync("check", file, "--allow-private", "--no-archives", "--no-db");

        Assert.AreEqual(1, exit, output);
        StringAssert.Contains(output, "quote is no longer on the page");
    }

    [TestMethod]
    public async Task Check_PrivateAddressWithoutFlag_NotAllowedAndNothingBroken()
    {
        var file = Write("urls.txt", $"{_base}/data\n");

        var (exit, output, _) = await RunAsync("check", file, "--no-archives", "--no-db", "--json", "out.json");

        Assert.AreEqual(0, exit);
        StringAssert.Contains(output, "1 not-allowed");
    }

    [TestMethod]
    public async Task Check_SecondRunWithHistory_ReusesRecentResults()
    {
        var file = Write("refs.json", $$"""[{"id": "cdc", "type": "dataset", "URL": "{{_base}}/data"}]""");

        var first = await RunAsync("check", file, "--allow-private", "--no-archives", "--db", "links.db");
        var second = await RunAsync("check", file, "--allow-private", "--no-archives", "--db", "links.db", "--json", "out.json");

        Assert.AreEqual(0, first.Exit);
        Assert.AreEqual(0, second.Exit);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "out.json")));
        var result = json.RootElement.GetProperty("results")[0];
        Assert.IsTrue(result.GetProperty("fromHistory").GetBoolean());
        Assert.AreEqual("cdc", result.GetProperty("citations")[0].GetProperty("sourceId").GetString());
    }

    private string WriteArticle(string sources, string claims = "[]")
        => Write("article.json", $$"""
            {
              "formatVersion": 1,
              "metadata": {"id": "piece", "type": "article-newspaper", "title": "Piece"},
              "claims": {{claims}},
              "sources": {{sources}}
            }
            """);

    [TestMethod]
    public async Task Check_ArticleFile_PerSourceResultsIncludingNotCheckable()
    {
        var file = WriteArticle(
            $$$$"""
            [
              {"class": "primaryData", "item": {"id": "data", "type": "dataset", "URL": "{{{{_base}}}}/data", "accessed": {"date-parts": [[2025, 3, 1]]}}},
              {"class": "news", "item": {"id": "old", "type": "webpage", "URL": "{{{{_base}}}}/missing"}},
              {"class": "advocacyOrThinkTank", "item": {"id": "brief", "type": "report", "title": "Brief"}}
            ]
            """,
            """
            [{"id": "c1", "kind": "statistic", "text": "Deaths passed 76,000.", "anchor": {"paragraph": 1, "selector": {"exact": "76,000"}},
              "evidence": [{"source": "data", "relation": "citesAsDataSource", "quote": "More than 76,000 deaths"}, {"source": "brief", "relation": "citesAsEvidence"}]}]
            """);

        var (exit, output, error) = await RunAsync("check", file, "--allow-private", "--no-archives", "--no-db", "--json", "out.json", "--junit", "out.xml", "--markdown", "out.md");

        Assert.AreEqual(1, exit, output + error);
        StringAssert.Contains(output, "sources:\n  brief  not-checkable  no URL or DOI\n  data   alive          " + _base + "/data\n  old    gone           " + _base + "/missing\n");
        StringAssert.Contains(output, "1 source(s) not checkable (no URL or DOI): brief.");
        StringAssert.Contains(error, "info LNK0002: Source 'brief' cites no URL or DOI");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "out.json")));
        var sources = json.RootElement.GetProperty("sources");
        CollectionAssert.AreEqual(new[] { "brief:not-checkable", "data:alive", "old:gone" },
            sources.EnumerateArray().Select(s => s.GetProperty("sourceId").GetString() + ":" + s.GetProperty("status").GetString()).ToArray());
        var data = json.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("url").GetString()!.EndsWith("/data", StringComparison.Ordinal));
        Assert.IsTrue(data.GetProperty("content").GetProperty("quotes")[0].GetProperty("found").GetBoolean(), "the evidence quote was looked for and found");
        Assert.AreEqual("2025-03-01", data.GetProperty("citations")[0].GetProperty("accessed").GetString());
        var junitSources = XDocument.Load(Path.Combine(_folder, "out.xml")).Root!.Elements("testsuite").Single(s => s.Attribute("name")!.Value == "sources");
        Assert.AreEqual("not checkable: no URL or DOI", junitSources.Elements("testcase").First().Element("skipped")!.Attribute("message")!.Value);
        StringAssert.Contains(File.ReadAllText(Path.Combine(_folder, "out.md")), "| brief | not checkable: no URL or DOI | Brief |");
    }

    [TestMethod]
    public async Task Check_ArticleWithUnnamedJsonExtensionlessFile_DetectedByContent()
    {
        var article = File.ReadAllText(WriteArticle($$$"""[{"class": "primaryData", "item": {"id": "data", "type": "dataset", "URL": "{{{_base}}}/data"}}]"""));
        var file = Write("ARTICLE", article);

        var (exit, output, error) = await RunAsync("check", file, "--allow-private", "--no-archives", "--no-db");

        Assert.AreEqual(0, exit, output + error);
        StringAssert.Contains(output, "  data  alive");
    }

    [TestMethod]
    public async Task Check_MalformedArticle_Exit2WithFileAndLineAndNothingChecked()
    {
        Write("bad.json", "{\n  \"formatVersion\": 1,\n  \"sources\": [\n    {\"class\": , \"item\": {\"id\": \"x\", \"type\": \"webpage\", \"URL\": \"" + _base + "/data\"}}\n  ]\n}\n");

        var (exit, output, error) = await RunAsync("check", "bad.json", "--allow-private", "--no-archives", "--json", "out.json");

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "bad.json(4,");
        StringAssert.Contains(error, "citations check: bad.json could not be read (see above); nothing was checked.");
        Assert.AreEqual(string.Empty, output);
        Assert.IsFalse(File.Exists(Path.Combine(_folder, "out.json")));
        Assert.IsFalse(File.Exists(Path.Combine(_folder, "citations-links.db")), "no history is opened for a bad file");
    }

    [TestMethod]
    public async Task Check_ArticleCitingMissingSource_Exit1WithLineAndTheRestChecked()
    {
        var file = WriteArticle(
            $$$"""[{"class": "primaryData", "item": {"id": "data", "type": "dataset", "URL": "{{{_base}}}/data"}}]""",
            """[{"id": "c1", "kind": "factual", "text": "X.", "anchor": {"paragraph": 1, "selector": {"exact": "X"}}, "evidence": [{"source": "nowhere", "relation": "citesAsEvidence"}]}]""");

        var (exit, output, error) = await RunAsync("check", file, "--allow-private", "--no-archives", "--no-db");

        Assert.AreEqual(1, exit, output + error);
        StringAssert.Contains(error, "nowhere");
        StringAssert.Matches(error, new System.Text.RegularExpressions.Regex(@"article\.json\(\d+,\d+\)"));
        StringAssert.Contains(output, "1 link(s) checked: 1 alive");
    }

    [TestMethod]
    public async Task Check_CslJsonWithOneInvalidItem_Exit1ItReportedAndTheOthersChecked()
    {
        var file = Write("refs.json", $$"""
            [
              {"id": "data", "type": "dataset", "URL": "{{_base}}/data"},
              {"type": "webpage", "URL": "{{_base}}/report"},
              {"id": "report", "type": "report", "URL": "{{_base}}/report"}
            ]
            """);

        var (exit, output, error) = await RunAsync("check", file, "--allow-private", "--no-archives", "--no-db");

        Assert.AreEqual(1, exit, output + error);
        StringAssert.Contains(error, "refs.json(3,");
        StringAssert.Contains(error, "error CIT0004");
        StringAssert.Contains(error, "citations check: 1 error(s) in the input (listed above); the entries with errors were not checked.");
        StringAssert.Contains(output, "2 link(s) checked: 2 alive");
    }

    [TestMethod]
    public async Task Check_FormatJson_PrintsTheReportInsteadOfTheSummary()
    {
        var file = Write("urls.txt", $"{_base}/report\n");

        var (exit, output, _) = await RunAsync("check", file, "--allow-private", "--no-archives", "--no-db", "--format=json", "--markdown=out.md");

        Assert.AreEqual(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.AreEqual(1, json.RootElement.GetProperty("summary").GetProperty("total").GetInt32());
        Assert.IsTrue(File.Exists(Path.Combine(_folder, "out.md")));
    }

    [TestMethod]
    public async Task Check_UnexpectedException_OneLineInternalErrorExit70()
    {
        var file = Write("urls.txt", $"{_base}/report\n");

        var (exit, output, error) = await RunAsync(_ => throw new InvalidOperationException("boom"), "check", file, "--allow-private", "--no-archives", "--no-db");

        Assert.AreEqual(70, exit);
        Assert.AreEqual("citations: internal error: InvalidOperationException: boom\n", error);
        Assert.AreEqual(string.Empty, output);
    }

    [TestMethod]
    public async Task Check_SampleArticleOffline_UrlsInconclusiveFairBriefNotCheckableExit0()
    {
        // This machine's situation, pinned: no network at all. The resolver is a stub that fails every name (the cited
        // hosts and the probe names), so nothing leaves the process; the default archives and history stay on.
        var resolver = new OfflineResolver();
        var article = Path.Combine(RepoPaths.Seeds, "article.json");

        var (exit, output, error) = await RunAsync(
            b => b.WithHostResolver(resolver).WithConnectivityProbe(ConnectivityProbe.Dns(resolver, ConnectivityProbe.DefaultProbeHosts)),
            "check", article, "--json", "out.json");

        Assert.AreEqual(0, exit, "inconclusive is not broken: " + output + error);
        Assert.AreEqual("""
            sources:
              cbp-encounters    inconclusive   https://www.cbp.gov/newsroom/stats/nationwide-encounters
              cdc-overdose      inconclusive   https://www.cdc.gov/nchs/nvss/vsrr/drug-overdose-data.htm
              fair-china-brief  not-checkable  no URL or DOI
              unnamed-expert    not-checkable  no URL or DOI
            2 link(s) checked: 2 inconclusive; 0 broken, 0 with a missing quote, 0 rotted.
            2 source(s) not checkable (no URL or DOI): fair-china-brief, unnamed-expert.
            2 inconclusive link(s) could not be judged: the checker had no network. Inconclusive is not broken; check again online.

            """, output);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "out.json")));
        var summary = json.RootElement.GetProperty("summary");
        Assert.AreEqual(2, summary.GetProperty("verdicts").GetProperty("inconclusive").GetInt32());
        Assert.AreEqual(0, summary.GetProperty("broken").GetInt32());
        Assert.AreEqual(2, summary.GetProperty("notCheckable").GetInt32());
        CollectionAssert.Contains(resolver.Asked.ToArray(), "www.cbp.gov");
        Assert.IsTrue(resolver.Asked.All(h => h is "www.cbp.gov" or "www.cdc.gov" || ConnectivityProbe.DefaultProbeHosts.Contains(h)), string.Join(", ", resolver.Asked));
    }

    [TestMethod]
    [DataRow("refs.bib", "okafor2021")]
    [DataRow("refs.ris", "baker2023")]
    [DataRow("refs.yaml", "roe2019")]
    [DataRow("CITATION.cff", "sample-tool")]
    public async Task Check_EachBibliographyFormat_ItsItemsLinkChecked(string file, string id)
    {
        SampleBibliographies.WriteAll(_folder, _base + "/data");

        var (exit, output, error) = await RunAsync("check", file, "--allow-private", "--no-archives", "--no-db");

        Assert.AreEqual(0, exit, output + error);
        StringAssert.Contains(output, $"sources:\n  {id}  alive          {_base}/data\n");
        StringAssert.Contains(output, "1 link(s) checked: 1 alive");
    }

    [TestMethod]
    public async Task Check_MarkdownWithFrontMatter_TheLinksOfTheFrontMatterAndTheText()
    {
        SampleBibliographies.WriteAll(_folder, _base + "/data");
        File.AppendAllText(Path.Combine(_folder, "paper.md"), $"See [the report]({_base}/report).\n");

        var (exit, output, error) = await RunAsync("check", "paper.md", "--allow-private", "--no-archives", "--no-db", "--format", "json");

        Assert.AreEqual(0, exit, output + error);
        using var json = JsonDocument.Parse(output);
        CollectionAssert.AreEquivalent(new[] { _base + "/data", _base + "/report" },
            json.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("url").GetString()).ToArray());
    }

    [TestMethod]
    public async Task Check_DoisAndListsOfDois_CheckedAtTheirResolverUrls()
    {
        // Every name resolves to 127.0.0.1 and private addresses are refused: the DOIs' resolver URLs are judged
        // (not allowed, not broken) without a request leaving the machine or even reaching the loopback.
        Write("refs.doi", "10.1000/a\n# the second chapter\ndoi:10.1000/b\n");
        Write("more.txt", "https://doi.org/10.1000/c\n");

        var (exit, output, error) = await RunAsync(b => b.WithHostResolver(new LoopbackResolver()).WithConnectivityProbe(ConnectivityProbe.Fixed(true)),
            "check", "refs.doi", "more.txt", "doi:10.1000/d", "--no-archives", "--no-db", "--json", "out.json");

        Assert.AreEqual(0, exit, output + error);
        StringAssert.Contains(output, """
            sources:
              10.1000/a  not-allowed    https://doi.org/10.1000/a
              10.1000/b  not-allowed    https://doi.org/10.1000/b
              10.1000/c  not-allowed    https://doi.org/10.1000/c
              10.1000/d  not-allowed    https://doi.org/10.1000/d
            """.ReplaceLineEndings("\n"));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "out.json")));
        var origins = json.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("citations")[0].GetProperty("origin").GetString()).ToArray();
        CollectionAssert.AreEquivalent(new[] { "refs.doi:1", "refs.doi:3", "more.txt:1", "doi:10.1000/d" }, origins);
    }

    [TestMethod]
    public async Task Check_ListOfDoisWithALineThatIsNotOne_Exit1LineNamedTheOthersChecked()
    {
        Write("refs.doi", "10.1000/a\nchapter two\n");

        var (exit, output, error) = await RunAsync(b => b.WithHostResolver(new LoopbackResolver()).WithConnectivityProbe(ConnectivityProbe.Fixed(true)),
            "check", "refs.doi", "--no-archives", "--no-db");

        Assert.AreEqual(1, exit);
        StringAssert.StartsWith(error, "refs.doi(2,1): error LNK0104: 'chapter' is not a DOI");
        StringAssert.Contains(output, "10.1000/a  not-allowed");
    }

    [TestMethod]
    public async Task Check_ArticleNamingABibFile_ItsSourcesLinksChecked()
    {
        Write("sources.bib", $"@online{{cdc, title = {{Overdose deaths}}, url = {{{_base}/data}}}}\n@report{{brief, title = {{A brief}}}}\n");
        var article = WriteArticle("""[{"id": "cdc", "class": "primaryData"}, {"id": "brief", "class": "advocacyOrThinkTank"}]""");
        File.WriteAllText(article, File.ReadAllText(article).Replace("\"formatVersion\": 1,", "\"formatVersion\": 1, \"bibliography\": \"sources.bib\",", StringComparison.Ordinal));

        var (exit, output, error) = await RunAsync("check", article, "--allow-private", "--no-archives", "--no-db");

        Assert.AreEqual(0, exit, output + error);
        StringAssert.Contains(output, "sources:\n  brief  not-checkable  no URL or DOI\n  cdc    alive          " + _base + "/data\n");
    }

    /// <summary>DNS that answers 127.0.0.1 for every name, as a hostile resolver could.</summary>
    private sealed class LoopbackResolver : HostResolver
    {
        public override ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken = default)
            => new([IPAddress.Loopback]);
    }

    /// <summary>DNS on a machine with no network: every name fails.</summary>
    private sealed class OfflineResolver : HostResolver
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Asked { get; } = new();

        public override ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken = default)
        {
            Asked.Enqueue(host);
            throw new SocketException((int)SocketError.HostNotFound);
        }
    }

    [TestMethod]
    [DataRow(new[] { "check" })]
    [DataRow(new[] { "check", "x.txt", "--max-age", "soon" })]
    [DataRow(new[] { "check", "x.txt", "--bogus" })]
    [DataRow(new[] { "check", "x.txt", "--concurrency", "0" })]
    [DataRow(new[] { "check", "x.txt", "--format", "html" })]
    [DataRow(new[] { "check", "x.txt", "--db", "a.db", "--no-db" })]
    public async Task Check_UsageError_Exit2WithMessage(string[] args)
    {
        Write("x.txt", "https://a.example/\n");

        var (exit, output, error) = await RunAsync(args);

        Assert.AreEqual(2, exit);
        StringAssert.StartsWith(error, "citations check: ");
        Assert.AreEqual(string.Empty, output);
    }

    [TestMethod]
    [DataRow("no-such-file.txt", "could not be read")]
    [DataRow(".", "it is a directory")]
    public async Task Check_InputCannotBeRead_Exit2NothingChecked(string path, string message)
    {
        var (exit, output, error) = await RunAsync("check", path, "--no-db");

        Assert.AreEqual(2, exit);
        StringAssert.StartsWith(error, path + ": fatal CIT0011: ");
        StringAssert.Contains(error, message);
        StringAssert.Contains(error, "nothing was checked");
        Assert.AreEqual(string.Empty, output);
    }

    [TestMethod]
    public async Task Check_LinkInCodeBlock_SkippedUnlessIncludeVerbatim()
    {
        var file = Write("article.md", $"See [the data]({_base}/data).\n\n```sh\ncurl {_base}/missing\n```\n");

        var skipped = await RunAsync("check", file, "--allow-private", "--no-archives", "--no-db", "--json", "default.json");
        var included = await RunAsync("check", file, "--allow-private", "--no-archives", "--no-db", "--include-verbatim", "--json", "verbatim.json");

        Assert.AreEqual(0, skipped.Exit, skipped.Out + skipped.Error);
        StringAssert.Contains(skipped.Out, "1 link(s) checked: 1 alive");
        Assert.AreEqual(1, included.Exit, included.Out + included.Error);
        StringAssert.Contains(included.Out, "/missing (HTTP 404)");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "verbatim.json")));
        var citations = json.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("citations")[0]).ToList();
        CollectionAssert.AreEqual(new[] { $"{file}:1:markdown inline link", $"{file}:4:bare url" },
            citations.Select(c => $"{c.GetProperty("file").GetString()}:{c.GetProperty("line").GetInt32()}:{c.GetProperty("construct").GetString()}").ToArray());
    }

    [TestMethod]
    public async Task Check_NofollowLink_CheckedUnlessSkipNofollow()
    {
        var file = Write("page.html", $"<p><a href=\"{_base}/data\">data</a> <a rel=\"sponsored nofollow\" href=\"{_base}/missing\">ad</a></p>\n");

        var kept = await RunAsync("check", file, "--allow-private", "--no-archives", "--no-db");
        var skipped = await RunAsync("check", file, "--allow-private", "--no-archives", "--no-db", "--skip-nofollow");

        Assert.AreEqual(1, kept.Exit, kept.Out + kept.Error);
        StringAssert.Contains(kept.Out, "/missing (HTTP 404)");
        Assert.AreEqual(0, skipped.Exit, skipped.Out + skipped.Error);
        StringAssert.Contains(skipped.Out, "1 link(s) checked: 1 alive");
    }
}
