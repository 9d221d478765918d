using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Reflection;
using Citations.Cli.CommandLine;
using Citations.Cli.Commands;
using Citations.Diagnostics;

namespace Citations.Cli;

/// <summary>
/// The tool's command line: builds the commands (one System.CommandLine tree for all of them), parses, and runs the
/// chosen command under the exit-code contract of <see cref="ExitCodes"/>. Separate from <c>Program</c> so tests can
/// run it in-process.
/// </summary>
internal static class CliApp
{
    /// <summary>The width help text is wrapped to, whatever the terminal, so that it reads the same everywhere.</summary>
    private const int HelpWidth = 100;

    /// <summary>Runs the tool on a command line and returns the exit code.</summary>
    /// <param name="args">The arguments after the program name.</param>
    /// <param name="context">The streams and working directory.</param>
    /// <param name="cancellationToken">Cancels the command (Ctrl-C).</param>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        // Everything printed goes through the escaping writers: inputs appear in diagnostics, reports and bibliographies.
        var output = new EscapingWriter(context.Out);
        var error = new EscapingWriter(context.Error);
        context = context with { Out = output, Error = error, ProgressOutput = context.ProgressOutput ?? context.Out };
        try
        {
            return await RunEscapedAsync(args, context, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Even when cancelled: what was printed is flushed.
            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await error.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task<int> RunEscapedAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var (root, commands) = Build(context);
        var invocation = new InvocationConfiguration
        {
            Output = context.Out,
            Error = context.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        if (args.Length == 0)
        {
            // No command: the overview, on standard error since nothing was done.
            await root.Parse(["--help"]).InvokeAsync(new InvocationConfiguration { Output = context.Error }, cancellationToken).ConfigureAwait(false);
            return ExitCodes.NothingDone;
        }

        // '@file' stays a file name: the tool has no response files.
        var parser = new ParserConfiguration { ResponseFileTokenReplacer = null };
        var parse = root.Parse(args, parser);
        if (parse.Errors.Count > 0 && parse.Action is not { ClearsParseErrors: true })
        {
            await WriteParseErrorsAsync(parse, args, context).ConfigureAwait(false);
            return ExitCodes.NothingDone;
        }

        if (parse.Action is not { ClearsParseErrors: true } && commands.TryGetValue(parse.CommandResult.Command, out var chosen) && chosen is IConfigurableCommand configurable)
        {
            if (await WithConfigFileAsync(parse, args, configurable, root, parser, context).ConfigureAwait(false) is not { } configured)
            {
                return ExitCodes.NothingDone;
            }

            parse = configured;
        }

        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug, whatever the input: one line, and a code no correct run gives.
            await context.Error.WriteLineAsync($"citations: internal error: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.InternalError;
        }
    }

    /// <summary>
    /// Adds the options of the configuration file that the command line does not give (command line over file over
    /// defaults) and parses again; <see langword="null"/> (the problem written) when the file cannot be used.
    /// </summary>
    private static async Task<ParseResult?> WithConfigFileAsync(ParseResult parse, string[] args, IConfigurableCommand command, Command root, ParserConfiguration parser, CliContext context)
    {
        var name = command.Definition.Name;
        var given = parse.GetValue(command.ConfigOption);
        if (given is not null && parse.GetValue(command.NoConfigOption))
        {
            await context.Error.WriteLineAsync($"citations {name}: --config and --no-config contradict each other.").ConfigureAwait(false);
            return null;
        }

        var path = given is not null ? context.ResolvePath(given)
            : parse.GetValue(command.NoConfigOption) ? null
            : Path.Combine(context.WorkingDirectory, ConfigFile.DefaultName);
        if (path is null || (given is null && !File.Exists(path)))
        {
            return parse;
        }

        var shown = given ?? ConfigFile.DefaultName;
        var (bytes, problem) = ConfigFile.Load(path);
        if (bytes is null)
        {
            await context.Error.WriteLineAsync($"citations {name}: configuration file {shown}: {problem}.").ConfigureAwait(false);
            return null;
        }

        var read = ConfigFile.Read(bytes, shown, command.Definition, root.Options.Where(o => o.Recursive), found: given is null);
        if (read.Value is not { } entries)
        {
            await context.WriteDiagnosticsAsync(read.Diagnostics).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"citations {name}: the configuration file {shown} cannot be used (see above); nothing was done.").ConfigureAwait(false);
            return null;
        }

        var fromFile = entries.Where(e => parse.GetResult(e.Option) is null or { Implicit: true }).ToList();
        if (fromFile.Count == 0)
        {
            return parse;
        }

        // The file's words go right after the command's name, before any '--'.
        var at = Array.IndexOf(args, name) + 1;
        var merged = root.Parse([.. args[..at], .. fromFile.SelectMany(e => e.Words), .. args[at..]], parser);
        if (merged.Errors.Count == 0)
        {
            return merged;
        }

        foreach (var error in merged.Errors.DistinctBy(e => e.Message))
        {
            var entry = fromFile.FirstOrDefault(e => error.SymbolResult is OptionResult option && option.Option == e.Option);
            await context.Error.WriteLineAsync(entry is null
                ? $"citations {name}: {error.Message}"
                : new Diagnostic(DiagnosticSeverity.Fatal, CliDiagnosticCodes.InvalidConfigValue, error.Message, entry.Location).ToString()).ConfigureAwait(false);
        }

        await context.Error.WriteLineAsync($"citations {name}: the configuration file {shown} cannot be used (see above); nothing was done.").ConfigureAwait(false);
        return null;
    }

    private static (Command Root, Dictionary<Command, ICliCommand> Commands) Build(CliContext context)
    {
        var maxInputSize = CliOptions.MaxInputSize();
        ICliCommand[] commands = [new ReportCommand(maxInputSize), new CheckCommand(maxInputSize), new FormatCommand(maxInputSize), new ConvertCommand(maxInputSize), new HistoryCommand(), new RunReportCommand(), new ExtractCommand(maxInputSize), new ReanchorCommand(maxInputSize), new ExportCommand(maxInputSize)];
        // Not a RootCommand: that one is named after the executable (Citations.Cli, or a test host); the tool is "citations".
        var root = new Command("citations", "claim-coverage reports, bibliographies in any CSL style, and checks that cited links still work")
        {
            new HelpOption(), new VersionOption(), maxInputSize,
        };
        var notes = new Dictionary<Command, string>();
        foreach (var command in commands)
        {
            var definition = command.Definition;
            notes[definition] = command.HelpNotes;
            definition.SetAction((parse, cancellationToken) => RunCommandAsync(command, parse, context, cancellationToken));
            root.Subcommands.Add(definition);
        }

        var topic = new Argument<string?>("COMMAND") { Description = "the command to explain", Arity = ArgumentArity.ZeroOrOne };
        var help = new Command("help", "show the help of the tool, or of one command") { topic };
        help.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(topic);
            var target = root.Parse(name is null ? ["--help"] : [name, "--help"]);
            if (name is not null && target.CommandResult.Command == root)
            {
                await context.Error.WriteLineAsync($"citations help: unknown command '{name}'. Run 'citations --help' for the commands.").ConfigureAwait(false);
                return ExitCodes.NothingDone;
            }

            return await target.InvokeAsync(parse.InvocationConfiguration, cancellationToken).ConfigureAwait(false);
        });
        root.Subcommands.Add(help);

        foreach (var option in root.Options)
        {
            if (option is HelpOption { Action: HelpAction builtIn } helpOption)
            {
                builtIn.MaxWidth = HelpWidth;
                helpOption.Action = new HelpWithNotes(builtIn, notes);
            }
            else if (option is VersionOption version)
            {
                version.Action = new PrintVersion();
            }
        }

        return (root, commands.ToDictionary(c => c.Definition));
    }

    private static async Task<int> RunCommandAsync(ICliCommand command, ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await command.RunAsync(parse, context, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await context.Error.WriteLineAsync($"citations {command.Definition.Name}: {e.Message}").ConfigureAwait(false);
            await context.Error.WriteLineAsync($"Run 'citations {command.Definition.Name} --help' for the options.").ConfigureAwait(false);
            return ExitCodes.NothingDone;
        }
        catch (InputException e)
        {
            await context.Error.WriteLineAsync($"citations {command.Definition.Name}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.NothingDone;
        }
        catch (CitationsException e)
        {
            // The library's exceptions are about input and the world (a history database that cannot be opened), not bugs.
            await context.Error.WriteLineAsync($"citations {command.Definition.Name}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.NothingDone;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync($"citations {command.Definition.Name}: cancelled; nothing was written.").ConfigureAwait(false);
            return ExitCodes.NothingDone;
        }
    }

    private static async Task WriteParseErrorsAsync(ParseResult parse, string[] args, CliContext context)
    {
        var command = parse.CommandResult.Command;
        if (command == parse.RootCommandResult.Command)
        {
            var first = args[0];
            await context.Error.WriteLineAsync(first.StartsWith('-')
                ? $"citations: unknown option '{first}'. Run 'citations --help' for the commands."
                : $"citations: unknown command '{first}'. Run 'citations --help' for the commands.").ConfigureAwait(false);
            return;
        }

        // An unknown option also leaves the words after it unmatched: name the option, not them.
        var messages = parse.Errors.Select(e => e.Message).Distinct(StringComparer.Ordinal).ToList();
        if (messages.Any(m => m.StartsWith("unknown option", StringComparison.Ordinal)))
        {
            messages.RemoveAll(m => !m.StartsWith("unknown option", StringComparison.Ordinal));
        }

        foreach (var message in messages)
        {
            await context.Error.WriteLineAsync($"citations {command.Name}: {message}").ConfigureAwait(false);
        }

        await context.Error.WriteLineAsync($"Run 'citations {command.Name} --help' for the options.").ConfigureAwait(false);
    }

    /// <summary>The built-in help, followed by the command's notes (value syntaxes, exit codes).</summary>
    private sealed class HelpWithNotes(HelpAction builtIn, IReadOnlyDictionary<Command, string> notes) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            builtIn.Invoke(parseResult);
            var command = parseResult.CommandResult.Command;
            var output = parseResult.InvocationConfiguration.Output;
            output.Write(notes.TryGetValue(command, out var note) ? note : RootNotes);
            return ExitCodes.Success;
        }

        private const string RootNotes = """
            Run 'citations help COMMAND' or 'citations COMMAND --help' for a command's options.
            Exit codes (every command): 0 nothing to look at; 1 problems found (errors in an input, broken links,
            a style or locale unavailable offline); 2 nothing done (wrong command line, an input that cannot be
            read at all); 70 internal error (a bug: please report it).

            """;
    }

    /// <summary>Prints the tool's informational version, which names the commit it was built from.</summary>
    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var assembly = typeof(CliApp).Assembly;
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                          ?? assembly.GetName().Version?.ToString() ?? "unknown";
            parseResult.InvocationConfiguration.Output.WriteLine(version);
            return ExitCodes.Success;
        }
    }
}
