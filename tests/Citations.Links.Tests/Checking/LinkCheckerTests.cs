using Citations.Links.Checking;
using Citations.Links.Tests.Infrastructure;

namespace Citations.Links.Tests.Checking;

[TestClass]
public sealed class LinkCheckerTests
{
    private static TestSite Site => AssemblySetup.Site;

    private static async Task<LinkCheckResult> CheckAsync(string path, Action<LinkCheckerOptions>? configure = null, string host = "site.test")
    {
        using var checker = TestChecker.Create(configure);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await checker.CheckAsync(Site.Url(path, host), timeout.Token);
    }

    [TestMethod]
    public async Task CheckAsync_PageAnswers200_Alive()
    {
        var result = await CheckAsync("/ok");

        Assert.AreEqual(LinkVerdict.Alive, result.Verdict);
        Assert.AreEqual(200, result.Evidence.StatusCode);
        Assert.AreEqual("HEAD", result.Evidence.Method);
        Assert.IsNull(result.Evidence.Error);
    }

    [TestMethod]
    public async Task CheckAsync_NotFound_GoneAfterConfirmingWithGet()
    {
        var result = await CheckAsync("/missing");

        Assert.AreEqual(LinkVerdict.Gone, result.Verdict);
        Assert.AreEqual(404, result.Evidence.StatusCode);
        Assert.AreEqual("GET", result.Evidence.Method);
    }

    [TestMethod]
    public async Task CheckAsync_410_Gone()
    {
        var result = await CheckAsync("/gone");

        Assert.AreEqual(LinkVerdict.Gone, result.Verdict);
        Assert.AreEqual(410, result.Evidence.StatusCode);
    }

    [TestMethod]
    public async Task CheckAsync_HostNameDoesNotExistWhileOnline_Gone()
    {
        var result = await CheckAsync("/ok", host: "gone.test");

        Assert.AreEqual(LinkVerdict.Gone, result.Verdict);
        Assert.AreEqual(LinkErrorKind.NameNotFound, result.Evidence.Error?.Kind);
    }

    [TestMethod]
    public async Task CheckAsync_CheckerOffline_InconclusiveNotGone()
    {
        using var checker = TestChecker.Builder().WithConnectivityProbe(ConnectivityProbe.Fixed(false)).Build();

        var result = await checker.CheckAsync(Site.Url("/ok", "gone.test"));

        Assert.AreEqual(LinkVerdict.Inconclusive, result.Verdict);
        Assert.AreEqual(LinkErrorKind.NameNotFound, result.Evidence.Error?.Kind, "the evidence keeps the underlying error");
        Assert.IsTrue(result.Evidence.Notes.Any(n => n.Contains("no network", StringComparison.Ordinal)));
        Assert.IsFalse(result.IsBroken);
    }

    [TestMethod]
    public async Task CheckAsync_DnsProbeFindsNoName_Inconclusive()
    {
        // The default kind of probe, with a resolver that knows no public name: the checker is offline.
        using var checker = TestChecker.Builder()
            .WithConnectivityProbe(ConnectivityProbe.Dns(TestSite.Resolver, ["example.com", "example.org"]))
            .Build();

        var result = await checker.CheckAsync(Site.Url("/ok", "gone.test"));

        Assert.AreEqual(LinkVerdict.Inconclusive, result.Verdict);
    }

    [TestMethod]
    public async Task CheckAsync_OfflineButServerAnswers_StatusVerdictStands()
    {
        using var checker = TestChecker.Builder().WithConnectivityProbe(ConnectivityProbe.Fixed(false)).Build();

        var result = await checker.CheckAsync(Site.Url("/missing"));

        Assert.AreEqual(LinkVerdict.Gone, result.Verdict, "a 404 from a server that answered is conclusive");
    }

    [TestMethod]
    public async Task CheckAsync_HeadRefusedWith405_FallsBackToGet()
    {
        var result = await CheckAsync("/head-refused");

        Assert.AreEqual(LinkVerdict.Alive, result.Verdict);
        Assert.AreEqual("GET", result.Evidence.Method);
        Assert.IsTrue(result.Evidence.Notes.Any(n => n.Contains("HEAD refused (405)", StringComparison.Ordinal)), string.Join("; ", result.Evidence.Notes));
    }

    [TestMethod]
    public async Task CheckAsync_HeadRefusedWith501_FallsBackToGet()
    {
        var result = await CheckAsync("/head-501");

        Assert.AreEqual(LinkVerdict.Alive, result.Verdict);
        Assert.AreEqual("GET", result.Evidence.Method);
    }

    [TestMethod]
    public async Task CheckAsync_SlowServer_TimedOutWithinBound()
    {
        var started = DateTimeOffset.UtcNow;

        var result = await CheckAsync("/slow", o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            o.MaxRetries = 1;
        });

        Assert.AreEqual(LinkVerdict.TimedOut, result.Verdict);
        Assert.AreEqual(LinkErrorKind.Timeout, result.Evidence.Error?.Kind);
        Assert.AreEqual(2, result.Evidence.Requests, "one attempt and one retry");
        Assert.IsLessThan(10, (DateTimeOffset.UtcNow - started).TotalSeconds);
    }

    [TestMethod]
    public async Task CheckAsync_TotalTimeoutShorterThanRetries_TimedOut()
    {
        var result = await CheckAsync("/slow", o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            o.TotalTimeout = TimeSpan.FromMilliseconds(500);
            o.MaxRetries = 5;
        });

        Assert.AreEqual(LinkVerdict.TimedOut, result.Verdict);
        Assert.IsLessThanOrEqualTo(3, result.Evidence.Requests);
    }

    [TestMethod]
    public async Task CheckAsync_ConnectionReset_UnreachableAfterRetries()
    {
        var result = await CheckAsync("/reset");

        Assert.AreEqual(LinkVerdict.Unreachable, result.Verdict);
        Assert.AreEqual(LinkErrorKind.ConnectionReset, result.Evidence.Error?.Kind);
        Assert.IsGreaterThanOrEqualTo(3, result.Evidence.Requests, "a reset is retried");
    }

    [TestMethod]
    public async Task CheckAsync_ResetOnce_AliveAfterRetry()
    {
        var result = await CheckAsync("/reset-once/" + TestSite.NewKey());

        Assert.AreEqual(LinkVerdict.Alive, result.Verdict);
        Assert.AreEqual(2, result.Evidence.Requests);
    }

    [TestMethod]
    public async Task CheckAsync_ConnectionRefused_Unreachable()
    {
        using var checker = TestChecker.Create();

        var result = await checker.CheckAsync($"http://site.test:{TestSite.ClosedPort()}/ok");

        Assert.AreEqual(LinkVerdict.Unreachable, result.Verdict);
        Assert.AreEqual(LinkErrorKind.ConnectionRefused, result.Evidence.Error?.Kind);
    }

    [TestMethod]
    public async Task CheckAsync_429WithRetryAfterSeconds_WaitsAndSucceeds()
    {
        var result = await CheckAsync("/retry-after/seconds/" + TestSite.NewKey(), o => o.MaxRetryAfter = TimeSpan.FromSeconds(5));

        Assert.AreEqual(LinkVerdict.Alive, result.Verdict);
        Assert.AreEqual(TimeSpan.FromSeconds(1), result.Evidence.RetryAfter);
        Assert.AreEqual(2, result.Evidence.Requests);
        Assert.IsTrue(result.Evidence.Notes.Any(n => n.Contains("retried after 1 s", StringComparison.Ordinal)), string.Join("; ", result.Evidence.Notes));
    }

    [TestMethod]
    public async Task CheckAsync_429WithRetryAfterAboveTheCap_BlockedWithoutRetry()
    {
        var result = await CheckAsync("/retry-after/seconds/" + TestSite.NewKey(), o => o.MaxRetryAfter = TimeSpan.FromMilliseconds(300));

        Assert.AreEqual(LinkVerdict.Blocked, result.Verdict);
        Assert.AreEqual(TimeSpan.FromSeconds(1), result.Evidence.RetryAfter);
        Assert.AreEqual(1, result.Evidence.Requests, "retrying before the time the server asked for is impolite");
    }

    [TestMethod]
    public async Task CheckAsync_503WithRetryAfterDate_WaitsAndSucceeds()
    {
        var result = await CheckAsync("/retry-after/date/" + TestSite.NewKey(), o => o.MaxRetryAfter = TimeSpan.FromSeconds(5));

        Assert.AreEqual(LinkVerdict.Alive, result.Verdict);
        Assert.IsNotNull(result.Evidence.RetryAfter);
        Assert.IsTrue(result.Evidence.RetryAfter > TimeSpan.Zero && result.Evidence.RetryAfter <= TimeSpan.FromSeconds(3), result.Evidence.RetryAfter.ToString());
    }

    [TestMethod]
    public async Task CheckAsync_Always429_BlockedNotDead()
    {
        var result = await CheckAsync("/always-429");

        Assert.AreEqual(LinkVerdict.Blocked, result.Verdict);
        Assert.AreEqual(429, result.Evidence.StatusCode);
        Assert.AreEqual(1, result.Evidence.Requests, "it asks for 1 s, more than the test checker waits (300 ms): not retried, and no GET fallback for 429");
        Assert.IsFalse(result.IsBroken);
    }

    [TestMethod]
    public async Task CheckAsync_403_Blocked()
    {
        var result = await CheckAsync("/forbidden");

        Assert.AreEqual(LinkVerdict.Blocked, result.Verdict);
    }

    [TestMethod]
    public async Task CheckAsync_BotWallChallenge_BlockedWithoutRetries()
    {
        var result = await CheckAsync("/bot-wall");

        Assert.AreEqual(LinkVerdict.Blocked, result.Verdict);
        Assert.IsTrue(result.Evidence.Notes.Any(n => n.Contains("bot wall", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task CheckAsync_500Always_ServerErrorAfterRetries()
    {
        var result = await CheckAsync("/error");

        Assert.AreEqual(LinkVerdict.ServerError, result.Verdict);
        Assert.AreEqual(500, result.Evidence.StatusCode);
        Assert.AreEqual(6, result.Evidence.Requests, "HEAD with two retries, then GET with two retries");
    }

    [TestMethod]
    public async Task CheckAsync_RedirectChain_RedirectedPermanentWithChain()
    {
        var result = await CheckAsync("/chain/3");

        Assert.AreEqual(LinkVerdict.Redirected, result.Verdict);
        Assert.HasCount(4, result.Evidence.RedirectChain);
        Assert.AreEqual(RedirectKind.Permanent, result.Evidence.Redirect?.Kind);
        Assert.AreEqual(Site.Url("/ok"), result.Evidence.FinalUrl);
        Assert.AreEqual(Site.Url("/ok"), result.Evidence.Redirect?.Target);
    }

    [TestMethod]
    public async Task CheckAsync_TemporaryRedirect_RedirectedTemporary()
    {
        var result = await CheckAsync("/temporary");

        Assert.AreEqual(LinkVerdict.Redirected, result.Verdict);
        Assert.AreEqual(RedirectKind.Temporary, result.Evidence.Redirect?.Kind);
        Assert.IsFalse(result.Evidence.Redirect!.IsCanonicalization);
    }

    [TestMethod]
    public async Task CheckAsync_RedirectToSamePageSpelledDifferently_Canonicalization()
    {
        var result = await CheckAsync("/Canonical");

        Assert.AreEqual(LinkVerdict.Redirected, result.Verdict);
        Assert.IsTrue(result.Evidence.Redirect!.IsCanonicalization);
    }

    [TestMethod]
    public async Task CheckAsync_RedirectLoop_RedirectLoopWithLoop()
    {
        var result = await CheckAsync("/loop/a");

        Assert.AreEqual(LinkVerdict.RedirectLoop, result.Verdict);
        Assert.AreEqual(LinkErrorKind.RedirectLoop, result.Evidence.Error?.Kind);
        Assert.HasCount(2, result.Evidence.RedirectChain);
    }

    [TestMethod]
    public async Task CheckAsync_MoreRedirectsThanAllowed_TooManyRedirects()
    {
        var result = await CheckAsync("/chain/5", o => o.MaxRedirects = 2);

        Assert.AreEqual(LinkVerdict.Unreachable, result.Verdict);
        Assert.AreEqual(LinkErrorKind.TooManyRedirects, result.Evidence.Error?.Kind);
        Assert.HasCount(3, result.Evidence.RedirectChain);
    }

    [TestMethod]
    public async Task CheckAsync_RedirectWithoutLocation_InvalidRedirect()
    {
        var result = await CheckAsync("/no-location");

        Assert.AreEqual(LinkVerdict.Unreachable, result.Verdict);
        Assert.AreEqual(LinkErrorKind.InvalidRedirect, result.Evidence.Error?.Kind);
    }

    [TestMethod]
    public async Task CheckAsync_UnknownPathAnswersFrontPage_Soft404()
    {
        var result = await CheckAsync("/soft/2019/report-that-moved");

        Assert.AreEqual(LinkVerdict.Soft404, result.Verdict);
        Assert.IsTrue(result.Evidence.Notes.Any(n => n.Contains("random path", StringComparison.Ordinal)), string.Join("; ", result.Evidence.Notes));
        Assert.IsTrue(result.IsBroken);
    }

    [TestMethod]
    public async Task CheckAsync_RealPageOnSoft404Host_Alive()
    {
        var result = await CheckAsync("/soft/real-article");

        Assert.AreEqual(LinkVerdict.Alive, result.Verdict);
        Assert.AreEqual("GET", result.Evidence.Method, "HEAD cannot tell a real page from the host's catch-all page");
    }

    [TestMethod]
    public async Task CheckAsync_RedirectToSiteRoot_Soft404()
    {
        var result = await CheckAsync("/to-root/old-dataset");

        Assert.AreEqual(LinkVerdict.Soft404, result.Verdict);
        Assert.IsTrue(result.Evidence.Notes.Any(n => n.Contains("site root", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task CheckAsync_NotFoundTitleOn200OnASoft404Host_Soft404()
    {
        var result = await CheckAsync("/soft/gone-report", o => o.PageText = PageTextMode.Always);

        Assert.AreEqual(LinkVerdict.Soft404, result.Verdict);
        Assert.IsTrue(result.Evidence.Notes.Any(n => n.Contains("title says so", StringComparison.Ordinal)), string.Join("; ", result.Evidence.Notes));
    }

    [TestMethod]
    public async Task CheckAsync_Soft404DetectionOff_Alive()
    {
        var result = await CheckAsync("/soft/2019/other-report", o => o.DetectSoft404 = false);

        Assert.AreEqual(LinkVerdict.Alive, result.Verdict);
    }

    [TestMethod]
    public async Task CheckAsync_HugeBody_ReadUpToCap()
    {
        var result = await CheckAsync("/huge", o =>
        {
            o.PageText = PageTextMode.Always;
            o.MaxBodyBytes = 64 * 1024;
        });

        Assert.AreEqual(LinkVerdict.Alive, result.Verdict);
        Assert.AreEqual(64 * 1024, result.Evidence.BodyBytes);
        Assert.IsTrue(result.Evidence.BodyTruncated);
        Assert.IsTrue(result.Content!.Truncated);
    }

    [TestMethod]
    public async Task CheckAsync_GzipBomb_CappedAfterDecompression()
    {
        var result = await CheckAsync("/gzip-bomb", o =>
        {
            o.PageText = PageTextMode.Always;
            o.MaxBodyBytes = 100 * 1024;
        });

        Assert.AreEqual(LinkVerdict.Alive, result.Verdict);
        Assert.AreEqual(100 * 1024, result.Evidence.BodyBytes, "the cap counts decompressed bytes");
        Assert.IsTrue(result.Evidence.BodyTruncated);
    }

    [TestMethod]
    public async Task CheckAsync_GzipPageWithQuote_QuoteFound()
    {
        using var checker = TestChecker.Create();
        var target = new LinkTarget(Site.Url("/gzip-page")) { Quotes = ["more than 76,000 Americans were killed"] };

        var result = (await checker.CheckAllAsync([target])).Single();

        Assert.AreEqual(LinkVerdict.Alive, result.Verdict);
        Assert.AreEqual("Zipped", result.Content?.Title);
        Assert.IsTrue(result.Content!.Quotes.Single().Found);
    }

    [TestMethod]
    public async Task CheckAsync_BrotliPage_Decoded()
    {
        var result = await CheckAsync("/br-page", o => o.PageText = PageTextMode.Always);

        Assert.AreEqual("Brotli", result.Content?.Title);
    }

    [TestMethod]
    public async Task CheckAsync_QuoteWithOtherTypography_Found()
    {
        using var checker = TestChecker.Create();
        var target = new LinkTarget(Site.Url("/typographic")) { Quotes = ["\"more than 76,000 Americans were killed\""] };

        var result = (await checker.CheckAllAsync([target])).Single();

        Assert.IsTrue(result.Content!.Quotes.Single().Found);
        Assert.IsFalse(result.HasMissingQuote);
        Assert.AreEqual("GET", result.Evidence.Method, "quotes need the page text");
    }

    [TestMethod]
    public async Task CheckAsync_QuoteNoLongerOnPage_ReportedMissing()
    {
        using var checker = TestChecker.Create();
        var target = new LinkTarget(Site.Url("/typographic")) { Quotes = ["fewer than 10,000 Americans died", "hidden words"] };

        var result = (await checker.CheckAllAsync([target])).Single();

        Assert.AreEqual(LinkVerdict.Alive, result.Verdict);
        Assert.IsTrue(result.HasMissingQuote);
        Assert.IsTrue(result.Content!.Quotes.All(q => !q.Found), "script text is not page text");
        Assert.IsLessThan(1.0, result.Content.Quotes[0].Coverage);
    }

    [TestMethod]
    public async Task CheckAsync_BinaryPageWithQuote_NoteInsteadOfContent()
    {
        using var checker = TestChecker.Create();
        var target = new LinkTarget(Site.Url("/pdf")) { Quotes = ["anything"] };

        var result = (await checker.CheckAllAsync([target])).Single();

        Assert.AreEqual(LinkVerdict.Alive, result.Verdict);
        Assert.IsNull(result.Content);
        Assert.IsTrue(result.Evidence.Notes.Any(n => n.Contains("not text", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task CheckAsync_PrivateAddressByDefault_NotAllowedWithoutRequest()
    {
        using var checker = new LinkChecker(new LinkCheckerOptions { MaxRetries = 0 });
        var path = "/private-" + Guid.NewGuid().ToString("N");

        var result = await checker.CheckAsync($"http://127.0.0.1:{Site.Port}{path}");

        Assert.AreEqual(LinkVerdict.NotAllowed, result.Verdict);
        Assert.AreEqual(LinkErrorKind.AddressNotAllowed, result.Evidence.Error?.Kind);
        Assert.AreEqual(0, Site.Hits(path), "the connection was refused before any request");
    }

    [TestMethod]
    public async Task CheckAsync_NameResolvingToLoopbackByDefault_NotAllowed()
    {
        var before = Site.Requests("/ok").Count(r => r.Host == "evil.test");
        using var checker = new LinkCheckerBuilder { Options = new LinkCheckerOptions { MaxRetries = 0 } }
            .WithHostResolver(TestSite.Resolver)
            .WithConnectivityProbe(ConnectivityProbe.Fixed(true))
            .Build();

        var result = await checker.CheckAsync(Site.Url("/ok", "evil.test"));

        Assert.AreEqual(LinkVerdict.NotAllowed, result.Verdict);
        Assert.AreEqual(before, Site.Requests("/ok").Count(r => r.Host == "evil.test"), "no request reached the server");
    }

    [TestMethod]
    public async Task CheckAsync_PrivateAddressAllowed_Alive()
    {
        using var checker = new LinkChecker(new LinkCheckerOptions { AllowPrivateAddresses = true, PerHostMinimumInterval = TimeSpan.Zero });

        var result = await checker.CheckAsync($"http://127.0.0.1:{Site.Port}/ok");

        Assert.AreEqual(LinkVerdict.Alive, result.Verdict);
    }

    [TestMethod]
    public async Task CheckAsync_InvalidUrl_InvalidUrlWithoutRequest()
    {
        using var checker = TestChecker.Create();

        var results = await checker.CheckAllAsync([new LinkTarget("not a url"), new LinkTarget("ftp://example.com/file")]);

        Assert.IsTrue(results.All(r => r.Verdict == LinkVerdict.InvalidUrl));
        Assert.IsTrue(results.All(r => r.IsBroken));
    }

    [TestMethod]
    public async Task CheckAsync_SameUrlCitedTwice_CheckedOnceWithBothTargets()
    {
        using var checker = TestChecker.Create();
        var path = "/reset-once/" + TestSite.NewKey();
        var first = new LinkTarget(Site.Url(path)) { SourceId = "a" };
        var second = new LinkTarget(Site.Url(path).Replace("site.test", "SITE.test", StringComparison.Ordinal) + "#section") { SourceId = "b" };

        var results = await checker.CheckAllAsync([first, second]);

        Assert.HasCount(1, results);
        Assert.HasCount(2, results[0].Targets);
        Assert.AreEqual(2, Site.Hits(path), "one reset and one retry: a single check");
    }

    [TestMethod]
    public async Task CheckAsync_ManyUrlsOnTwoHosts_PerHostConcurrencyRespected()
    {
        using var checker = TestChecker.Create(o =>
        {
            o.PerHostConcurrency = 2;
            o.GlobalConcurrency = 8;
            o.DetectSoft404 = false;
        });
        var hosts = new[] { "busy-a.test", "busy-b.test" };
        var targets = hosts.SelectMany(h => Enumerable.Range(0, 8).Select(i => new LinkTarget(Site.Url("/busy/" + i, h)))).ToList();

        var results = await checker.CheckAllAsync(targets);

        Assert.HasCount(16, results);
        Assert.IsTrue(results.All(r => r.Verdict == LinkVerdict.Alive));
        foreach (var host in hosts)
        {
            Assert.IsLessThanOrEqualTo(2, Site.MaxInFlight(host), host);
            Assert.IsGreaterThanOrEqualTo(1, Site.MaxInFlight(host), host);
        }
    }

    [TestMethod]
    public async Task CheckAsync_MinimumInterval_RequestsToAHostSpacedOut()
    {
        using var checker = TestChecker.Create(o =>
        {
            o.PerHostMinimumInterval = TimeSpan.FromMilliseconds(150);
            o.DetectSoft404 = false;
        });
        var targets = Enumerable.Range(0, 4).Select(i => new LinkTarget(Site.Url("/ok?spaced=" + i, "spaced.test"))).ToList();

        await checker.CheckAllAsync(targets);

        var starts = Site.Requests("/ok").Where(r => r.Host == "spaced.test").Select(r => r.At).Order().ToList();
        Assert.HasCount(4, starts);
        // Arrival times are taken by the server, where a loaded machine can delay one request's arrival and so
        // shorten the gap after it; the span of all four cannot shrink that way (3 intervals of 150 ms, 10% slack).
        Assert.IsGreaterThanOrEqualTo(405, (starts[^1] - starts[0]).TotalMilliseconds, "span of four requests");
    }

    [TestMethod]
    public async Task CheckAsync_DeadHost_CircuitOpensAndSparesRequests()
    {
        using var checker = TestChecker.Create(o =>
        {
            o.PerHostConcurrency = 1;
            o.CircuitBreakerMinimumThroughput = 3;
            o.MaxRetries = 0;
        });
        var port = TestSite.ClosedPort();
        var targets = Enumerable.Range(0, 12).Select(i => new LinkTarget($"http://dead.test:{port}/page/{i}")).ToList();

        var results = await checker.CheckAllAsync(targets);

        Assert.HasCount(12, results);
        Assert.IsTrue(results.All(r => r.Verdict == LinkVerdict.Unreachable));
        var open = results.Count(r => r.Evidence.Error?.Kind == LinkErrorKind.CircuitOpen);
        Assert.IsGreaterThanOrEqualTo(6, open, "after a few refusals the rest are not requested");
        Assert.IsTrue(results.Where(r => r.Evidence.Error?.Kind == LinkErrorKind.CircuitOpen).All(r => r.Evidence.Requests == 0),
            "a request rejected by the open circuit is never sent");
    }

    [TestMethod]
    public async Task CheckAsync_Progress_ReportedForEveryUrl()
    {
        using var checker = TestChecker.Create(o => o.DetectSoft404 = false);
        var reports = new List<LinkCheckProgress>();
        var progress = new SynchronousProgress<LinkCheckProgress>(reports.Add);
        var targets = new[] { "/ok", "/missing", "/gone" }.Select(p => new LinkTarget(Site.Url(p, "progress.test"))).ToList();

        await foreach (var _ in checker.CheckAsync(targets, progress))
        {
        }

        Assert.HasCount(3, reports);
        Assert.AreEqual(3, reports[^1].Completed);
        Assert.AreEqual(3, reports[^1].Total);
        Assert.AreEqual(2, reports[^1].Broken);
    }

    [TestMethod]
    public async Task CheckAsync_Cancelled_StopsPromptly()
    {
        using var checker = TestChecker.Create(o => o.AttemptTimeout = TimeSpan.FromSeconds(15));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var started = DateTimeOffset.UtcNow;

        await Assert.ThrowsAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in checker.CheckAsync([new LinkTarget(Site.Url("/slow"))], null, cancel.Token))
            {
            }
        });

        Assert.IsLessThan(10, (DateTimeOffset.UtcNow - started).TotalSeconds);
    }

    [TestMethod]
    public async Task CheckItemsAsync_CslItemWithDoiOnly_ChecksResolverUrl()
    {
        var item = new Citations.CslData.CslItem(Citations.CslData.CslScalar.FromString("x"), "article")
        {
            Variables = new Dictionary<string, Citations.CslData.CslScalar> { ["DOI"] = Citations.CslData.CslScalar.FromString("10.1000/xyz") },
        };

        var target = LinkTarget.FromCslItem(item);

        Assert.AreEqual("https://doi.org/10.1000/xyz", target?.Url);
        Assert.AreEqual("x", target?.SourceId);
    }

    [TestMethod]
    public void Build_InvalidOptions_EveryErrorReportedAtOnce()
    {
        var options = new LinkCheckerOptions { GlobalConcurrency = 0, PerHostConcurrency = -1, AttemptTimeout = TimeSpan.Zero, UserAgent = " " };

        var error = Assert.ThrowsExactly<LinkOptionsException>(() => new LinkChecker(options));

        Assert.HasCount(4, error.Errors);
        StringAssert.Contains(error.Message, "GlobalConcurrency");
        StringAssert.Contains(error.Message, "UserAgent");
    }

    [TestMethod]
    public void Build_OptionsChangedAfterBuild_CheckerUnaffected()
    {
        var options = new LinkCheckerOptions { MaxRetries = 1 };
        using var checker = new LinkChecker(options);

        options.MaxRetries = 9;

        Assert.AreEqual(1, checker.Options.MaxRetries);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
