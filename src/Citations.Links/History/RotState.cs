namespace Citations.Links.History;

/// <summary>
/// What the history knows about one URL's health, and how each check moves it: the rot state machine. A pure value:
/// no storage, no clock; <see cref="LinkHistory"/> keeps one per URL.
/// </summary>
/// <remarks>
/// <para>The states, by the checks recorded so far:</para>
/// <list type="bullet">
/// <item><b>alive</b>: the last conclusive check found the page (<see cref="LinkVerdictExtensions.IsAlive"/>); the
/// failure count is zero.</item>
/// <item><b>failing</b>: failures (<see cref="LinkVerdictExtensions.CountsAsFailure"/>) since the page was last
/// alive; a failure counts towards rot only when it comes at least <see cref="RotPolicy.MinimumSpacing"/> after the
/// last one that counted, so a flaky hour is one failure, not five.</item>
/// <item><b>rotted</b>: failing with <see cref="RotPolicy.Failures"/> spaced failures or more.</item>
/// </list>
/// <para>A check that answers again makes the URL alive whatever came before. Blocked, inconclusive and not-allowed
/// checks say nothing about the page: they are counted as checks and change nothing else.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
/// <param name="Checks">How many checks are recorded.</param>
/// <param name="FirstCheckedAt">The first recorded check.</param>
/// <param name="LastCheckedAt">The latest recorded check.</param>
/// <param name="LastVerdict">The latest verdict.</param>
/// <param name="LastSeenAlive">The latest check that found the page, if any.</param>
/// <param name="FirstSeenFailing">The first failure since the page was last seen alive, while it is failing.</param>
/// <param name="SpacedFailures">How many of those failures count towards rot.</param>
/// <param name="LastSpacedFailure">When the last failure that counted happened, while failing.</param>
internal sealed record RotState(
    int Checks,
    DateTimeOffset FirstCheckedAt,
    DateTimeOffset LastCheckedAt,
    LinkVerdict LastVerdict,
    DateTimeOffset? LastSeenAlive,
    DateTimeOffset? FirstSeenFailing,
    int SpacedFailures,
    DateTimeOffset? LastSpacedFailure)
{
    /// <summary>The state after a URL's first check.</summary>
    /// <param name="verdict">The check's verdict.</param>
    /// <param name="at">When it was made.</param>
    /// <param name="policy">When failures make rot.</param>
    public static RotState First(LinkVerdict verdict, DateTimeOffset at, RotPolicy policy)
        => new RotState(0, at, at, verdict, null, null, 0, null).Next(verdict, at, policy);

    /// <summary>The state after one more check.</summary>
    /// <param name="verdict">The check's verdict.</param>
    /// <param name="at">When it was made (not before the previous check, in practice; nothing here depends on it).</param>
    /// <param name="policy">When failures make rot.</param>
    public RotState Next(LinkVerdict verdict, DateTimeOffset at, RotPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var next = this with { Checks = Checks + 1, LastCheckedAt = at, LastVerdict = verdict };
        if (verdict.IsAlive())
        {
            return next with { LastSeenAlive = at, FirstSeenFailing = null, SpacedFailures = 0, LastSpacedFailure = null };
        }

        if (!verdict.CountsAsFailure())
        {
            return next;
        }

        next = next with { FirstSeenFailing = FirstSeenFailing ?? at };
        return LastSpacedFailure is { } last && at - last < policy.MinimumSpacing
            ? next
            : next with { SpacedFailures = SpacedFailures + 1, LastSpacedFailure = at };
    }

    /// <summary>Whether the URL has rotted under a policy: enough spaced failures since it was last alive.</summary>
    /// <param name="policy">When failures make rot.</param>
    public bool IsRot(RotPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return SpacedFailures >= policy.Failures;
    }

    /// <summary>The public summary of this state.</summary>
    /// <param name="url">The URL.</param>
    /// <param name="policy">When failures make rot.</param>
    public LinkHistorySummary ToSummary(string url, RotPolicy policy)
        => new(url, Checks, FirstCheckedAt, LastCheckedAt, LastVerdict, LastSeenAlive, FirstSeenFailing, SpacedFailures, IsRot(policy));
}
