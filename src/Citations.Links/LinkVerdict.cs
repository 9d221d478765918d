namespace Citations.Links;

/// <summary>What a check found at a URL.</summary>
public enum LinkVerdict
{
    /// <summary>The page answered with success at the cited URL.</summary>
    Alive,

    /// <summary>The cited URL redirects to a page that answers with success; see <see cref="LinkEvidence.Redirect"/>.</summary>
    Redirected,

    /// <summary>The page is gone: 404 or 410, or the host name no longer exists in DNS (while DNS works for other names).</summary>
    Gone,

    /// <summary>The server kept failing (5xx) after retries.</summary>
    ServerError,

    /// <summary>No answer within the per-attempt or total timeout, after retries.</summary>
    TimedOut,

    /// <summary>The server could not be reached: connection refused or reset, TLS failure, a redirect chain longer than the limit; see <see cref="LinkEvidence.Error"/>.</summary>
    Unreachable,

    /// <summary>The redirects lead back to a URL already visited: the page can never be reached (see <see cref="LinkEvidence.RedirectChain"/>).</summary>
    RedirectLoop,

    /// <summary>The server refused to show the page to a checker (401, 403, 429 after retries, 999, bot walls): unverifiable, not dead.</summary>
    Blocked,

    /// <summary>The server answers with success but the page is really "not found" (it looks like a random path on the same host, or redirects to the site root).</summary>
    Soft404,

    /// <summary>The cited text is not a usable http(s) URL.</summary>
    InvalidUrl,

    /// <summary>Nothing can be concluded: the checker itself had no network (no route, no DNS for anything).</summary>
    Inconclusive,

    /// <summary>The URL leads to a loopback, private, link-local or metadata address, which the checker is not allowed to contact.</summary>
    NotAllowed,

    /// <summary>
    /// The server answered, but what it answered cannot show whether the page exists: a client-rendered shell (the
    /// same HTML for every path, the content built by scripts) or a login wall. Unverified, not broken; the reason and
    /// the signals are in <see cref="LinkCheckResult.Assessment"/>.
    /// </summary>
    Unverifiable,

    /// <summary>
    /// The domain is parked or for sale: the host answers a parking or for-sale page instead of the cited content. Broken,
    /// and a step towards rot (the citation now points to someone else's page); see <see cref="LinkCheckResult.Assessment"/>.
    /// </summary>
    Parked,
}

/// <summary>Questions about verdicts.</summary>
public static class LinkVerdictExtensions
{
    /// <summary>
    /// Whether the verdict means the link is broken for a reader: <see cref="LinkVerdict.Gone"/>,
    /// <see cref="LinkVerdict.Soft404"/>, <see cref="LinkVerdict.ServerError"/>, <see cref="LinkVerdict.TimedOut"/>,
    /// <see cref="LinkVerdict.Unreachable"/>, <see cref="LinkVerdict.RedirectLoop"/>, <see cref="LinkVerdict.InvalidUrl"/> or
    /// <see cref="LinkVerdict.Parked"/>. Blocked, unverifiable, inconclusive and not-allowed links are unverified, not broken.
    /// </summary>
    public static bool IsBroken(this LinkVerdict verdict) => verdict is LinkVerdict.Gone or LinkVerdict.Soft404
        or LinkVerdict.ServerError or LinkVerdict.TimedOut or LinkVerdict.Unreachable or LinkVerdict.RedirectLoop or LinkVerdict.InvalidUrl
        or LinkVerdict.Parked;

    /// <summary>Whether the verdict means the page answered (<see cref="LinkVerdict.Alive"/> or <see cref="LinkVerdict.Redirected"/>).</summary>
    public static bool IsAlive(this LinkVerdict verdict) => verdict is LinkVerdict.Alive or LinkVerdict.Redirected;

    /// <summary>
    /// Whether the check could not tell if the page is there: <see cref="LinkVerdict.Blocked"/>,
    /// <see cref="LinkVerdict.Unverifiable"/>, <see cref="LinkVerdict.Inconclusive"/> or <see cref="LinkVerdict.NotAllowed"/>.
    /// Every verdict is exactly one of alive (<see cref="IsAlive"/>), broken (<see cref="IsBroken"/>) or unverified.
    /// </summary>
    public static bool IsUnverified(this LinkVerdict verdict)
        => verdict is LinkVerdict.Blocked or LinkVerdict.Unverifiable or LinkVerdict.Inconclusive or LinkVerdict.NotAllowed;

    /// <summary>
    /// Whether the verdict counts as a failure in the history (a step towards a rot verdict). Blocked, unverifiable,
    /// inconclusive and not-allowed checks say nothing about the page and count neither way.
    /// </summary>
    public static bool CountsAsFailure(this LinkVerdict verdict) => verdict is LinkVerdict.Gone or LinkVerdict.Soft404
        or LinkVerdict.ServerError or LinkVerdict.TimedOut or LinkVerdict.Unreachable or LinkVerdict.RedirectLoop or LinkVerdict.Parked;

    /// <summary>The verdict's stable name in reports and the history database (kebab-case, such as <c>soft-404</c>).</summary>
    public static string ToReportName(this LinkVerdict verdict) => verdict switch
    {
        LinkVerdict.Alive => "alive",
        LinkVerdict.Redirected => "redirected",
        LinkVerdict.Gone => "gone",
        LinkVerdict.ServerError => "server-error",
        LinkVerdict.TimedOut => "timed-out",
        LinkVerdict.Unreachable => "unreachable",
        LinkVerdict.RedirectLoop => "redirect-loop",
        LinkVerdict.Blocked => "blocked",
        LinkVerdict.Soft404 => "soft-404",
        LinkVerdict.InvalidUrl => "invalid-url",
        LinkVerdict.Inconclusive => "inconclusive",
        LinkVerdict.NotAllowed => "not-allowed",
        LinkVerdict.Unverifiable => "unverifiable",
        LinkVerdict.Parked => "parked",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    /// <summary>Parses a name written by <see cref="ToReportName"/>.</summary>
    /// <param name="name">The name.</param>
    /// <param name="verdict">The verdict when the method returns <see langword="true"/>.</param>
    public static bool TryParseReportName(string? name, out LinkVerdict verdict)
    {
        foreach (var candidate in Enum.GetValues<LinkVerdict>())
        {
            if (string.Equals(candidate.ToReportName(), name, StringComparison.Ordinal))
            {
                verdict = candidate;
                return true;
            }
        }

        verdict = default;
        return false;
    }
}
