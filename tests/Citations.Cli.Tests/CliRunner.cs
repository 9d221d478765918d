using System.Diagnostics;
using Citations.Cli.Commands;
using Citations.Tests.TestSupport;

namespace Citations.Cli.Tests;

/// <summary>Runs the tool in-process (fast, for most tests) or as a real process (for what only a process shows).</summary>
internal static class CliRunner
{
    public sealed record Outcome(int ExitCode, string Out, string Error);

    public static async Task<Outcome> RunAsync(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var context = new CliContext(output, error, RepoPaths.Root, IsTerminal: false);

        var code = await CliApp.RunAsync(args, context);

        return new Outcome(code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// The tool as its own project built it, beside its own dependencies: the copy in the test's output folder would
    /// take this test project's framework references (ASP.NET Core, for the test servers) for granted and miss
    /// assemblies the tool ships itself.
    /// </summary>
    private static string CliAssembly { get; } = FindCli();

    public static async Task<Outcome> RunProcessAsync(CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliAssembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Outcome(process.ExitCode, await stdout, await stderr);
    }

    private static string FindCli()
    {
        // tests/Citations.Cli.Tests/bin/CONFIGURATION/TFM/ → src/Citations.Cli/bin/CONFIGURATION/TFM/
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var own = Path.Combine(RepoPaths.Root, "src", "Citations.Cli", "bin", output.Parent!.Name, output.Name, "Citations.Cli.dll");
        return File.Exists(own) ? own : Path.Combine(AppContext.BaseDirectory, "Citations.Cli.dll");
    }
}
