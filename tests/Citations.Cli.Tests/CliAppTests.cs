using System.Reflection;
using System.Text.RegularExpressions;

namespace Citations.Cli.Tests;

/// <summary>What every command shares: the parser, help, version and the exit codes for a wrong command line.</summary>
[TestClass]
public sealed class CliAppTests
{
    [TestMethod]
    public async Task Version_InformationalVersionWithTheCommit()
    {
        var outcome = await CliRunner.RunAsync("--version");

        Assert.AreEqual(0, outcome.ExitCode);
        var expected = typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.AreEqual(expected + "\n", outcome.Out);
        Assert.MatchesRegex(new Regex(@"^\d+\.\d+\.\d+[^+]*\+[0-9a-f]{7,40}$"), expected, "the version names the commit it was built from");
    }

    [TestMethod]
    public async Task NoArguments_OverviewOnStandardErrorExit2()
    {
        var outcome = await CliRunner.RunAsync();

        Assert.AreEqual(2, outcome.ExitCode);
        Assert.AreEqual(string.Empty, outcome.Out);
        Assert.Contains("\n  check <PATH>", outcome.Error);
    }

    [TestMethod]
    [DataRow("report")]
    [DataRow("check")]
    [DataRow("format")]
    [DataRow("convert")]
    public async Task HelpCommand_SameAsTheCommandsHelpOption(string command)
    {
        var viaHelp = await CliRunner.RunAsync("help", command);
        var viaOption = await CliRunner.RunAsync(command, "--help");
        var viaShort = await CliRunner.RunAsync(command, "-h");

        Assert.AreEqual(0, viaHelp.ExitCode);
        Assert.AreEqual(viaOption.Out, viaHelp.Out);
        Assert.AreEqual(viaOption.Out, viaShort.Out);
        Assert.Contains($"citations {command} ", viaHelp.Out);
        Assert.Contains("Exit codes:", viaHelp.Out);
    }

    [TestMethod]
    public async Task HelpCommand_UnknownCommand_Exit2()
    {
        var outcome = await CliRunner.RunAsync("help", "nope");

        Assert.AreEqual(2, outcome.ExitCode);
        Assert.AreEqual("citations help: unknown command 'nope'. Run 'citations --help' for the commands.\n", outcome.Error);
    }

    [TestMethod]
    public async Task Options_SpaceAndEqualsForms_SameResult()
    {
        var spaced = await CliRunner.RunAsync("report", "seeds/article.json", "--format", "markdown");
        var joined = await CliRunner.RunAsync("report", "seeds/article.json", "--format=markdown");
        var shortForm = await CliRunner.RunAsync("report", "-f", "markdown", "seeds/article.json");

        Assert.AreEqual(0, spaced.ExitCode, spaced.Error);
        Assert.AreEqual(spaced.Out, joined.Out);
        Assert.AreEqual(spaced.Out, shortForm.Out);
    }

    [TestMethod]
    public async Task AtSign_IsAFileNameNotAResponseFile()
    {
        var outcome = await CliRunner.RunAsync("report", "@no-such-options.json");

        Assert.AreEqual(2, outcome.ExitCode);
        Assert.StartsWith("@no-such-options.json: fatal CIT0011", outcome.Error);
    }

    [TestMethod]
    public async Task UnknownTopLevelOption_Exit2()
    {
        var outcome = await CliRunner.RunAsync("--colour");

        Assert.AreEqual(2, outcome.ExitCode);
        Assert.AreEqual("citations: unknown option '--colour'. Run 'citations --help' for the commands.\n", outcome.Error);
    }
}
