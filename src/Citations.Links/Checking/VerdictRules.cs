using System.Globalization;
using Citations.Links.Http;
using Citations.Links.Pages;

namespace Citations.Links.Checking;

/// <summary>
/// The rules that turn what a check saw into a verdict: the transport error, the status code, a bot wall, the soft-404
/// finding and the redirects. Pure functions of their arguments (no I/O, no clock), so every rule is tested directly.
/// </summary>
/// <remarks>
/// <para>Order of the rules in <see cref="Decide"/>: an error first (no usable answer), then the status of the last
/// answer, then, for a page that answered 2xx, the soft-404 finding and the redirects. The offline rule
/// (<see cref="MayBeCheckerOffline"/>) runs after, because it needs a network probe.</para>
/// <para>Adding a verdict: add it to <see cref="LinkVerdict"/>, give it a rule here and a name in
/// <see cref="LinkVerdictExtensions.ToReportName"/>; the checker, the reports and the history follow.</para>
/// </remarks>
internal static class VerdictRules
{
    /// <summary>The note added when a network failure is put down to the checker having no network.</summary>
    public const string OfflineNote = "the checker has no network (the connectivity probe failed): nothing can be concluded about this link";

    /// <summary>The note added to the verdict of a bot wall.</summary>
    public const string BotWallNote = "the answer is a bot wall (a challenge page), not the page";

    /// <summary>
    /// Decides the verdict of a check from its evidence (<see cref="LinkEvidence.Error"/>,
    /// <see cref="LinkEvidence.StatusCode"/> and <see cref="LinkEvidence.RedirectChain"/>).
    /// </summary>
    /// <param name="evidence">What the check saw.</param>
    /// <param name="botWall">Whether the last answer carries a known bot-wall marker (a CDN's challenge page).</param>
    /// <param name="soft404">Whether the soft-404 detector found that a 2xx answer really means "not found".</param>
    /// <param name="page">
    /// What the page itself is, when it decided (<see cref="PageAssessment.Reason"/>): a shell or a login wall is
    /// unverifiable (a login wall also in place of 401 or 403), a parked or for-sale domain is parked, a "not found"
    /// is a soft 404, and a page whose rendering showed its own content is alive whatever the soft-404 detector said.
    /// </param>
    /// <param name="accepted">Statuses that count as alive besides 2xx (<see cref="LinkCheckerOptions.AcceptedStatusCodes"/>).</param>
    /// <returns>The verdict, and a note for the evidence when the verdict needs explaining.</returns>
    public static VerdictRuling Decide(LinkEvidence evidence, bool botWall = false, bool soft404 = false, VerdictReason? page = null, IReadOnlySet<int>? accepted = null)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Error is { } error)
        {
            return new VerdictRuling(ForError(error.Kind), null);
        }

        if (evidence.StatusCode is not { } status)
        {
            // Never produced by the checker (a request ends with a status or an error); no answer at all.
            return new VerdictRuling(LinkVerdict.Unreachable, "no answer and no error were recorded");
        }

        if (status is < 200 or >= 300)
        {
            return status is 401 or 403 && page == VerdictReason.LoginRequired
                ? new VerdictRuling(LinkVerdict.Unverifiable, null)
                : accepted is not null && accepted.Contains(status)
                    ? new VerdictRuling(evidence.RedirectChain.Count > 0 ? LinkVerdict.Redirected : LinkVerdict.Alive, $"status {status} is accepted as alive")
                    : ForStatus(status, botWall);
        }

        switch (page)
        {
            case VerdictReason.ClientRendered or VerdictReason.LoginRequired:
                return new VerdictRuling(LinkVerdict.Unverifiable, null);
            case VerdictReason.Parked or VerdictReason.ForSale:
                return new VerdictRuling(LinkVerdict.Parked, null);
            case VerdictReason.NotFound:
                return new VerdictRuling(LinkVerdict.Soft404, null);
            case VerdictReason.RenderedContent:
                return new VerdictRuling(evidence.RedirectChain.Count > 0 ? LinkVerdict.Redirected : LinkVerdict.Alive, null);
        }

        if (soft404)
        {
            return new VerdictRuling(LinkVerdict.Soft404, null);
        }

        return new VerdictRuling(evidence.RedirectChain.Count > 0 ? LinkVerdict.Redirected : LinkVerdict.Alive, null);
    }

    /// <summary>
    /// What rendering a client-rendered page showed: still unverifiable when it could not be rendered or shows almost
    /// nothing; a login wall when scripts sent it to a sign-in page; "not found" when its rendered title or main
    /// heading says so, or when it renders the same as a random path on the host; its own content otherwise.
    /// </summary>
    /// <param name="cited">The URL cited.</param>
    /// <param name="final">Where the rendered page ended (scripts may navigate).</param>
    /// <param name="failure">Why it could not be rendered, or <see langword="null"/>.</param>
    /// <param name="text">The rendered visible text.</param>
    /// <param name="title">The rendered title.</param>
    /// <param name="heading">The rendered main heading.</param>
    /// <param name="similarityToRandomPath">How alike (0–1) the rendered page and the rendered random path are, or <see langword="null"/> when not compared.</param>
    /// <returns>The reason for <see cref="Decide"/> and why, in a sentence.</returns>
    public static (VerdictReason Reason, string Why) ForRendering(Uri cited, Uri final, string? failure, string text, string? title, string? heading, double? similarityToRandomPath)
    {
        ArgumentNullException.ThrowIfNull(cited);
        ArgumentNullException.ThrowIfNull(final);
        ArgumentNullException.ThrowIfNull(text);
        if (failure is not null)
        {
            return (VerdictReason.ClientRendered, "not rendered: " + failure);
        }

        if (!UrlNormalizer.Key(final).Equals(UrlNormalizer.Key(cited), StringComparison.Ordinal) && LoginWallSignals.IsSignInUrl(final))
        {
            return (VerdictReason.LoginRequired, "scripts sent the page to a sign-in page (" + DisplayText.Url(UrlNormalizer.Display(final)) + ")");
        }

        if ((title is not null && Soft404Detector.SaysNotFound(title) ? title : heading is not null && Soft404Detector.SaysNotFound(heading) ? heading : null) is { } said)
        {
            return (VerdictReason.NotFound, "the rendered page says \"" + DisplayText.Escape(said) + "\"");
        }

        if (similarityToRandomPath >= Soft404Detector.SamePageSimilarity)
        {
            return (VerdictReason.NotFound, string.Create(CultureInfo.InvariantCulture, $"the rendered page is the same as a rendered random path on the host (similarity {similarityToRandomPath:0.00})"));
        }

        if (text.Trim().Length < MinRenderedText)
        {
            return (VerdictReason.ClientRendered, string.Create(CultureInfo.InvariantCulture, $"the rendered page shows almost no text ({text.Trim().Length} characters)"));
        }

        return (VerdictReason.RenderedContent, similarityToRandomPath is { } s
            ? string.Create(CultureInfo.InvariantCulture, $"the rendered page shows its own content (similarity to a rendered random path {s:0.00})")
            : "the rendered page shows content (no random path could be rendered to compare)");
    }

    /// <summary>A rendered page with less visible text than this shows nothing to judge by.</summary>
    public const int MinRenderedText = 20;

    /// <summary>The verdict when a check got no usable answer.</summary>
    /// <param name="kind">Why.</param>
    public static LinkVerdict ForError(LinkErrorKind kind) => kind switch
    {
        // The name is gone from DNS while DNS works (the offline rule turns it into inconclusive otherwise).
        LinkErrorKind.NameNotFound => LinkVerdict.Gone,
        LinkErrorKind.Timeout => LinkVerdict.TimedOut,
        LinkErrorKind.AddressNotAllowed => LinkVerdict.NotAllowed,
        LinkErrorKind.InvalidUrl => LinkVerdict.InvalidUrl,
        LinkErrorKind.RedirectLoop => LinkVerdict.RedirectLoop,

        // Refused, reset, unroutable, TLS, too many redirects and invalid redirects, an open circuit, a broken protocol.
        _ => LinkVerdict.Unreachable,
    };

    /// <summary>The verdict for an answer that is not 2xx (and not a redirect that was followed).</summary>
    /// <param name="status">The status code.</param>
    /// <param name="botWall">Whether the answer is a bot wall.</param>
    public static VerdictRuling ForStatus(int status, bool botWall)
    {
        LinkVerdict? verdict = status switch
        {
            404 or 410 => LinkVerdict.Gone,
            _ when botWall => LinkVerdict.Blocked,
            401 or 403 or 407 or 429 or 451 or 999 => LinkVerdict.Blocked,
            408 => LinkVerdict.TimedOut,
            >= 500 and < 600 => LinkVerdict.ServerError,

            // 400, 402, 3xx without a usable redirect, …: the server answered, but not about the page.
            _ => null,
        };
        if (verdict is null)
        {
            return new VerdictRuling(LinkVerdict.Blocked, string.Create(CultureInfo.InvariantCulture, $"status {status} does not say whether the page exists"));
        }

        return new VerdictRuling(verdict.Value, botWall ? BotWallNote : null);
    }

    /// <summary>
    /// Whether a failed check could be explained by the checker itself having no network, so that connectivity must be
    /// probed before the verdict stands. Being offline explains only what it can: a name that does not resolve (a
    /// name needs DNS), no route to a public address, and a timeout, open circuit or other failure on a name that did
    /// not resolve during the check. A target that is an address, or whose name resolved, and was then refused, reset
    /// or stalled, keeps its verdict: something answered, or the address needs no internet. Names whose answer never
    /// depends on the network (<c>localhost</c>, <c>*.localhost</c>, <c>*.invalid</c>) and restricted addresses
    /// (loopback, private…) are never explained by being offline. A failure that came with a status, and redirect,
    /// address and protocol problems, need a network to happen, so they stand.
    /// </summary>
    /// <param name="verdict">The verdict <see cref="Decide"/> gave.</param>
    /// <param name="evidence">The evidence.</param>
    /// <param name="host">What the host of the failed request is.</param>
    /// <param name="nameResolved">Whether that host is a name that resolved during the check.</param>
    public static bool MayBeCheckerOffline(LinkVerdict verdict, LinkEvidence evidence, HostKind host, bool nameResolved)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (verdict is not (LinkVerdict.Gone or LinkVerdict.Unreachable or LinkVerdict.TimedOut) || evidence.StatusCode is not null
            || evidence.Error is not { } error)
        {
            return false;
        }

        return error.Kind switch
        {
            LinkErrorKind.NameNotFound or LinkErrorKind.NameResolutionFailed => host == HostKind.Name,
            LinkErrorKind.NetworkUnreachable or LinkErrorKind.Offline => host is HostKind.Name or HostKind.PublicAddress,
            LinkErrorKind.CircuitOpen => host == HostKind.PublicAddress || (host == HostKind.Name && !nameResolved),
            LinkErrorKind.Timeout or LinkErrorKind.Other => host == HostKind.Name && !nameResolved,

            // Refused, reset, TLS: something answered. Redirects, a refused address, a broken protocol: a network was there.
            _ => false,
        };
    }

    /// <summary>
    /// Why an answer to <c>HEAD</c> cannot be trusted, so that the page is asked again with <c>GET</c>; or
    /// <see langword="null"/> when it can. Servers often refuse <c>HEAD</c> (405, 501), answer it with an error the page
    /// does not have, or drop the connection; 429 asks the checker to slow down, which <c>GET</c> would not change.
    /// </summary>
    /// <param name="walkFailure">Why following the redirects stopped short (a loop, too many, an invalid location), if it did.</param>
    /// <param name="error">Why the last request got no usable answer, if it did not.</param>
    /// <param name="status">The status of the last answer, if any.</param>
    public static string? HeadIsUnreliable(LinkError? walkFailure, LinkError? error, int? status)
    {
        if (walkFailure is not null)
        {
            return null;
        }

        if (error is { Kind: LinkErrorKind.ConnectionReset or LinkErrorKind.Protocol or LinkErrorKind.Other })
        {
            return "failed (" + ReportNames.ErrorKinds[error.Kind] + ")";
        }

        return status switch
        {
            null or 429 => null,
            405 or 501 => string.Create(CultureInfo.InvariantCulture, $"refused ({status})"),
            >= 400 => string.Create(CultureInfo.InvariantCulture, $"answered {status}, which servers often give HEAD alone"),
            _ => null,
        };
    }

    /// <summary>
    /// What a followed chain of redirects says: permanent when every hop was 301 or 308, temporary otherwise, and
    /// whether the target is only the cited page spelled differently.
    /// </summary>
    /// <param name="cited">The URL checked.</param>
    /// <param name="final">The URL the redirects ended at.</param>
    /// <param name="chain">The redirects followed (at least one).</param>
    public static RedirectInfo Redirect(Uri cited, Uri final, IReadOnlyList<RedirectHop> chain)
    {
        ArgumentNullException.ThrowIfNull(cited);
        ArgumentNullException.ThrowIfNull(final);
        ArgumentNullException.ThrowIfNull(chain);
        var permanent = chain.Count > 0 && chain.All(h => h.StatusCode is 301 or 308);
        return new RedirectInfo(permanent ? RedirectKind.Permanent : RedirectKind.Temporary, UrlNormalizer.Display(final), UrlNormalizer.IsCanonicalization(cited, final));
    }
}

/// <summary>A verdict with the note that explains it, if it needs one.</summary>
/// <param name="Verdict">The verdict.</param>
/// <param name="Note">A sentence for <see cref="LinkEvidence.Notes"/>, or <see langword="null"/>.</param>
internal readonly record struct VerdictRuling(LinkVerdict Verdict, string? Note);
