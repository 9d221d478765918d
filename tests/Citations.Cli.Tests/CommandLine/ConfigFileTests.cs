using System.Text.Json;
using Citations.Cli.Commands;
using Citations.Cli.CommandLine;
using Citations.Cli.Tests.TestSupport;
using Citations.Links.Checking;
using Citations.Links.Http;
using Citations.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Citations.Cli.Tests.CommandLine;

/// <summary>
/// The configuration file of <c>citations check</c>: found in the working folder or named with <c>--config</c>, each
/// precedence rule (command line over file over defaults), the diagnostics of a file that cannot be used, and the schema.
/// </summary>
[TestClass]
public sealed class ConfigFileTests
{
    private static WebApplication _server = null!;
    private static string _base = null!;
    private string _folder = null!;

    [ClassInitialize]
    public static async Task StartServerAsync(TestContext context)
    {
        _server = await LoopbackKestrel.StartAsync(async http =>
        {
            if (http.Request.Path != "/data" && http.Request.Path != "/report")
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
    public void CreateFolder()
    {
        _folder = Directory.CreateTempSubdirectory("citations-config-").FullName;
        Write("urls.txt", $"{_base}/data\n{_base}/report\n");
    }

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, true);

    private async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var context = new CliContext(output, error, _folder, IsTerminal: false) { ConfigureLinkChecker = b => b.WithHostResolver(HostResolver.LoopbackOnly) };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var exit = await CliApp.RunAsync(["check", "urls.txt", "--allow-private", "--no-archives", "--no-db", .. args], context, timeout.Token);
        return (exit, output.ToString(), error.ToString());
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder, name), text);

    private static bool IsJson(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.TryGetProperty("summary", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [TestMethod]
    public async Task Check_NoFileNoOption_DefaultApplies()
    {
        var (exit, output, error) = await RunAsync();

        Assert.AreEqual(0, exit, error);
        StringAssert.StartsWith(output, "2 link(s) checked: 2 alive", "the default format is text");
    }

    [TestMethod]
    public async Task Check_OptionInFoundFile_FileOverDefault()
    {
        Write("citations.json", """{"check": {"format": "json"}}""");

        var (exit, output, error) = await RunAsync();

        Assert.AreEqual(0, exit, error);
        Assert.IsTrue(IsJson(output), output);
    }

    [TestMethod]
    public async Task Check_OptionOnCommandLineAndInFile_CommandLineOverFile()
    {
        Write("citations.json", """{"check": {"format": "json"}}""");

        var (exit, output, error) = await RunAsync("--format", "text");

        Assert.AreEqual(0, exit, error);
        StringAssert.StartsWith(output, "2 link(s) checked: 2 alive");
    }

    [TestMethod]
    public async Task Check_ListOnCommandLineAndInFile_CommandLineListReplacesFileList()
    {
        Write("citations.json", """{"check": {"exclude": ["/data$"]}}""");

        var (exit, output, error) = await RunAsync("--exclude", "/report$", "--verbose");

        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(output, $"alive         {_base}/data", "the file's pattern is replaced, not added to");
        Assert.IsFalse(output.Contains("/report", StringComparison.Ordinal), output);
        StringAssert.Contains(output, "1 link(s) left out by --exclude/--include.");
    }

    [TestMethod]
    public async Task Check_FlagInFile_FileOverDefault()
    {
        Write("citations.json", """{"check": {"quiet": true, "no-archives": false}}""");

        var (exit, output, error) = await RunAsync("--verbose");

        Assert.AreEqual(2, exit, "quiet from the file meets --verbose from the command line: " + output);
        StringAssert.Contains(error, "--quiet and --verbose contradict each other.");
    }

    [TestMethod]
    public async Task Check_ConfigOption_NamedFileOverFoundFile()
    {
        Write("citations.json", """{"check": {"format": "json"}}""");
        Write("team.json", """{"check": {"format": "markdown"}}""");

        var (exit, output, error) = await RunAsync("--config", "team.json");

        Assert.AreEqual(0, exit, error);
        StringAssert.StartsWith(output, "# ", "the Markdown report: " + output);
    }

    [TestMethod]
    public async Task Check_NoConfigOption_FoundFileIgnored()
    {
        Write("citations.json", """{"check": {"format": "json"}}""");

        var (exit, output, error) = await RunAsync("--no-config");

        Assert.AreEqual(0, exit, error);
        StringAssert.StartsWith(output, "2 link(s) checked");
    }

    [TestMethod]
    public async Task Check_FoundFileIsACitationsArray_Ignored()
    {
        Write("citations.json", """[[{"id": "journal"}]]""");

        var (exit, output, error) = await RunAsync();

        Assert.AreEqual(0, exit, error);
        StringAssert.StartsWith(output, "2 link(s) checked", "format's citations file is not a configuration");
    }

    [TestMethod]
    public async Task Check_NamedFileIsAnArray_Exit2()
    {
        Write("team.json", "[]");

        var (exit, _, error) = await RunAsync("--config", "team.json");

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "team.json(1,1): fatal CLI0005:");
    }

    [TestMethod]
    public async Task Check_NamedFileMissing_Exit2()
    {
        var (exit, output, error) = await RunAsync("--config", "nowhere.json");

        Assert.AreEqual(2, exit);
        Assert.AreEqual(string.Empty, output);
        StringAssert.Contains(error, "configuration file nowhere.json: not found.");
    }

    [TestMethod]
    public async Task Check_SyntaxError_Exit2WithFileLineAndColumn()
    {
        Write("citations.json", "{\n  \"check\": {\n    \"quiet\": tru\n  }\n}\n");

        var (exit, output, error) = await RunAsync();

        Assert.AreEqual(2, exit);
        Assert.AreEqual(string.Empty, output, "nothing was checked");
        StringAssert.StartsWith(error, "citations.json(3,17): fatal CIT0001: Invalid JSON: 'tru\\x0a  }\\x0a}\\x0a' is an invalid JSON literal.", "one line, at the end of the bad literal");
        StringAssert.Contains(error, "nothing was done");
    }

    [TestMethod]
    public async Task Check_UnknownOption_Exit2WithItsLocation()
    {
        Write("citations.json", "{\n  \"check\": {\n    \"quiet\": true,\n    \"max-agee\": \"1d\"\n  }\n}\n");

        var (exit, _, error) = await RunAsync();

        Assert.AreEqual(2, exit);
        StringAssert.StartsWith(error, "citations.json(4,5): fatal CLI0006: \"check\" has no option \"max-agee\"");
    }

    [TestMethod]
    public async Task Check_ValueOfTheWrongKind_Exit2WithItsLocation()
    {
        Write("citations.json", "{\"check\": {\"exclude\": [{\"pattern\": \"x\"}]}}");

        var (exit, _, error) = await RunAsync();

        Assert.AreEqual(2, exit);
        StringAssert.StartsWith(error, "citations.json(1,23): fatal CLI0007: \"exclude\" takes a string or an array of strings.");
    }

    [TestMethod]
    public async Task Check_ValueTheOptionRefuses_Exit2WithItsLocation()
    {
        Write("citations.json", "{\n  \"check\": {\n    \"max-age\": \"soon\"\n  }\n}\n");

        var (exit, _, error) = await RunAsync();

        Assert.AreEqual(2, exit);
        StringAssert.StartsWith(error, "citations.json(3,16): fatal CLI0007: --max-age: 'soon' is not a duration");
    }

    [TestMethod]
    public async Task Check_BadValueOnCommandLineGoodInFile_CommandLineReported()
    {
        Write("citations.json", """{"check": {"max-age": "1d"}}""");

        var (exit, _, error) = await RunAsync("--max-age", "soon");

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "citations check: --max-age: 'soon' is not a duration");
        Assert.IsFalse(error.Contains("citations.json(", StringComparison.Ordinal), error);
    }

    /// <summary>Checks page.md (one absolute link, one relative) alone, not urls.txt.</summary>
    private async Task<(int Exit, string Out, string Error)> RunPageAsync(params string[] args)
    {
        Write("page.md", $"See [data]({_base}/data) and [the report](report).\n");
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var context = new CliContext(output, error, _folder, IsTerminal: false) { ConfigureLinkChecker = b => b.WithHostResolver(HostResolver.LoopbackOnly) };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var exit = await CliApp.RunAsync(["check", "page.md", "--allow-private", "--no-archives", "--no-db", .. args], context, timeout.Token);
        return (exit, output.ToString(), error.ToString());
    }

    [TestMethod]
    public async Task Check_NoBaseUrl_RelativeLinkLeftOut()
    {
        var (exit, output, error) = await RunPageAsync();

        Assert.AreEqual(0, exit, error);
        StringAssert.StartsWith(output, "1 link(s) checked: 1 alive");
    }

    [TestMethod]
    public async Task Check_BaseUrlInFile_FileOverDefault()
    {
        Write("citations.json", "{\"check\": {\"base-url\": \"" + _base + "/\"}}");

        var (exit, output, error) = await RunPageAsync("--verbose");

        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(output, $"alive         {_base}/report", "the relative link was resolved against the file's base URL");
        StringAssert.Contains(output, "2 link(s) checked: 2 alive");
    }

    [TestMethod]
    public async Task Check_BaseUrlOnCommandLineAndInFile_CommandLineOverFile()
    {
        Write("citations.json", """{"check": {"base-url": "http://127.0.0.1:9/elsewhere/"}}""");

        var (exit, output, error) = await RunPageAsync("--base-url", _base + "/");

        Assert.AreEqual(0, exit, error + output);
        StringAssert.Contains(output, "2 link(s) checked: 2 alive");
    }

    [TestMethod]
    [DataRow("news.example/articles/")]
    [DataRow("ftp://news.example/")]
    [DataRow("/articles/")]
    public async Task Check_BadBaseUrlOnCommandLine_Exit2NamingTheOption(string url)
    {
        var (exit, output, error) = await RunPageAsync("--base-url", url);

        Assert.AreEqual(2, exit);
        Assert.AreEqual(string.Empty, output, "nothing was checked");
        StringAssert.Contains(error, $"--base-url: '{url}' is not an absolute http or https URL (such as https://example.org/articles/).");
    }

    [TestMethod]
    public async Task Check_BadBaseUrlInFile_Exit2WithItsLocation()
    {
        Write("citations.json", "{\"check\": {\"base-url\": \"articles/\"}}");

        var (exit, _, error) = await RunPageAsync();

        Assert.AreEqual(2, exit);
        StringAssert.StartsWith(error, "citations.json(1,24): fatal CLI0007: --base-url: 'articles/' is not an absolute http or https URL");
    }

    [TestMethod]
    public void Schema_SampleConfiguration_Valid()
    {
        var schema = MiniJsonSchema.Load(Path.Combine(RepoPaths.Schemas, "citations.schema.json"));
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "samples", "Configuration", "citations.json")));

        var errors = schema.Validate(sample.RootElement);

        Assert.IsEmpty(errors, string.Join("\n", errors));
    }

    [TestMethod]
    public void Schema_ConfigurationWithAWrongValue_Invalid()
    {
        var schema = MiniJsonSchema.Load(Path.Combine(RepoPaths.Schemas, "citations.schema.json"));
        using var config = JsonDocument.Parse("""{"check": {"concurrency": 0, "quiet": "yes", "max-agee": "1d"}}""");

        var errors = schema.Validate(config.RootElement);

        Assert.HasCount(3, errors, string.Join("\n", errors));
    }

    [TestMethod]
    public async Task Schema_SampleConfiguration_AcceptedByTheTool()
    {
        File.Copy(Path.Combine(RepoPaths.Root, "samples", "Configuration", "citations.json"), Path.Combine(_folder, "citations.json"));

        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, _folder, IsTerminal: false)
        {
            ConfigureLinkChecker = b => b.WithHostResolver(HostResolver.LoopbackOnly).WithConnectivityProbe(ConnectivityProbe.Fixed(false)),
            EnvironmentVariable = name => name == "EXAMPLE_API_TOKEN" ? "token" : null,
        };
        var exit = await CliApp.RunAsync(["check", "urls.txt", "--no-archives"], context);

        Assert.AreEqual(0, exit, error.ToString());
        Assert.IsTrue(File.Exists(Path.Combine(_folder, "links.json")), "the sample's json option was used");
    }

    [TestMethod]
    public void Schema_CheckSection_NamesEveryOptionOfTheCommand()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Schemas, "citations.schema.json")));
        var inSchema = schema.RootElement.GetProperty("properties").GetProperty("check").GetProperty("properties")
            .EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        var maxInputSize = CliOptions.MaxInputSize();
        var command = new CheckCommand(maxInputSize);

        var options = command.Definition.Options.Append(maxInputSize).Select(o => o.Name)
            .Where(n => n is not ("--config" or "--no-config" or "--help"))
            .Select(n => n[2..]).Order(StringComparer.Ordinal).ToList();

        CollectionAssert.AreEqual(options, inSchema, $"command: {string.Join(", ", options)}\nschema: {string.Join(", ", inSchema)}");
    }
}
