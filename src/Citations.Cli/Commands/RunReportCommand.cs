using System.CommandLine;
using System.Globalization;
using Citations.Cli.CommandLine;
using Citations.Links.PostgreSql.SharedRuns;
using Citations.Links.Reports;
using Npgsql;

namespace Citations.Cli.Commands;

/// <summary>
/// <c>citations run-report NAME --db postgresql://…</c>: the report of a shared run (<c>citations check --run NAME</c>)
/// assembled from the database, whichever worker checked what: the summary printed, the JSON, Markdown, JUnit and HTML
/// reports written on request. Reads the database only; works while the run is still going (a partial report).
/// </summary>
internal sealed class RunReportCommand : ICliCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "the run's name, as given to check --run" };
    private readonly Option<string?> _db = CliOptions.Value("--db", "URI", "the PostgreSQL database the run's workers share (postgresql://USER@HOST:PORT/DATABASE)");
    private readonly Option<string?> _json = CliOptions.Value("--json", "FILE", "write the JSON report (format citations-link-report, version 1) to FILE");
    private readonly Option<string?> _markdown = CliOptions.Value("--markdown", "FILE", "write a Markdown report to FILE");
    private readonly Option<string?> _junit = CliOptions.Value("--junit", "FILE", "write a JUnit XML report for CI to FILE");
    private readonly Option<string?> _html = CliOptions.Value("--html", "FILE", "write an HTML report for people to FILE (one self-contained page)");
    private readonly Option<bool> _quiet = CliOptions.Flag("--quiet", "print only the summary", "-q");

    /// <summary>Creates the command.</summary>
    public RunReportCommand()
        => Definition = new Command("run-report", "the report of a shared link-check run (check --run) from its database, whichever worker checked what")
        {
            _name, _db, _json, _markdown, _junit, _html, _quiet,
        };

    /// <inheritdoc/>
    public Command Definition { get; }

    /// <inheritdoc/>
    public string HelpNotes => """
        The reports are those of 'citations check', built from the results the run's workers recorded,
        in the order of the links' first citations. A run still going gives the results so far.

        Exit codes:
          0  the run is finished and no link is broken
          1  a link is broken, or the run is not finished (some URLs have no result yet)
          2  nothing done: wrong command line, the database cannot be reached, or it has no run of that name

        """;

    /// <inheritdoc/>
    public async Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        var name = parse.GetRequiredValue(_name);
        var connection = PostgresDatabaseOption.ConnectionString(parse.GetValue(_db), "--db postgresql://USER@HOST:PORT/DATABASE (or an Npgsql connection string) names the database of the run.");
        SharedRunStatus status;
        await using (var dataSource = NpgsqlDataSource.Create(connection))
        {
            status = await SharedLinkRun.ReadAsync(dataSource, name, cancellationToken).ConfigureAwait(false)
                     ?? throw new InputException($"the database has no shared run named '{name}' (start one with 'citations check PATH... --db URI --run NAME').");
        }

        var report = new LinkReport(status.Results, status.FinishedAt ?? TimeProvider.System.GetUtcNow());
        (string? Path, ILinkReportWriter Writer)[] files =
        [
            (parse.GetValue(_json), JsonLinkReportWriter.Indented),
            (parse.GetValue(_markdown), MarkdownLinkReportWriter.Instance),
            (parse.GetValue(_junit), JUnitLinkReportWriter.Instance),
            (parse.GetValue(_html), HtmlLinkReportWriter.Instance),
        ];
        foreach (var (path, writer) in files)
        {
            if (path is not null)
            {
                await LinkReportFiles.WriteAsync(writer, report, context.ResolvePath(path), CancellationToken.None).ConfigureAwait(false);
            }
        }

        await LinkCheckConsole.WriteSummaryAsync(report, context, parse.GetValue(_quiet)).ConfigureAwait(false);
        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Run '{name}': {status.Results.Count} of {status.Urls} URL(s) checked by {status.Workers} worker(s); {(status.IsComplete ? "finished" : "not finished")}.")).ConfigureAwait(false);
        if (!status.IsComplete)
        {
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"citations run-report: the run '{name}' is not finished: {status.Remaining} URL(s) have no result yet (its workers are still at it, or stopped: run 'citations check ... --run {name}' again to finish it).")).ConfigureAwait(false);
            return ExitCodes.Problems;
        }

        return report.HasFailures ? ExitCodes.Problems : ExitCodes.Success;
    }
}
