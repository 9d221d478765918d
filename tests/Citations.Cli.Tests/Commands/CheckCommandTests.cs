using System.Text.Json;
using Citations.Cli.Commands;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

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
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.Run(async http =>
        {
            if (http.Request.Path != "/report" && http.Request.Path != "/data")
            {
                http.Response.StatusCode = 404;
                return;
            }

            http.Response.ContentType = "text/html";
            await http.Response.WriteAsync("<html><head><title>Data</title></head><body><p>More than 76,000 deaths.</p></body></html>");
        });
        await _server.StartAsync();
        _base = _server.Urls.First().TrimEnd('/');
    }

    [ClassCleanup]
    public static async Task StopServerAsync() => await _server.DisposeAsync();

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("citations-cli-").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, true);

    private async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, _folder, IsTerminal: false);
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

    [TestMethod]
    [DataRow(new[] { "check" })]
    [DataRow(new[] { "check", "x.txt", "--max-age", "soon" })]
    [DataRow(new[] { "check", "x.txt", "--bogus" })]
    [DataRow(new[] { "check", "x.txt", "--concurrency", "0" })]
    [DataRow(new[] { "check", "no-such-file.txt" })]
    [DataRow(new[] { "check", "x.txt", "--db", "a.db", "--no-db" })]
    public async Task Check_UsageError_Exit2WithMessage(string[] args)
    {
        Write("x.txt", "https://a.example/\n");

        var (exit, _, error) = await RunAsync(args);

        Assert.AreEqual(2, exit);
        StringAssert.StartsWith(error, "citations check: ");
    }

    [TestMethod]
    [DataRow("30s", 30)]
    [DataRow("15m", 900)]
    [DataRow("12h", 43200)]
    [DataRow("2d", 172800)]
    [DataRow("00:01:30", 90)]
    [DataRow("0", 0)]
    public void ParseDuration_Forms_Seconds(string text, int seconds)
    {
        Assert.AreEqual(TimeSpan.FromSeconds(seconds), CheckCommand.ParseDuration("--max-age", text));
    }
}
