using Citations.Diagnostics;
using Citations.Links.Checking;
using Citations.Links.Lookup;

namespace Citations.Cli.Commands;

/// <summary>What a command may use of the outside world: its output streams, working directory and environment.</summary>
/// <param name="Out">Standard output (through an <see cref="EscapingWriter"/> while a command runs).</param>
/// <param name="Error">Standard error (through an <see cref="EscapingWriter"/> while a command runs).</param>
/// <param name="WorkingDirectory">The directory relative paths are resolved against.</param>
/// <param name="IsTerminal">Whether standard output is an interactive terminal (live progress displays).</param>
internal sealed record CliContext(TextWriter Out, TextWriter Error, string WorkingDirectory, bool IsTerminal)
{
    /// <summary>
    /// Changes the link checker <c>citations check</c> builds, after the command line is applied; <see langword="null"/>
    /// in the real tool. Tests use it to put the checker on a stubbed network (a resolver and a connectivity probe).
    /// </summary>
    public Action<LinkCheckerBuilder>? ConfigureLinkChecker { get; init; }

    /// <summary>
    /// Changes the options of the DOI lookups of <c>format</c> and <c>convert</c>, after the command line is applied;
    /// <see langword="null"/> in the real tool. Tests use it for short timeouts and waits.
    /// </summary>
    public Action<DoiLookupOptions>? ConfigureDoiLookup { get; init; }

    /// <summary>The width of the terminal in columns, when <see cref="IsTerminal"/>.</summary>
    /// <value>Defaults to 80.</value>
    public int TerminalWidth { get; init; } = 80;

    /// <summary>Resolves a path given on the command line.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(path, WorkingDirectory);

    /// <summary>Writes diagnostics to standard error, one a line (<c>file(line,column) path: severity CODE: message</c>).</summary>
    /// <param name="diagnostics">The diagnostics.</param>
    /// <param name="withInfo">Whether to write the informational ones too.</param>
    public async Task WriteDiagnosticsAsync(IEnumerable<Diagnostic> diagnostics, bool withInfo = true)
    {
        foreach (var diagnostic in diagnostics)
        {
            if (withInfo || diagnostic.Severity != DiagnosticSeverity.Info)
            {
                await Error.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Standard output as given, without escaping, for a live progress display (which writes its own terminal control
    /// sequences and escapes what it shows); <see cref="Out"/> when not set.
    /// </summary>
    public TextWriter? ProgressOutput { get; init; }

    /// <summary>
    /// Reads an environment variable (header values named <c>$VAR</c>, the network seam);
    /// <see cref="Environment.GetEnvironmentVariable(string)"/> in the real tool. Tests give their own, so they never
    /// change the process's environment.
    /// </summary>
    public Func<string, string?> EnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;
}
