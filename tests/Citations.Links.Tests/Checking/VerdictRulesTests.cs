using Citations.Links.Checking;
using Citations.Links.Http;

namespace Citations.Links.Tests.Checking;

/// <summary>The verdict rules alone: no server, no clock, no checker.</summary>
[TestClass]
public sealed class VerdictRulesTests
{
    private static LinkEvidence Evidence(int? status = null, LinkErrorKind? error = null, int redirects = 0)
        => new()
        {
            StatusCode = status,
            Error = error is { } kind ? new LinkError(kind, "message") : null,
            RedirectChain = Enumerable.Range(0, redirects).Select(i => new RedirectHop($"http://a.example/{i}", 301, $"http://a.example/{i + 1}")).ToArray(),
        };

    [TestMethod]
    [DataRow(LinkErrorKind.NameNotFound, LinkVerdict.Gone)]
    [DataRow(LinkErrorKind.NameResolutionFailed, LinkVerdict.Unreachable)]
    [DataRow(LinkErrorKind.ConnectionRefused, LinkVerdict.Unreachable)]
    [DataRow(LinkErrorKind.ConnectionReset, LinkVerdict.Unreachable)]
    [DataRow(LinkErrorKind.NetworkUnreachable, LinkVerdict.Unreachable)]
    [DataRow(LinkErrorKind.Tls, LinkVerdict.Unreachable)]
    [DataRow(LinkErrorKind.Timeout, LinkVerdict.TimedOut)]
    [DataRow(LinkErrorKind.RedirectLoop, LinkVerdict.RedirectLoop)]
    [DataRow(LinkErrorKind.TooManyRedirects, LinkVerdict.Unreachable)]
    [DataRow(LinkErrorKind.InvalidRedirect, LinkVerdict.Unreachable)]
    [DataRow(LinkErrorKind.AddressNotAllowed, LinkVerdict.NotAllowed)]
    [DataRow(LinkErrorKind.CircuitOpen, LinkVerdict.Unreachable)]
    [DataRow(LinkErrorKind.Offline, LinkVerdict.Unreachable)]
    [DataRow(LinkErrorKind.Protocol, LinkVerdict.Unreachable)]
    [DataRow(LinkErrorKind.InvalidUrl, LinkVerdict.InvalidUrl)]
    [DataRow(LinkErrorKind.Other, LinkVerdict.Unreachable)]
    public void Decide_Error_VerdictOfTheErrorWithoutNote(LinkErrorKind kind, LinkVerdict expected)
    {
        var ruling = VerdictRules.Decide(Evidence(error: kind));

        Assert.AreEqual(expected, ruling.Verdict);
        Assert.IsNull(ruling.Note);
    }

    [TestMethod]
    public void Decide_EveryErrorKind_HasARowAbove()
    {
        // A new error kind must be placed by the rules on purpose: this fails until the table above lists it.
        var listed = typeof(VerdictRulesTests).GetMethod(nameof(Decide_Error_VerdictOfTheErrorWithoutNote))!
            .GetCustomAttributes(typeof(DataRowAttribute), false).Cast<DataRowAttribute>()
            .Select(row => (LinkErrorKind)row.Data[0]!).ToHashSet();

        CollectionAssert.AreEquivalent(Enum.GetValues<LinkErrorKind>(), listed.ToArray());
    }

    [TestMethod]
    [DataRow(404, LinkVerdict.Gone)]
    [DataRow(410, LinkVerdict.Gone)]
    [DataRow(401, LinkVerdict.Blocked)]
    [DataRow(403, LinkVerdict.Blocked)]
    [DataRow(407, LinkVerdict.Blocked)]
    [DataRow(429, LinkVerdict.Blocked)]
    [DataRow(451, LinkVerdict.Blocked)]
    [DataRow(999, LinkVerdict.Blocked)]
    [DataRow(408, LinkVerdict.TimedOut)]
    [DataRow(500, LinkVerdict.ServerError)]
    [DataRow(501, LinkVerdict.ServerError)]
    [DataRow(503, LinkVerdict.ServerError)]
    [DataRow(599, LinkVerdict.ServerError)]
    public void Decide_StatusThatSaysSomething_VerdictWithoutNote(int status, LinkVerdict expected)
    {
        var ruling = VerdictRules.Decide(Evidence(status));

        Assert.AreEqual(expected, ruling.Verdict);
        Assert.IsNull(ruling.Note);
    }

    [TestMethod]
    [DataRow(100)]
    [DataRow(199)]
    [DataRow(300)]
    [DataRow(304)]
    [DataRow(399)]
    [DataRow(400)]
    [DataRow(402)]
    [DataRow(405)]
    [DataRow(409)]
    [DataRow(411)]
    [DataRow(418)]
    [DataRow(450)]
    [DataRow(452)]
    [DataRow(499)]
    [DataRow(600)]
    [DataRow(998)]
    [DataRow(1000)]
    public void Decide_StatusThatSaysNothingAboutThePage_BlockedWithNote(int status)
    {
        var ruling = VerdictRules.Decide(Evidence(status));

        Assert.AreEqual(LinkVerdict.Blocked, ruling.Verdict, "unverifiable, not broken");
        Assert.AreEqual($"status {status} does not say whether the page exists", ruling.Note);
    }

    [TestMethod]
    [DataRow(403, LinkVerdict.Blocked)]
    [DataRow(429, LinkVerdict.Blocked)]
    [DataRow(503, LinkVerdict.Blocked)]
    [DataRow(999, LinkVerdict.Blocked)]
    [DataRow(400, LinkVerdict.Blocked)]
    [DataRow(404, LinkVerdict.Gone)]
    [DataRow(410, LinkVerdict.Gone)]
    public void Decide_BotWall_BlockedUnlessNotFoundAndAlwaysNoted(int status, LinkVerdict expected)
    {
        var ruling = VerdictRules.Decide(Evidence(status), botWall: true);

        Assert.AreEqual(expected, ruling.Verdict);
        Assert.AreEqual(VerdictRules.BotWallNote, ruling.Note);
    }

    [TestMethod]
    [DataRow(200)]
    [DataRow(204)]
    [DataRow(299)]
    public void Decide_SuccessWithoutRedirects_Alive(int status)
    {
        Assert.AreEqual(new VerdictRuling(LinkVerdict.Alive, null), VerdictRules.Decide(Evidence(status)));
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(3)]
    public void Decide_SuccessAfterRedirects_Redirected(int redirects)
    {
        Assert.AreEqual(LinkVerdict.Redirected, VerdictRules.Decide(Evidence(200, redirects: redirects)).Verdict);
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(2)]
    public void Decide_SuccessFoundSoft404_Soft404EvenAfterRedirects(int redirects)
    {
        Assert.AreEqual(LinkVerdict.Soft404, VerdictRules.Decide(Evidence(200, redirects: redirects), soft404: true).Verdict);
    }

    [TestMethod]
    [DataRow(404, LinkVerdict.Gone)]
    [DataRow(500, LinkVerdict.ServerError)]
    [DataRow(301, LinkVerdict.Blocked)]
    public void Decide_Soft404FlagOnAnAnswerThatIsNotSuccess_StatusWins(int status, LinkVerdict expected)
    {
        Assert.AreEqual(expected, VerdictRules.Decide(Evidence(status), soft404: true).Verdict);
    }

    [TestMethod]
    public void Decide_ErrorAfterAStatus_ErrorWins()
    {
        // A body cut off mid-read: the status came, the page did not.
        var ruling = VerdictRules.Decide(Evidence(200, LinkErrorKind.ConnectionReset), soft404: true);

        Assert.AreEqual(LinkVerdict.Unreachable, ruling.Verdict);
    }

    [TestMethod]
    public void Decide_RedirectLoopAfterRedirects_RedirectLoopNotRedirected()
    {
        Assert.AreEqual(LinkVerdict.RedirectLoop, VerdictRules.Decide(Evidence(302, LinkErrorKind.RedirectLoop, redirects: 2)).Verdict);
    }

    [TestMethod]
    public void Decide_NeitherStatusNorError_UnreachableWithNote()
    {
        var ruling = VerdictRules.Decide(new LinkEvidence());

        Assert.AreEqual(LinkVerdict.Unreachable, ruling.Verdict);
        Assert.IsNotNull(ruling.Note);
    }

    [TestMethod]
    [DataRow(VerdictReason.ClientRendered, LinkVerdict.Unverifiable)]
    [DataRow(VerdictReason.LoginRequired, LinkVerdict.Unverifiable)]
    [DataRow(VerdictReason.Parked, LinkVerdict.Parked)]
    [DataRow(VerdictReason.ForSale, LinkVerdict.Parked)]
    [DataRow(VerdictReason.NotFound, LinkVerdict.Soft404)]
    [DataRow(VerdictReason.RenderedContent, LinkVerdict.Alive)]
    public void Decide_PageReasonOnSuccess_VerdictOfTheReason(VerdictReason reason, LinkVerdict expected)
    {
        // The page's own reason outranks the soft-404 finding (a shell every path gets is not a missing page).
        Assert.AreEqual(expected, VerdictRules.Decide(Evidence(200), soft404: true, page: reason).Verdict);
    }

    [TestMethod]
    [DataRow(401, LinkVerdict.Unverifiable)]
    [DataRow(403, LinkVerdict.Unverifiable)]
    [DataRow(404, LinkVerdict.Gone)]
    [DataRow(500, LinkVerdict.ServerError)]
    public void Decide_LoginWallWithStatus_UnverifiableOnlyForAuthStatuses(int status, LinkVerdict expected)
    {
        Assert.AreEqual(expected, VerdictRules.Decide(Evidence(status), page: VerdictReason.LoginRequired).Verdict);
    }

    [TestMethod]
    public void Decide_ParkedAfterRedirects_ParkedNotRedirected()
    {
        Assert.AreEqual(LinkVerdict.Parked, VerdictRules.Decide(Evidence(200, redirects: 2), page: VerdictReason.Parked).Verdict);
    }

    [TestMethod]
    [DataRow(null, "Quarterly dashboard", "Quarterly dashboard", 0.10, VerdictReason.RenderedContent)]
    [DataRow(null, "Quarterly dashboard", "Quarterly dashboard", null, VerdictReason.RenderedContent)]
    [DataRow(null, "Page not found", "Sorry, we could not find that page.", 0.10, VerdictReason.NotFound)]
    [DataRow(null, "Dashboard", "Nothing here at this address, try the menu", 0.95, VerdictReason.NotFound)]
    [DataRow(null, "Dashboard", "", 0.10, VerdictReason.ClientRendered)]
    [DataRow("rendering took longer than 15 s", null, "", null, VerdictReason.ClientRendered)]
    public void ForRendering_WhatThePageShowed_Reason(string? failure, string? title, string text, double? similarity, VerdictReason expected)
    {
        var url = new Uri("http://spa.test/app/report");

        var (reason, why) = VerdictRules.ForRendering(url, url, failure, text.Length > 0 ? text + " with enough words to read" : text, title, null, similarity);

        Assert.AreEqual(expected, reason, why);
        Assert.IsFalse(string.IsNullOrWhiteSpace(why));
    }

    [TestMethod]
    public void ForRendering_ScriptsGoToSignIn_LoginRequired()
    {
        var (reason, _) = VerdictRules.ForRendering(new Uri("http://spa.test/app/report"), new Uri("http://spa.test/login?next=%2Fapp%2Freport"), null, "Sign in to continue to the app", "Sign in", null, 0.2);

        Assert.AreEqual(VerdictReason.LoginRequired, reason);
    }

    [TestMethod]
    public void Decide_EveryVerdict_ReachedByTheRulesOrTheOfflineRule()
    {
        var reached = new HashSet<LinkVerdict> { LinkVerdict.Inconclusive };
        foreach (var kind in Enum.GetValues<LinkErrorKind>())
        {
            reached.Add(VerdictRules.Decide(Evidence(error: kind)).Verdict);
        }

        for (var status = 100; status <= 1000; status++)
        {
            reached.Add(VerdictRules.Decide(Evidence(status)).Verdict);
            reached.Add(VerdictRules.Decide(Evidence(status, redirects: 1)).Verdict);
            reached.Add(VerdictRules.Decide(Evidence(status), soft404: true).Verdict);
            foreach (var reason in Enum.GetValues<VerdictReason>())
            {
                reached.Add(VerdictRules.Decide(Evidence(status), page: reason).Verdict);
            }
        }

        CollectionAssert.AreEquivalent(Enum.GetValues<LinkVerdict>(), reached.ToArray());
    }

    [TestMethod]
    [DataRow(LinkVerdict.Gone, LinkErrorKind.NameNotFound, "Name", false, true)]
    [DataRow(LinkVerdict.Unreachable, LinkErrorKind.NameResolutionFailed, "Name", false, true)]
    [DataRow(LinkVerdict.Gone, LinkErrorKind.NameNotFound, "LocalName", false, false)]
    [DataRow(LinkVerdict.Unreachable, LinkErrorKind.NetworkUnreachable, "Name", true, true)]
    [DataRow(LinkVerdict.Unreachable, LinkErrorKind.NetworkUnreachable, "PublicAddress", false, true)]
    [DataRow(LinkVerdict.Unreachable, LinkErrorKind.NetworkUnreachable, "RestrictedAddress", false, false)]
    [DataRow(LinkVerdict.Unreachable, LinkErrorKind.Offline, "PublicAddress", false, true)]
    [DataRow(LinkVerdict.TimedOut, LinkErrorKind.Timeout, "Name", false, true)]
    [DataRow(LinkVerdict.TimedOut, LinkErrorKind.Timeout, "Name", true, false)]
    [DataRow(LinkVerdict.TimedOut, LinkErrorKind.Timeout, "PublicAddress", false, false)]
    [DataRow(LinkVerdict.TimedOut, LinkErrorKind.Timeout, "RestrictedAddress", false, false)]
    [DataRow(LinkVerdict.TimedOut, LinkErrorKind.Timeout, "LocalName", false, false)]
    [DataRow(LinkVerdict.Unreachable, LinkErrorKind.CircuitOpen, "Name", false, true)]
    [DataRow(LinkVerdict.Unreachable, LinkErrorKind.CircuitOpen, "Name", true, false)]
    [DataRow(LinkVerdict.Unreachable, LinkErrorKind.CircuitOpen, "PublicAddress", false, true)]
    [DataRow(LinkVerdict.Unreachable, LinkErrorKind.CircuitOpen, "RestrictedAddress", false, false)]
    [DataRow(LinkVerdict.Unreachable, LinkErrorKind.Other, "Name", false, true)]
    [DataRow(LinkVerdict.Unreachable, LinkErrorKind.Other, "PublicAddress", false, false)]
    [DataRow(LinkVerdict.Unreachable, LinkErrorKind.ConnectionRefused, "Name", false, false)]
    [DataRow(LinkVerdict.Unreachable, LinkErrorKind.ConnectionRefused, "PublicAddress", false, false)]
    [DataRow(LinkVerdict.Unreachable, LinkErrorKind.ConnectionRefused, "RestrictedAddress", false, false)]
    [DataRow(LinkVerdict.Unreachable, LinkErrorKind.ConnectionReset, "Name", false, false)]
    [DataRow(LinkVerdict.Unreachable, LinkErrorKind.ConnectionReset, "RestrictedAddress", false, false)]
    [DataRow(LinkVerdict.Unreachable, LinkErrorKind.Tls, "Name", false, false)]
    public void MayBeCheckerOffline_NetworkFailure_OnlyWhatBeingOfflineCanExplain(LinkVerdict verdict, LinkErrorKind kind, string host, bool resolved, bool expected)
    {
        // The host kind is internal, so the rows name it.
        Assert.AreEqual(expected, VerdictRules.MayBeCheckerOffline(verdict, Evidence(error: kind), Enum.Parse<HostKind>(host), resolved));
    }

    [TestMethod]
    [DataRow(LinkErrorKind.RedirectLoop)]
    [DataRow(LinkErrorKind.TooManyRedirects)]
    [DataRow(LinkErrorKind.InvalidRedirect)]
    [DataRow(LinkErrorKind.AddressNotAllowed)]
    [DataRow(LinkErrorKind.Protocol)]
    public void MayBeCheckerOffline_FailureThatNeedsANetwork_False(LinkErrorKind kind)
    {
        Assert.IsFalse(VerdictRules.MayBeCheckerOffline(LinkVerdict.Unreachable, Evidence(error: kind), HostKind.Name, false));
    }

    [TestMethod]
    [DataRow(LinkVerdict.Gone, 404)]
    [DataRow(LinkVerdict.TimedOut, 408)]
    [DataRow(LinkVerdict.Unreachable, 200)]
    public void MayBeCheckerOffline_ServerAnswered_False(LinkVerdict verdict, int status)
    {
        Assert.IsFalse(VerdictRules.MayBeCheckerOffline(verdict, Evidence(status, verdict == LinkVerdict.Unreachable ? LinkErrorKind.ConnectionReset : null), HostKind.Name, false));
    }

    [TestMethod]
    [DataRow(LinkVerdict.Alive)]
    [DataRow(LinkVerdict.Redirected)]
    [DataRow(LinkVerdict.ServerError)]
    [DataRow(LinkVerdict.Blocked)]
    [DataRow(LinkVerdict.Soft404)]
    [DataRow(LinkVerdict.RedirectLoop)]
    [DataRow(LinkVerdict.InvalidUrl)]
    [DataRow(LinkVerdict.Inconclusive)]
    [DataRow(LinkVerdict.NotAllowed)]
    public void MayBeCheckerOffline_VerdictThatIsNoNetworkFailure_False(LinkVerdict verdict)
    {
        Assert.IsFalse(VerdictRules.MayBeCheckerOffline(verdict, Evidence(error: LinkErrorKind.NameNotFound), HostKind.Name, false));
    }

    [TestMethod]
    [DataRow(405, "refused (405)")]
    [DataRow(501, "refused (501)")]
    [DataRow(400, "answered 400, which servers often give HEAD alone")]
    [DataRow(403, "answered 403, which servers often give HEAD alone")]
    [DataRow(404, "answered 404, which servers often give HEAD alone")]
    [DataRow(500, "answered 500, which servers often give HEAD alone")]
    [DataRow(503, "answered 503, which servers often give HEAD alone")]
    public void HeadIsUnreliable_ErrorStatus_Reason(int status, string expected)
    {
        Assert.AreEqual(expected, VerdictRules.HeadIsUnreliable(null, null, status));
    }

    [TestMethod]
    [DataRow(200)]
    [DataRow(204)]
    [DataRow(301)]
    [DataRow(399)]
    [DataRow(429)]
    public void HeadIsUnreliable_TrustedStatus_Null(int status)
    {
        Assert.IsNull(VerdictRules.HeadIsUnreliable(null, null, status));
    }

    [TestMethod]
    [DataRow(LinkErrorKind.ConnectionReset, "failed (connection-reset)")]
    [DataRow(LinkErrorKind.Protocol, "failed (protocol)")]
    [DataRow(LinkErrorKind.Other, "failed (other)")]
    public void HeadIsUnreliable_BrokenAnswer_Reason(LinkErrorKind kind, string expected)
    {
        Assert.AreEqual(expected, VerdictRules.HeadIsUnreliable(null, new LinkError(kind, "x"), null));
    }

    [TestMethod]
    [DataRow(LinkErrorKind.NameNotFound)]
    [DataRow(LinkErrorKind.ConnectionRefused)]
    [DataRow(LinkErrorKind.Timeout)]
    [DataRow(LinkErrorKind.Tls)]
    [DataRow(LinkErrorKind.AddressNotAllowed)]
    public void HeadIsUnreliable_FailureGetWouldShare_Null(LinkErrorKind kind)
    {
        Assert.IsNull(VerdictRules.HeadIsUnreliable(null, new LinkError(kind, "x"), null));
    }

    [TestMethod]
    public void HeadIsUnreliable_WalkStoppedShort_NullWhateverTheStatus()
    {
        Assert.IsNull(VerdictRules.HeadIsUnreliable(new LinkError(LinkErrorKind.RedirectLoop, "loop"), null, 405));
    }

    [TestMethod]
    [DataRow(new[] { 301 }, RedirectKind.Permanent)]
    [DataRow(new[] { 308 }, RedirectKind.Permanent)]
    [DataRow(new[] { 301, 308 }, RedirectKind.Permanent)]
    [DataRow(new[] { 302 }, RedirectKind.Temporary)]
    [DataRow(new[] { 303 }, RedirectKind.Temporary)]
    [DataRow(new[] { 307 }, RedirectKind.Temporary)]
    [DataRow(new[] { 301, 302, 308 }, RedirectKind.Temporary)]
    public void Redirect_Chain_PermanentOnlyWhenEveryHopIs(int[] statuses, RedirectKind expected)
    {
        var chain = statuses.Select(s => new RedirectHop("http://a.example/", s, "http://a.example/b")).ToArray();

        Assert.AreEqual(expected, VerdictRules.Redirect(new Uri("http://a.example/"), new Uri("http://a.example/b"), chain).Kind);
    }

    [TestMethod]
    [DataRow("http://a.example/report", "https://a.example/report", true)]
    [DataRow("http://a.example/report", "https://www.a.example/report/", true)]
    [DataRow("https://www.a.example/Report", "https://a.example/report", true)]
    [DataRow("https://a.example/report?id=1", "https://a.example/report?id=1", true)]
    [DataRow("https://a.example/report?id=1", "https://a.example/report?id=2", false)]
    [DataRow("https://a.example/report", "https://a.example/reports", false)]
    [DataRow("https://a.example/report", "https://b.example/report", false)]
    public void Redirect_Target_CanonicalizationWhenSamePageSpelledDifferently(string cited, string final, bool expected)
    {
        var redirect = VerdictRules.Redirect(new Uri(cited), new Uri(final), [new RedirectHop(cited, 301, final)]);

        Assert.AreEqual(expected, redirect.IsCanonicalization);
        Assert.AreEqual(new Uri(final).AbsoluteUri, redirect.Target);
    }
}
