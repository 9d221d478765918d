using Citations.Links;
using Citations.Links.Checking;
using Citations.Links.Extraction;
using Citations.Links.History;
using Microsoft.Extensions.Options;

namespace LinkRotWorker;

/// <summary>
/// Re-checks the links of every article in a folder on a schedule, records each check in the history, and logs what
/// rotted (failing on checks spread over days, see <c>RotPolicy</c>) with the sources that cite it.
/// </summary>
public sealed partial class LinkRotService(LinkChecker checker, LinkHistory history, IOptions<LinkRotOptions> options,
    TimeProvider time, ILogger<LinkRotService> logger) : BackgroundService
{
    private static readonly string[] Patterns = ["*.json", "*.md", "*.html"];

    /// <summary>How many passes have finished (for a health check or a test).</summary>
    public int PassesCompleted { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            await CheckFolderAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass: every file's links, then what has rotted.</summary>
    private async Task CheckFolderAsync(CancellationToken cancellationToken)
    {
        var folder = options.Value.ArticleFolder;
        var targets = new List<LinkTarget>();
        foreach (var file in Patterns.SelectMany(p => Directory.EnumerateFiles(folder, p)).Order(StringComparer.Ordinal))
        {
            var read = await LinkTargetReader.ReadSetFileAsync(file, cancellationToken: cancellationToken);
            foreach (var problem in read.Diagnostics)
            {
                LogInputProblem(file, problem.ToString());
            }

            targets.AddRange(read.Value?.Targets ?? []);
        }

        var results = await checker.CheckAllAsync(targets, cancellationToken: cancellationToken);
        foreach (var source in await history.GetBySourceAsync(targets, cancellationToken))
        {
            if (source.History is { IsRot: true } rotted)
            {
                LogRotted(source.SourceId, source.Url, rotted.FirstSeenFailing, rotted.LastVerdict.ToReportName());
            }
        }

        var rot = await history.GetRottedAsync(cancellationToken);
        PassesCompleted++;
        LogPassCompleted(results.Count, results.Count(r => r.IsBroken), rot.Count);
    }

    [LoggerMessage(EventId = 3001, EventName = "SourceRotted", Level = LogLevel.Warning,
        Message = "Source {SourceId} cites {Url}, which has rotted: failing since {FailingSince}, last verdict {Verdict}")]
    private partial void LogRotted(string sourceId, string url, DateTimeOffset? failingSince, string verdict);

    [LoggerMessage(EventId = 3002, EventName = "PassCompleted", Level = LogLevel.Information,
        Message = "Checked {Links} link(s): {Broken} broken now, {Rotted} rotted in the history")]
    private partial void LogPassCompleted(int links, int broken, int rotted);

    [LoggerMessage(EventId = 3003, EventName = "InputProblem", Level = LogLevel.Warning, Message = "{File}: {Problem}")]
    private partial void LogInputProblem(string file, string problem);
}
