using Citations.Links.Checking;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Citations.Cli.Tests.Commands;

/// <summary>
/// The progress of <c>citations check</c> as a person or a CI log sees it: the built tool run as a process, on a
/// pseudo-terminal (so the console wiring itself is covered) and on a pipe, against a loopback server whose pages answer
/// slowly. The tool runs with the network seam: the loopback resolver and an offline probe.
/// </summary>
[TestClass]
public sealed class CheckProgressTests
{
    private const int Pages = 12;
    private static WebApplication _server = null!;
    private static string _base = null!;
    private string _folder = null!;

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
            // Pages /slow/p1 … /slow/p12 answer after 300 ms; any other path (the soft-404 probe's random one, /slow/gone) is a 404.
            await Task.Delay(300, http.RequestAborted);
            var name = http.Request.Path.Value ?? string.Empty;
            if (!name.StartsWith("/slow/p", StringComparison.Ordinal) || !int.TryParse(name["/slow/p".Length..], out var n) || n is < 1 or > Pages)
            {
                http.Response.StatusCode = 404;
                return;
            }

            http.Response.ContentType = "text/html";
            await http.Response.WriteAsync($"<html><head><title>Page {n}</title></head><body><p>Page number {n} of the slow site.</p></body></html>");
        });
        await _server.StartAsync();
        _base = _server.Urls.First().TrimEnd('/');
    }

    [ClassCleanup]
    public static async Task StopServerAsync() => await _server.DisposeAsync();

    [TestInitialize]
    public void CreateFolder()
    {
        _folder = Directory.CreateTempSubdirectory("citations-progress-").FullName;
        var urls = Enumerable.Range(1, Pages).Select(n => $"{_base}/slow/p{n}").Append($"{_base}/slow/gone");
        File.WriteAllText(Path.Combine(_folder, "urls.txt"), string.Join('\n', urls) + "\n");
    }

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, true);

    private static Dictionary<string, string> Environment(string? term = "xterm-256color") => new()
    {
        [LinkCheckerBuilder.ResolverVariable] = "loopback",
        [LinkCheckerBuilder.ProbeVariable] = "offline",
        ["TERM"] = term ?? string.Empty,
        ["NO_COLOR"] = string.Empty,
    };

    [TestMethod]
    public async Task Check_OnATerminal_LiveBarRedrawnInPlaceThenFinalCounts()
    {
        if (!HasScript())
        {
            return;
        }

        var outcome = await CliRunner.RunStreamingAsync(Environment(), _folder, terminal: true, TestContext.CancellationToken,
            "check", "urls.txt", "--allow-private", "--no-db", "--no-archives", "--concurrency", "2");

        var output = outcome.Out;
        Assert.AreEqual(1, outcome.ExitCode, output + outcome.Error);
        StringAssert.Contains(output, "\u001b[?25l", "the cursor is hidden while the display is live");
        StringAssert.Contains(output, "\u001b[2A", "the display moves the cursor up to redraw its three lines in place");
        StringAssert.Contains(output, "checking links");
        StringAssert.Contains(output, "█", "the bar is drawn");
        StringAssert.Contains(output, "now: 127.0.0.1:", "the hosts being checked are shown");
        StringAssert.Contains(output, $"{Pages + 1}/{Pages + 1}  100%", "the last frame shows every link done");
        StringAssert.Contains(output, $"{Pages} alive, 1 gone", "the counts by verdict");
        StringAssert.Contains(output, "gone          " + _base + "/slow/gone (HTTP 404)", "the problem is printed above the display");
        StringAssert.Contains(output, $"{Pages + 1} link(s) checked: {Pages} alive, 1 gone; 1 broken", "the summary follows the display");
        Assert.IsTrue(output.IndexOf("done in", StringComparison.Ordinal) < output.IndexOf("link(s) checked", StringComparison.Ordinal), "the summary comes after the last frame");
    }

    [TestMethod]
    public async Task Check_OnATerminalQuiet_NoLiveDisplay()
    {
        if (!HasScript())
        {
            return;
        }

        var outcome = await CliRunner.RunStreamingAsync(Environment(), _folder, terminal: true, TestContext.CancellationToken,
            "check", "urls.txt", "--allow-private", "--no-db", "--no-archives", "--concurrency", "4", "--quiet");

        Assert.AreEqual(1, outcome.ExitCode, outcome.Out + outcome.Error);
        // (.NET itself may switch the terminal's keypad mode, ESC [?1h: not a display.)
        Assert.IsFalse(outcome.Out.Contains("\u001b[2A", StringComparison.Ordinal) || outcome.Out.Contains('█', StringComparison.Ordinal), outcome.Out);
        StringAssert.Contains(outcome.Out, $"{Pages + 1} link(s) checked");
    }

    [TestMethod]
    public async Task Check_OnAPipe_PlainProgressLinesWrittenWholeAsTheyCome()
    {
        var outcome = await CliRunner.RunStreamingAsync(Environment(), _folder, terminal: false, TestContext.CancellationToken,
            "check", "urls.txt", "--allow-private", "--no-db", "--no-archives", "--concurrency", "2", "--progress-interval", "0.2s");

        var output = outcome.Out;
        Assert.AreEqual(1, outcome.ExitCode, output + outcome.Error);
        Assert.IsFalse(output.Contains('\u001b', StringComparison.Ordinal), "no terminal control on a pipe: " + output);
        foreach (var chunk in outcome.Chunks)
        {
            Assert.IsTrue(chunk.EndsWith('\n'), $"every write is whole lines, but a read of the pipe ended inside one: '{chunk}'");
        }

        Assert.IsTrue(outcome.Chunks.Count >= 2, "lines arrive as they are written, not all at exit: " + outcome.Chunks.Count);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var progress = lines.Where(l => l.StartsWith("progress: ", StringComparison.Ordinal)).ToList();
        Assert.IsNotEmpty(progress, output);
        StringAssert.Matches(progress[0], new System.Text.RegularExpressions.Regex($@"^progress: \d+ of {Pages + 1} checked \(\d+%\), \d+\.\d/s"));
        StringAssert.Contains(lines[^1], $"{Pages + 1} link(s) checked: {Pages} alive, 1 gone");
        Assert.AreEqual(1, lines.Count(l => l.StartsWith("gone ", StringComparison.Ordinal)), "the problem line, once");
    }

    [TestMethod]
    public async Task Check_OnAPipeVerbose_ALinePerResult()
    {
        var outcome = await CliRunner.RunStreamingAsync(Environment(), _folder, terminal: false, TestContext.CancellationToken,
            "check", "urls.txt", "--allow-private", "--no-db", "--no-archives", "--concurrency", "8", "--verbose");

        Assert.AreEqual(1, outcome.ExitCode, outcome.Out + outcome.Error);
        var lines = outcome.Out.Split('\n');
        Assert.AreEqual(Pages, lines.Count(l => l.StartsWith("alive ", StringComparison.Ordinal)), outcome.Out);
        Assert.AreEqual(1, lines.Count(l => l.StartsWith("gone ", StringComparison.Ordinal)), outcome.Out);
    }

    /// <summary>util-linux <c>script</c> makes the pseudo-terminal; under CI its absence is a failure, not a skip.</summary>
    private static bool HasScript()
    {
        var found = (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(d => File.Exists(Path.Combine(d, "script")));
        if (!found && string.Equals(System.Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail("util-linux 'script' is needed to run the tool on a pseudo-terminal (apt-get install util-linux).");
        }

        if (!found)
        {
            Assert.Inconclusive("util-linux 'script' is not installed: the terminal test cannot run.");
        }

        return found;
    }
}
