using System.CommandLine;
using Citations.Cli.CommandLine;
using Citations.Links.History;
using Citations.Links.PostgreSql.History;
using Citations.Links.Reports;

namespace Citations.Cli.Commands;

/// <summary>
/// <c>citations history [--db FILE] [--html FILE] [--json FILE]</c>: rot over time from the link history that
/// <c>citations check</c> keeps: per URL the verdict timeline, first failure and rot date, and the share of links
/// alive after each run (an inline SVG chart in the HTML page). Prints a summary; never writes to the database.
/// </summary>
internal sealed class HistoryCommand : ICliCommand
{
    private readonly Option<string?> _db = CliOptions.Value("--db", "FILE|URI", "the history database: a SQLite file (default: citations-links.db in the current folder), or a PostgreSQL URI or connection string");
    private readonly Option<string?> _html = CliOptions.Value("--html", "FILE", "write the history as one self-contained HTML page to FILE");
    private readonly Option<string?> _json = CliOptions.Value("--json", "FILE", "write the history as JSON (format citations-link-history, version 1) to FILE");
    private readonly Option<TimeSpan?> _runGap = CliOptions.Duration("--run-gap", "the longest pause between two checks of one run (default 30m; 1s to 365d)", TimeSpan.FromSeconds(1), TimeSpan.FromDays(365));

    /// <summary>Creates the command.</summary>
    public HistoryCommand()
        => Definition = new Command("history", "show rot over time from the link history: per URL its verdicts, first failure and rot date; the share alive per run")
        {
            _db, _html, _json, _runGap,
        };

    /// <inheritdoc/>
    public Command Definition { get; }

    /// <inheritdoc/>
    public string HelpNotes => """
        The history stores checks, not runs: a run is a stretch of checks with no pause longer than
        --run-gap. After each run, every URL seen so far counts with its latest conclusive verdict (alive
        or broken; blocked and inconclusive checks change nothing).

        Exit codes:
          0  no link in the history is failing now
          1  a link is failing now (its latest conclusive check found it broken); the list is printed
          2  nothing done: wrong command line, or the database is missing, unreachable or not a link history

        """;

    /// <inheritdoc/>
    public async Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        var dbPath = parse.GetValue(_db) ?? LinkHistory.DefaultFileName;
        var postgres = LinkHistoryDatabase.IsPostgreSql(dbPath);
        var full = postgres ? dbPath : context.ResolvePath(dbPath);
        if (!postgres && !File.Exists(full))
        {
            // Opening would create an empty database; a history that is not there is a mistake to report.
            throw new InputException($"{dbPath}: no such link history (run 'citations check' to make one, or name it with --db).");
        }

        if (parse.GetValue(_runGap) is { } gap && gap <= TimeSpan.Zero)
        {
            throw new UsageException("--run-gap must be longer than 0.");
        }

        LinkHistoryReport report;
        string location;
        using (var history = LinkHistoryDatabase.Open(full, createIfMissing: false))
        {
            var timelines = await history.GetTimelinesAsync(cancellationToken).ConfigureAwait(false);
            location = history.Path;
            report = new LinkHistoryReport(timelines, TimeProvider.System.GetUtcNow(), parse.GetValue(_runGap));
        }

        if (parse.GetValue(_html) is { } html)
        {
            await LinkReportFiles.WriteAsync(context.ResolvePath(html), (stream, token) => LinkHistoryWriters.WriteHtmlAsync(report, stream, token), cancellationToken).ConfigureAwait(false);
        }

        if (parse.GetValue(_json) is { } json)
        {
            await LinkReportFiles.WriteAsync(context.ResolvePath(json), (stream, token) => LinkHistoryWriters.WriteJsonAsync(report, stream, token), cancellationToken).ConfigureAwait(false);
        }

        await context.Out.WriteLineAsync("history: " + (postgres ? location : dbPath)).ConfigureAwait(false);
        foreach (var line in LinkReportText.HistoryLines(report))
        {
            await context.Out.WriteLineAsync(line).ConfigureAwait(false);
        }

        return report.Failing > 0 ? ExitCodes.Problems : ExitCodes.Success;
    }
}
