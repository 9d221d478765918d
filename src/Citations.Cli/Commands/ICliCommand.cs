namespace Citations.Cli.Commands;

/// <summary>One sub-command of the <c>citations</c> tool (<c>report</c>, <c>format</c>, <c>check</c>, …).</summary>
/// <remarks>
/// Commands parse their own arguments so that start-up stays cheap: the tool is run many times in scripts, and a
/// reflection-based command framework would cost more than formatting a bibliography.
/// </remarks>
internal interface ICliCommand
{
    /// <summary>The word that selects the command.</summary>
    string Name { get; }

    /// <summary>One line for the tool's help.</summary>
    string Summary { get; }

    /// <summary>Runs the command. Returns the process exit code: 0 success, 1 findings or failure, 2 usage error.</summary>
    Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken);
}
