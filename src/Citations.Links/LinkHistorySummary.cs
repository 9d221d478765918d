namespace Citations.Links;

/// <summary>What the history knows about one URL.</summary>
/// <param name="Url">The normalised URL.</param>
/// <param name="Checks">How many checks are recorded.</param>
/// <param name="FirstCheckedAt">The first recorded check.</param>
/// <param name="LastCheckedAt">The latest recorded check.</param>
/// <param name="LastVerdict">The latest verdict.</param>
/// <param name="LastSeenAlive">The latest check that found the page alive, if any.</param>
/// <param name="FirstSeenFailing">The first failure since the page was last alive, if it is failing now.</param>
/// <param name="SpacedFailures">How many failures since then count towards rot (see <see cref="History.RotPolicy.MinimumSpacing"/>).</param>
/// <param name="IsRot">Whether <paramref name="SpacedFailures"/> reached <see cref="History.RotPolicy.Failures"/>.</param>
public sealed record LinkHistorySummary(
    string Url,
    int Checks,
    DateTimeOffset FirstCheckedAt,
    DateTimeOffset LastCheckedAt,
    LinkVerdict LastVerdict,
    DateTimeOffset? LastSeenAlive,
    DateTimeOffset? FirstSeenFailing,
    int SpacedFailures,
    bool IsRot);
