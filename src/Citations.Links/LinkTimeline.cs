namespace Citations.Links;

/// <summary>One check as the history recorded it: when, the verdict, and the HTTP status when there was one.</summary>
/// <param name="CheckedAt">When the check was made (UTC, millisecond precision).</param>
/// <param name="Verdict">The verdict.</param>
/// <param name="StatusCode">The final HTTP status, or <see langword="null"/> when no response came.</param>
public sealed record RecordedCheck(DateTimeOffset CheckedAt, LinkVerdict Verdict, int? StatusCode);

/// <summary>
/// Everything the history holds about one URL over time: every check in order, the rot summary, the first failure
/// ever recorded and when the current rot began.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record LinkTimeline
{
    /// <summary>The normalised URL (password hidden).</summary>
    public required string Url { get; init; }

    /// <summary>Every recorded check, oldest first.</summary>
    public required IReadOnlyList<RecordedCheck> Checks { get; init; }

    /// <summary>The URL's state after its last check (failing since, last seen alive, rot).</summary>
    public required LinkHistorySummary Summary { get; init; }

    /// <summary>The first check ever recorded that counts as a failure (<see cref="LinkVerdictExtensions.CountsAsFailure"/>), or <see langword="null"/>.</summary>
    public DateTimeOffset? FirstFailure { get; init; }

    /// <summary>
    /// When the URL rotted: the check at which its spaced failures since it was last alive reached the policy's count;
    /// <see langword="null"/> when it is not rotted now (never, or alive again since).
    /// </summary>
    public DateTimeOffset? RotSince { get; init; }
}
