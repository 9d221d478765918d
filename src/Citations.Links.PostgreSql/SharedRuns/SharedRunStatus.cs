namespace Citations.Links.PostgreSql.SharedRuns;

/// <summary>A shared run as the database has it: its size, how far it got, and every result recorded so far.</summary>
/// <param name="Name">The run's name.</param>
/// <param name="CreatedAt">When the first worker enqueued it (database clock).</param>
/// <param name="FinishedAt">When the last URL got its result, or <see langword="null"/> while some have none.</param>
/// <param name="Urls">How many distinct URLs the run checks.</param>
/// <param name="Results">One result per URL recorded so far, in input order (of each URL's first citation), whichever worker checked it.</param>
/// <param name="Workers">How many distinct workers recorded results.</param>
public sealed record SharedRunStatus(string Name, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, int Urls, IReadOnlyList<LinkCheckResult> Results, int Workers)
{
    /// <summary>How many URLs have no result yet.</summary>
    public int Remaining => Urls - Results.Count;

    /// <summary>Whether every URL has its result.</summary>
    public bool IsComplete => Remaining == 0;
}
