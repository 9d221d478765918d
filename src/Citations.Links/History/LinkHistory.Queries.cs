namespace Citations.Links.History;

/// <summary>A cited source and what the history knows about its link.</summary>
/// <param name="SourceId">The source's id (<see cref="LinkTarget.SourceId"/>).</param>
/// <param name="Url">The normalised URL it cites (the history's key), or the URL as cited when it is not a usable URL.</param>
/// <param name="History">What the history knows about that URL; <see langword="null"/> when it was never checked.</param>
public sealed record SourceLinkHistory(string SourceId, string Url, LinkHistorySummary? History);

/// <summary>Queries across URLs: what is failing, what has rotted, and each cited source's link.</summary>
public sealed partial class LinkHistory
{
    /// <summary>
    /// The URLs failing now (their last conclusive check failed: see <see cref="LinkVerdictExtensions.CountsAsFailure"/>),
    /// the longest failing first. With <paramref name="failingSince"/>, only those failing since that time or before
    /// (failing for at least that long).
    /// </summary>
    /// <param name="failingSince">Keep only URLs whose current failure began at or before this time; every failing URL when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels waiting for the database.</param>
    public Task<IReadOnlyList<LinkHistorySummary>> GetFailingAsync(DateTimeOffset? failingSince = null, CancellationToken cancellationToken = default)
        => QuerySummariesAsync(failingSince, 0, cancellationToken);

    /// <summary>
    /// The URLs that have rotted: failing now, with enough spaced failures for the history's <see cref="Policy"/>
    /// (<see cref="LinkHistorySummary.IsRot"/>), the longest failing first.
    /// </summary>
    /// <param name="cancellationToken">Cancels waiting for the database.</param>
    public Task<IReadOnlyList<LinkHistorySummary>> GetRottedAsync(CancellationToken cancellationToken = default)
        => QuerySummariesAsync(null, Policy.Failures, cancellationToken);

    /// <summary>
    /// What the history knows about each cited source's link, one entry per source id and URL, in the order the
    /// targets are given (targets without a <see cref="LinkTarget.SourceId"/> are left out). The history stores URLs,
    /// not citations (those come from the article, and its sources may have moved to other URLs since), so the sources
    /// are given: usually <c>ArticleLinkTargets.From(article).Targets</c>.
    /// </summary>
    /// <param name="targets">The cited links, with their source ids.</param>
    /// <param name="cancellationToken">Cancels waiting for the database.</param>
    public async Task<IReadOnlyList<SourceLinkHistory>> GetBySourceAsync(IEnumerable<LinkTarget> targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var wanted = new List<(string SourceId, string Key)>();
        var seen = new HashSet<(string, string)>();
        foreach (var target in targets)
        {
            ArgumentNullException.ThrowIfNull(target);
            if (target.SourceId is not { } id)
            {
                continue;
            }

            var key = UrlNormalizer.TryNormalize(target.Url, out var uri, out _) ? UrlNormalizer.Key(uri) : DisplayText.RedactUrl(target.Url);
            if (seen.Add((id, key)))
            {
                wanted.Add((id, key));
            }
        }

        var result = new List<SourceLinkHistory>(wanted.Count);
        foreach (var (id, key) in wanted)
        {
            result.Add(new SourceLinkHistory(id, key, await GetSummaryAsync(key, cancellationToken).ConfigureAwait(false)));
        }

        return result;
    }

    /// <summary>The summaries of the failing URLs (see <see cref="LinkHistoryStore.ReadFailingAsync"/>).</summary>
    private async Task<IReadOnlyList<LinkHistorySummary>> QuerySummariesAsync(DateTimeOffset? failingSince, int minimumSpacedFailures, CancellationToken cancellationToken)
    {
        var rows = await _store.ReadFailingAsync(failingSince, minimumSpacedFailures, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(row => row.Rot.ToSummary(row.Url, Policy))];
    }
}
