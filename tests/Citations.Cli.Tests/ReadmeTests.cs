using System.Text.RegularExpressions;
using Citations.Tests.TestSupport;

namespace Citations.Cli.Tests;

/// <summary>The README's set-up commands and quick start are what they claim to be.</summary>
[TestClass]
public sealed partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

    [TestMethod]
    public async Task MainCommand_RunsTheReportOnTheSampleArticle()
    {
        var command = SetupCommands()[0];
        const string prefix = "dotnet run --project src/Citations.Cli -- ";
        Assert.StartsWith(prefix, command);

        var outcome = await CliRunner.RunAsync(command[prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
        Assert.AreEqual(string.Empty, outcome.Error);
        Assert.Contains("15 claims: 4 backed by primary data", outcome.Out);
        Assert.Contains(outcome.Out.Split('\n')[0], Readme, "the README shows the start of the real output");
    }

    [TestMethod]
    public async Task MainCommand_EndsWithTheBibliographyTheReadmeShows()
    {
        var command = SetupCommands()[0];
        const string prefix = "dotnet run --project src/Citations.Cli -- ";
        var match = BibliographyBlock().Match(Readme);
        Assert.IsTrue(match.Success, "the README shows the bibliography the main command ends with");

        var outcome = await CliRunner.RunAsync(command[prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
        Assert.EndsWith("\n\n" + match.Groups["code"].Value.ReplaceLineEndings("\n"), outcome.Out);
    }

    [TestMethod]
    public void TestCommand_IsWhatCiRuns()
    {
        var commands = SetupCommands();

        Assert.HasCount(2, commands);
        Assert.AreEqual("./test.sh", commands[1]);
        var ci = File.ReadAllLines(Path.Combine(RepoPaths.Root, ".ci", "run"));
        Assert.Contains("set -euo pipefail", ci);
        Assert.AreEqual("exec ./test.sh", ci.Last(l => l.Trim().Length > 0));
        var script = File.ReadAllLines(Path.Combine(RepoPaths.Root, "test.sh"));
        Assert.AreEqual("dotnet test Citations.sln \"$@\"", script.Last(l => l.Trim().Length > 0 && !l.StartsWith('#')), "test.sh ends by running the whole solution's tests");
    }

    [TestMethod]
    public void QuickStart_IsTheSampleProgramWordForWord()
    {
        var match = QuickStartBlock().Match(Readme);
        Assert.IsTrue(match.Success, "the README has a ```csharp block under '## Quick start'");
        var program = File.ReadAllText(Path.Combine(RepoPaths.Root, "samples", "QuickStart", "Program.cs"));

        Assert.AreEqual(program.ReplaceLineEndings("\n").Trim(), match.Groups["code"].Value.ReplaceLineEndings("\n").Trim());
    }

    [TestMethod]
    public async Task CommandLineSection_NamesEveryCommandAndEveryOption()
    {
        var section = CommandLineSection().Match(Readme);
        Assert.IsTrue(section.Success, "the README has a '## Command line' section");
        var overview = await CliRunner.RunAsync("--help");
        var commands = CommandInOverview().Matches(overview.Out[overview.Out.IndexOf("Commands:", StringComparison.Ordinal)..]).Select(m => m.Groups["name"].Value).Where(c => c != "help").ToList();
        Assert.IsGreaterThanOrEqualTo(4, commands.Count, overview.Out);
        var missing = new List<string>();
        foreach (var command in commands)
        {
            if (!section.Value.Contains($"`citations {command}", StringComparison.Ordinal))
            {
                missing.Add($"citations {command}");
            }

            var help = await CliRunner.RunAsync(command, "--help");
            foreach (var option in OptionInHelp().Matches(help.Out).Select(m => m.Value).Distinct())
            {
                if (!OptionNamed(option).IsMatch(section.Value))
                {
                    missing.Add($"citations {command} {option}");
                }
            }
        }

        Assert.IsEmpty(missing, "the README's command-line section does not name: " + string.Join(", ", missing));
    }

    private static Regex OptionNamed(string option) => new("`[^`]*" + Regex.Escape(option) + @"(?![\w-])");

    private static List<string> SetupCommands()
    {
        var match = SetupBlock().Match(Readme);
        Assert.IsTrue(match.Success, "the README has a ```sh block under '## Set-up'");
        return match.Groups["code"].Value.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
    }

    [GeneratedRegex(@"^## Set-up\b.*?^```sh\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex SetupBlock();

    [GeneratedRegex(@"^and ends with the bibliography:\n\n```text\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex BibliographyBlock();

    [GeneratedRegex(@"^## Quick start\b.*?^```csharp\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex QuickStartBlock();

    [GeneratedRegex(@"^## Command line\n.*?(?=^## )", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CommandLineSection();

    [GeneratedRegex(@"^  (?<name>[a-z]+(?:-[a-z]+)*)(?![\w-])", RegexOptions.Multiline)]
    private static partial Regex CommandInOverview();

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z-]*")]
    private static partial Regex OptionInHelp();
}
