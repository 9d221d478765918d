using System.Diagnostics;
using System.Text;

namespace Citations.Csl.Reference;

/// <summary>What a finished child process left behind.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="StandardOutput">Everything it wrote to standard output (UTF-8).</param>
/// <param name="StandardError">Everything it wrote to standard error (UTF-8).</param>
/// <param name="Elapsed">Wall-clock time from start to exit.</param>
public sealed record ChildProcessResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed);

/// <summary>Runs one child process to completion with a time limit, capturing its output.</summary>
public static class ChildProcess
{
    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/> and waits for it.</summary>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments, passed without shell quoting.</param>
    /// <param name="timeout">How long it may run; it is killed (with its children) after that.</param>
    /// <param name="environment">Extra environment variables.</param>
    /// <param name="workingDirectory">The working directory, or the current one.</param>
    /// <exception cref="TimeoutException">The process ran out of time.</exception>
    public static ChildProcessResult Run(string fileName, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{fileName} {string.Join(' ', info.ArgumentList)} did not finish within {timeout.TotalSeconds:0} s and was stopped.");
        }

        process.WaitForExit();
        stopwatch.Stop();
        return new ChildProcessResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult(), stopwatch.Elapsed);
    }
}
