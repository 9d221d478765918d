using Citations.Cli.Commands;

namespace Citations.Cli;

/// <summary>Dispatches the command line to a command. Separate from <c>Program</c> so tests can run it in-process.</summary>
internal static class CliApp
{
    /// <summary>Every command, in the order the help lists them.</summary>
    private static ICliCommand[] Commands() =>
    [
        new ReportCommand(),
        new CheckCommand(),
        new FormatCommand(),
    ];

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var commands = Commands();
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await WriteHelpAsync(context.Out, commands).ConfigureAwait(false);
            return args.Length == 0 ? 2 : 0;
        }

        if (args[0] is "--version")
        {
            await context.Out.WriteLineAsync(typeof(CliApp).Assembly.GetName().Version?.ToString()).ConfigureAwait(false);
            return 0;
        }

        var command = commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            await context.Error.WriteLineAsync($"citations: unknown command '{args[0]}'. Run 'citations --help'.").ConfigureAwait(false);
            return 2;
        }

        try
        {
            return await command.RunAsync(args[1..], context, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await context.Error.WriteLineAsync($"citations {command.Name}: {e.Message}").ConfigureAwait(false);
            return 2;
        }
    }

    private static async Task WriteHelpAsync(TextWriter output, ICliCommand[] commands)
    {
        await output.WriteLineAsync("usage: citations <command> [options]").ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        foreach (var command in commands)
        {
            await output.WriteLineAsync($"  {command.Name,-10} {command.Summary}").ConfigureAwait(false);
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync("Run 'citations <command> --help' for a command's options.").ConfigureAwait(false);
    }
}
