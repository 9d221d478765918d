using Citations.Cli.Commands;
using Citations.Cli.Tests.TestSupport;
using Citations.Links.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Citations.Cli.Tests.Commands;

/// <summary>
/// The options that shape what <c>citations check</c> requests: <c>--exclude</c>/<c>--include</c>, <c>--accept</c>,
/// <c>--header</c> (with a secret from the environment), <c>--remap</c>, <c>--host-interval</c>; against a loopback server.
/// </summary>
[TestClass]
public sealed class CheckOptionsTests
{
    private const string Secret = "s3cret-token-4711";
    private static WebApplication _server = null!;
    private static string _base = null!;
    private static int _port;
    private string _folder = null!;

    [ClassInitialize]
    public static async Task StartServerAsync(TestContext context)
    {
        _server = await LoopbackKestrel.StartAsync(async http =>
        {
            switch (http.Request.Path.Value)
            {
                case "/data" or "/other":
                    break;
                case "/forbidden":
                    http.Response.StatusCode = 403;
                    return;
                case "/private" when http.Request.Headers["X-Token"] == Secret:
                    break;
                case "/private":
                    http.Response.StatusCode = 401;
                    return;
                case "/to-localhost":
                    // The same server under another host name: a header for 127.0.0.1 must not follow the redirect.
                    http.Response.StatusCode = 302;
                    http.Response.Headers.Location = $"http://localhost:{_port}/private";
                    return;
                default:
                    http.Response.StatusCode = 404;
                    return;
            }

            http.Response.ContentType = "text/html";
            await http.Response.WriteAsync("<html><head><title>Data</title></head><body><p>More than 76,000 deaths.</p></body></html>");
        });
        _base = LoopbackKestrel.BaseOf(_server);
        _port = new Uri(_base).Port;
    }

    [ClassCleanup]
    public static async Task StopServerAsync() => await _server.DisposeAsync();

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("citations-options-").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, true);

    private async Task<(int Exit, string Out, string Error)> RunAsync(string urls, params string[] args)
    {
        File.WriteAllText(Path.Combine(_folder, "urls.txt"), urls);
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var context = new CliContext(output, error, _folder, IsTerminal: false)
        {
            ConfigureLinkChecker = b => b.WithHostResolver(HostResolver.LoopbackOnly),
            EnvironmentVariable = name => name == "CITED_TOKEN" ? Secret : null,
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var exit = await CliApp.RunAsync(["check", "urls.txt", "--allow-private", "--no-archives", "--no-db", "--verbose", .. args], context, timeout.Token);
        return (exit, output.ToString(), error.ToString());
    }

    [TestMethod]
    public async Task Check_ExcludeByHostPattern_LinkLeftOutAndCounted()
    {
        var (exit, output, error) = await RunAsync($"{_base}/data\nhttp://localhost:{_port}/missing\n", "--exclude", "^localhost$");

        Assert.AreEqual(0, exit, output + error);
        StringAssert.Contains(output, "1 link(s) checked: 1 alive");
        StringAssert.Contains(output, "1 link(s) left out by --exclude/--include.");
        Assert.IsFalse(output.Contains("/missing", StringComparison.Ordinal), output);
    }

    [TestMethod]
    public async Task Check_IncludeAndExclude_OnlyIncludedNotExcludedChecked()
    {
        var (exit, output, error) = await RunAsync($"{_base}/data\n{_base}/other\n{_base}/missing\n", "--include", "/(data|other)$", "--exclude", "other");

        Assert.AreEqual(0, exit, output + error);
        StringAssert.Contains(output, "1 link(s) checked: 1 alive");
        StringAssert.Contains(output, "2 link(s) left out by --exclude/--include.");
    }

    [TestMethod]
    public async Task Check_InvalidPattern_Exit2NamingTheOption()
    {
        var (exit, output, error) = await RunAsync($"{_base}/data\n", "--exclude", "(unclosed");

        Assert.AreEqual(2, exit);
        Assert.AreEqual(string.Empty, output);
        StringAssert.Contains(error, "--exclude: '(unclosed' is not a regular expression");
    }

    [TestMethod]
    public async Task Check_403WithoutAccept_Blocked()
    {
        var (exit, output, _) = await RunAsync($"{_base}/forbidden\n");

        Assert.AreEqual(0, exit);
        StringAssert.Contains(output, "1 blocked");
    }

    [TestMethod]
    public async Task Check_403Accepted_Alive()
    {
        var (exit, output, error) = await RunAsync($"{_base}/forbidden\n", "--accept", "401,403-404");

        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(output, "1 link(s) checked: 1 alive");
    }

    [TestMethod]
    public async Task Check_AcceptOutOfRange_Exit2()
    {
        var (exit, _, error) = await RunAsync($"{_base}/data\n", "--accept", "200-700");

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "--accept: '200-700' is not a list of status codes");
    }

    [TestMethod]
    public async Task Check_HeaderFromEnvironment_SentAndNeverPrinted()
    {
        var (exit, output, error) = await RunAsync($"{_base}/private\n", "--header", "127.0.0.1:X-Token=$CITED_TOKEN", "--json", "links.json", "--markdown", "links.md");

        Assert.AreEqual(0, exit, output + error);
        StringAssert.Contains(output, "1 link(s) checked: 1 alive");
        foreach (var text in new[] { output, error, File.ReadAllText(Path.Combine(_folder, "links.json")), File.ReadAllText(Path.Combine(_folder, "links.md")) })
        {
            Assert.IsFalse(text.Contains(Secret, StringComparison.Ordinal), text);
        }
    }

    [TestMethod]
    public async Task Check_HeaderWithEnvPrefix_Sent()
    {
        var (exit, output, error) = await RunAsync($"{_base}/private\n", "--header", "127.0.0.1:X-Token=env:CITED_TOKEN");

        Assert.AreEqual(0, exit, output + error);
        StringAssert.Contains(output, "1 alive");
    }

    [TestMethod]
    public async Task Check_HeaderForAnotherHost_NotSentAfterARedirect()
    {
        var (exit, output, error) = await RunAsync($"{_base}/private\n{_base}/to-localhost\n", "--header", "127.0.0.1:X-Token=$CITED_TOKEN");

        Assert.AreEqual(0, exit, output + error);
        StringAssert.Contains(output, "1 alive, 1 blocked", "localhost got no token and answered 401");
    }

    [TestMethod]
    public async Task Check_HeaderVariableNotSet_Exit2NamingTheVariableOnly()
    {
        var (exit, _, error) = await RunAsync($"{_base}/private\n", "--header", "127.0.0.1:X-Token=$NOT_SET_ANYWHERE");

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "--header 127.0.0.1:X-Token: the environment variable NOT_SET_ANYWHERE is not set.");
    }

    [TestMethod]
    public async Task Check_MalformedHeader_Exit2WithoutTheValue()
    {
        var (exit, _, error) = await RunAsync($"{_base}/private\n", "--header", "no-colon-" + Secret);

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "--header: a header is HOST:NAME=VALUE");
        Assert.IsFalse(error.Contains(Secret, StringComparison.Ordinal), error);
    }

    [TestMethod]
    public async Task Check_Remap_ReplacementCheckedAndCitedUrlKept()
    {
        var (exit, output, error) = await RunAsync($"{_base}/old/data\n", "--remap", @"/old/(\w+)$ /$1", "--json", "links.json");

        Assert.AreEqual(0, exit, output + error);
        StringAssert.Contains(output, $"alive         {_base}/data");
        var json = File.ReadAllText(Path.Combine(_folder, "links.json"));
        StringAssert.Contains(json, $"\"url\": \"{_base}/old/data\"", "the citation keeps the URL as cited");
    }

    [TestMethod]
    public async Task Check_HostIntervalOverADay_Exit2NamingTheLimit()
    {
        var (exit, _, error) = await RunAsync($"{_base}/data\n", "--host-interval", "2d");

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "--host-interval: '2d' is out of range");
    }

    [TestMethod]
    public async Task Check_HostIntervalZero_Checked()
    {
        var (exit, output, error) = await RunAsync($"{_base}/data\n{_base}/other\n", "--host-interval", "0");

        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(output, "2 link(s) checked: 2 alive");
    }
}
