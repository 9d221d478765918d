using Microsoft.Extensions.Logging;

namespace Citations.Links.Telemetry;

/// <summary>
/// The checker's log events (structured, with stable event ids 1001–1099: filter on the id, not the text). Polly's own
/// events (retries, an open circuit, timeouts) come from Polly with its event ids, through the same logger factory.
/// </summary>
internal static partial class LinkLog
{
    /// <summary>The category of the checker's events.</summary>
    public const string Category = "Citations.Links.LinkChecker";

    [LoggerMessage(EventId = 1001, EventName = "RunStarted", Level = LogLevel.Debug,
        Message = "Checking {UrlCount} distinct URL(s) cited by {TargetCount} target(s)")]
    public static partial void RunStarted(ILogger logger, int urlCount, int targetCount);

    [LoggerMessage(EventId = 1002, EventName = "LinkChecked", Level = LogLevel.Debug,
        Message = "{Url}: {Verdict} (status {StatusCode}, {Requests} request(s), {ElapsedMs} ms, from history: {FromHistory})")]
    public static partial void LinkChecked(ILogger logger, string url, string verdict, int? statusCode, int requests, long elapsedMs, bool fromHistory);

    [LoggerMessage(EventId = 1003, EventName = "LinkBroken", Level = LogLevel.Warning,
        Message = "{Url} is broken: {Verdict} (status {StatusCode}, error {ErrorKind})")]
    public static partial void LinkBroken(ILogger logger, string url, string verdict, int? statusCode, string? errorKind);

    [LoggerMessage(EventId = 1004, EventName = "LinkRotted", Level = LogLevel.Warning,
        Message = "{Url} has rotted: failing since {FirstSeenFailing}, last seen alive {LastSeenAlive}")]
    public static partial void LinkRotted(ILogger logger, string url, DateTimeOffset? firstSeenFailing, DateTimeOffset? lastSeenAlive);

    [LoggerMessage(EventId = 1005, EventName = "CheckerOffline", Level = LogLevel.Information,
        Message = "{Url}: the checker is offline, so its failure is inconclusive")]
    public static partial void CheckerOffline(ILogger logger, string url);

    [LoggerMessage(EventId = 1006, EventName = "HistoryProblem", Level = LogLevel.Warning,
        Message = "{Url}: the history could not be used: {Problem}")]
    public static partial void HistoryProblem(ILogger logger, string url, string problem);

    [LoggerMessage(EventId = 1007, EventName = "RunFinished", Level = LogLevel.Information,
        Message = "Checked {Completed} of {Total} link(s): {Broken} broken")]
    public static partial void RunFinished(ILogger logger, int completed, int total, int broken);

    [LoggerMessage(EventId = 1008, EventName = "ClientRefused", Level = LogLevel.Error,
        Message = "The HTTP client was refused: {Reason}")]
    public static partial void ClientRefused(ILogger logger, string reason);
}
