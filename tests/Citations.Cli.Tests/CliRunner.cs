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
        var tool = BuiltTool();
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

    /// <summary>
    /// The tool as its own project built it (src/Citations.Cli/bin/CONFIGURATION/TFM): the copy in the test's output
    /// runs with the test's framework references (ASP.NET Core), not with the tool's own dependencies.
    /// </summary>
    private static string BuiltTool()
    {
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var tool = Path.Combine(RepoPaths.Root, "src", "Citations.Cli", "bin", output.Parent!.Name, output.Name, "Citations.Cli.dll");
        Assert.IsTrue(File.Exists(tool), $"the tool is built by the test project's reference: {tool}");
        return tool;
    }

    private static string Quoted(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public static async Task<Outcome> RunProcessAsync(CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Citations.Cli.dll"));
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
}
