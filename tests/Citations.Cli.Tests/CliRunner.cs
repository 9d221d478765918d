using System.Diagnostics;
using Citations.Cli.Commands;
using Citations.Links.Checking;
using Citations.Tests.TestSupport;

namespace Citations.Cli.Tests;

/// <summary>Runs the tool in-process (fast, for most tests) or as a real process (for what only a process shows).</summary>
internal static class CliRunner
{
    public sealed record Outcome(int ExitCode, string Out, string Error);

    /// <summary>
    /// The environment every test gives the tool: the link checker's network seam set to resolve only loopback names
    /// and to take itself for offline, so no test ever asks DNS for a name outside the machine.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>
    {
        [LinkCheckerBuilder.ResolverVariable] = "loopback",
        [LinkCheckerBuilder.ProbeVariable] = "offline",
    };

    /// <summary>Reads <see cref="Environment"/>, for <see cref="CliContext.EnvironmentVariable"/>.</summary>
    public static string? EnvironmentVariable(string name) => Environment.GetValueOrDefault(name);

    public static Task<Outcome> RunAsync(params string[] args) => RunInAsync(RepoPaths.Root, args);

    public static async Task<Outcome> RunInAsync(string workingDirectory, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var context = new CliContext(output, error, workingDirectory, IsTerminal: false) { EnvironmentVariable = EnvironmentVariable };

        var code = await CliApp.RunAsync(args, context);

        return new Outcome(code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// The tool as its own project built it, beside its own dependencies: the copy in the test's output folder would
    /// take this test project's framework references (ASP.NET Core, for the test servers) for granted and miss
    /// assemblies the tool ships itself.
    /// </summary>
    private static string CliAssembly { get; } = FindCli();

    public static Task<Outcome> RunProcessAsync(CancellationToken cancellationToken, params string[] args)
        => RunProcessInAsync(RepoPaths.Root, cancellationToken, args);

    public static async Task<Outcome> RunProcessInAsync(string workingDirectory, CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }

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
