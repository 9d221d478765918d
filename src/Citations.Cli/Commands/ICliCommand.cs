using System.CommandLine;

namespace Citations.Cli.Commands;

/// <summary>One command of the tool: its definition for the command-line parser, and what it does.</summary>
/// <remarks>A command is built for one run; its options are fields, read from the <see cref="ParseResult"/>.</remarks>
internal interface ICliCommand
{
    /// <summary>The command's name, description, arguments and options.</summary>
    Command Definition { get; }

    /// <summary>What the help prints after the options: value syntaxes, and the command's exit codes.</summary>
    string HelpNotes { get; }

    /// <summary>Runs the command on a command line that parsed. Returns an exit code of <see cref="ExitCodes"/>.</summary>
    /// <exception cref="UsageException">The options contradict each other (exit code 2).</exception>
    /// <exception cref="InputException">An input cannot be read at all (exit code 2).</exception>
    Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken);
}

/// <summary>A command whose options can also come from the configuration file (<see cref="CommandLine.ConfigFile"/>).</summary>
internal interface IConfigurableCommand : ICliCommand
{
    /// <summary><c>--config FILE</c>: the configuration file to read instead of <c>citations.json</c> in the working directory.</summary>
    Option<string?> ConfigOption { get; }

    /// <summary><c>--no-config</c>: read no configuration file.</summary>
    Option<bool> NoConfigOption { get; }
}
