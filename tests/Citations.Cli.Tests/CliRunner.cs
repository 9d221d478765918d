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

    /// <summary>What a run of the tool as a process wrote on standard output, as the reads of the pipe returned it.</summary>
    /// <param name="ExitCode">The exit code.</param>
    /// <param name="Chunks">Standard output, one entry per read of the pipe (or of the terminal).</param>
    /// <param name="Error">Standard error.</param>
    public sealed record StreamedOutcome(int ExitCode, IReadOnlyList<string> Chunks, string Error)
    {
        public string Out => string.Concat(Chunks);
    }

    /// <summary>
    /// Runs the built tool as a process, with environment variables, in a folder; on a pseudo-terminal (through
    /// util-linux <c>script</c>, so that standard output is a real terminal) when <paramref name="terminal"/>.
    /// Bounded: killed after 60 seconds.
    /// </summary>
    public static async Task<StreamedOutcome> RunStreamingAsync(IReadOnlyDictionary<string, string> environment, string folder, bool terminal, CancellationToken cancellationToken, params string[] args)
    {
        var tool = CliAssembly;
        ProcessStartInfo start;
        if (terminal)
        {
            // script -q (no banner) -f (flush) -e (its exit code is the command's) -c COMMAND /dev/null: the command runs on a
            // new pseudo-terminal whose output script copies to its own standard output.
            var command = string.Join(' ', new[] { "dotnet", tool }.Concat(args).Select(Quoted));
            start = new ProcessStartInfo("script") { ArgumentList = { "-qfec", command, "/dev/null" } };
        }
        else
        {
            start = new ProcessStartInfo("dotnet") { ArgumentList = { tool } };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }
        }

        start.WorkingDirectory = folder;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var chunks = new List<string>();
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            var buffer = new byte[1 << 16];
            var stream = process.StandardOutput.BaseStream;
            // The decoder keeps a character cut by the end of a read for the next one.
            var decoder = System.Text.Encoding.UTF8.GetDecoder();
            var chars = new char[buffer.Length];
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                var count = decoder.GetChars(buffer, 0, read, chars, 0);
                chunks.Add(new string(chars, 0, count));
            }

            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new StreamedOutcome(process.ExitCode, chunks, await stderr);
    }

    private static string Quoted(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// The tool as its own project built it, beside its own dependencies: the copy in the test's output folder would
    /// take this test project's framework references (ASP.NET Core, for the test servers) for granted and miss
    /// assemblies the tool ships itself.
    /// </summary>
    private static string CliAssembly { get; } = FindCli();

    /// <summary>The built tool (<see cref="CliAssembly"/>), for tests that start and stop its processes themselves.</summary>
    public static string CliPath => CliAssembly;

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
