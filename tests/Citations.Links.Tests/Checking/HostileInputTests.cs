using Citations.Links.Checking;
using Citations.Links.Reports;
using Citations.Links.Tests.Infrastructure;

namespace Citations.Links.Tests.Checking;

/// <summary>
/// Regression tests of issue 11: URLs, servers and probes that used to crash a run, make it wait for nothing or give a
/// wrong verdict. Every server is on 127.0.0.1 (the test site, or a raw Kestrel listener for bytes Kestrel's HTTP layer
/// refuses to write); every run is bounded by a cancellation token.
/// </summary>
[TestClass]
public sealed class HostileInputTests
{
    private const char Esc = '\u001b';

    private static TestSite Site => AssemblySetup.Site;

    private static CancellationTokenSource Bound() => new(TimeSpan.FromSeconds(60));

    [TestMethod]
    public async Task CheckAsync_InvalidIdnHostsAmongOtherUrls_InvalidUrlAndTheRestChecked()
    {
        using var checker = TestChecker.Create(o => o.DetectSoft404 = false);
        using var bound = Bound();
        var targets = new[] { Site.Url("/ok"), "http://a\uFFFDb/", Site.Url("/missing"), "http://x\u00ADy\u0378/" }.Select(LinkTarget.FromUrl).ToList();

        var results = await checker.CheckAllAsync(targets, null, bound.Token);

        Assert.HasCount(4, results);
        Assert.AreEqual(LinkVerdict.Alive, results[0].Verdict);
        Assert.AreEqual(LinkVerdict.InvalidUrl, results[1].Verdict);
        Assert.AreEqual(LinkVerdict.Gone, results[2].Verdict);
        Assert.AreEqual(LinkVerdict.InvalidUrl, results[3].Verdict);
        StringAssert.Contains(results[1].Evidence.Error!.Message, "not a valid international domain name");
        Assert.AreEqual(LinkErrorKind.InvalidUrl, results[3].Evidence.Error?.Kind);
    }

    [TestMethod]
    public async Task CheckAsync_SixThousandStackedGzipLayers_RefusedBeforeDecoding()
    {
        using var checker = TestChecker.Create(o => o.PageText = PageTextMode.Always);
        using var bound = Bound();
        Site.PrepareNestedGzip(6000);

        var result = await checker.CheckAsync(Site.Url("/gzip-layers/6000"), bound.Token);

        Assert.AreEqual(LinkVerdict.Unreachable, result.Verdict);
        Assert.AreEqual(LinkErrorKind.Protocol, result.Evidence.Error?.Kind);
        StringAssert.Contains(result.Evidence.Error!.Message, "stacks 6000 codings; at most 3 are decoded");
        Assert.IsNull(result.Evidence.BodyBytes, "no byte was decoded");
    }

    [TestMethod]
    public async Task CheckAsync_FourStackedGzipLayers_RefusedAndThreeDecoded()
    {
        using var checker = TestChecker.Create(o =>
        {
            o.PageText = PageTextMode.Always;
            o.DetectSoft404 = false;
        });
        using var bound = Bound();

        var four = await checker.CheckAsync(Site.Url("/gzip-layers/4"), bound.Token);
        var three = await checker.CheckAsync(Site.Url("/gzip-layers/3"), bound.Token);
        var mixed = await checker.CheckAsync(Site.Url("/gzip-br"), bound.Token);

        Assert.AreEqual(LinkErrorKind.Protocol, four.Evidence.Error?.Kind);
        Assert.AreEqual(LinkVerdict.Alive, three.Verdict);
        Assert.AreEqual("Layers", three.Content?.Title);
        Assert.AreEqual("Two codings", mixed.Content?.Title);
    }

    [TestMethod]
    public async Task CheckAsync_429WithRetryAfterBeyondTheWait_BlockedAtOnceWithTheRequestedDelay()
    {
        using var checker = WithDefaultWaits();
        using var bound = Bound();

        var result = await checker.CheckAsync(Site.Url("/retry-after/far"), bound.Token);

        Assert.AreEqual(LinkVerdict.Blocked, result.Verdict);
        Assert.AreEqual(429, result.Evidence.StatusCode);
        Assert.AreEqual(1, result.Evidence.Requests, "no retry, no GET fallback");
        Assert.AreEqual(TimeSpan.FromSeconds(100_000), result.Evidence.RetryAfter);
        Assert.IsTrue(result.Evidence.Notes.Any(n => n.Contains("100000 s", StringComparison.Ordinal) && n.Contains("not retried", StringComparison.Ordinal)),
            string.Join("; ", result.Evidence.Notes));
    }

    [TestMethod]
    public async Task CheckAsync_503WithRetryAfterInTheYear9999_ServerErrorAtOnce()
    {
        using var checker = WithDefaultWaits();
        using var bound = Bound();

        var result = await checker.CheckAsync(Site.Url("/retry-after/year-9999"), bound.Token);

        Assert.AreEqual(LinkVerdict.ServerError, result.Verdict);
        Assert.AreEqual(2, result.Evidence.Requests, "HEAD, then GET (a 503 to HEAD is not trusted), neither retried");
        Assert.IsGreaterThan(TimeSpan.FromDays(365 * 7000), result.Evidence.RetryAfter!.Value);
    }

    [TestMethod]
    public async Task CheckAsync_RetryAfterLongerThanTheCheckHasLeft_NotRetried()
    {
        using var checker = TestChecker.Create(o =>
        {
            o.MaxRetryAfter = TimeSpan.FromSeconds(30);
            o.AttemptTimeout = TimeSpan.FromMilliseconds(500);
            o.TotalTimeout = TimeSpan.FromMilliseconds(900);
        });
        using var bound = Bound();

        // Asks for 1 s once, then answers: but 1 s is past the check's 0.9 s.
        var result = await checker.CheckAsync(Site.Url("/retry-after/seconds/" + TestSite.NewKey()), bound.Token);

        Assert.AreEqual(LinkVerdict.Blocked, result.Verdict);
        Assert.AreEqual(1, result.Evidence.Requests);
        Assert.IsTrue(result.Evidence.Notes.Any(n => n.Contains("total timeout", StringComparison.Ordinal)), string.Join("; ", result.Evidence.Notes));
    }

    [TestMethod]
    public async Task CheckAsync_TitleWith404OnAHostThatAnswersReal404s_Alive()
    {
        using var checker = TestChecker.Create(o => o.PageText = PageTextMode.Always);
        using var bound = Bound();

        var result = await checker.CheckAsync(Site.Url("/routes/404-timetable"), bound.Token);

        Assert.AreEqual(LinkVerdict.Alive, result.Verdict, string.Join("; ", result.Evidence.Notes));
        Assert.AreEqual("Route 404 timetable", result.Content?.Title);
    }

    [TestMethod]
    public async Task CheckAsync_NotFoundTitleOnAHostThatAnswersReal404s_AliveWithNote()
    {
        using var checker = TestChecker.Create(o => o.PageText = PageTextMode.Always);
        using var bound = Bound();

        var result = await checker.CheckAsync(Site.Url("/not-found-title"), bound.Token);

        Assert.AreEqual(LinkVerdict.Alive, result.Verdict);
        Assert.IsTrue(result.Evidence.Notes.Any(n => n.Contains("answers 404 for missing pages", StringComparison.Ordinal)), string.Join("; ", result.Evidence.Notes));
    }

    [TestMethod]
    public async Task CheckAsync_ServerSendsControlBytesInStatusLineAndLocation_EscapedInEvidenceAndEveryReport()
    {
        await using var raw = await RawHttpServer.StartAsync(path => path switch
        {
            "/status" => $"HTTP/1.1 200 OK{Esc}[2J{Esc}[1;32mall links alive\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            "/location" => $"HTTP/1.1 302 Found\r\nLocation: http://[{Esc}[31mred\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            "/header" => $"HTTP/1.1 200 OK\r\nX-{Esc}[2J{Esc}[1;32mall links alive: yes\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            _ => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        });
        using var checker = TestChecker.Create(o =>
        {
            o.PageText = PageTextMode.Always;
            o.MaxRetries = 0;
        });
        using var bound = Bound();

        var results = await checker.CheckAllAsync([LinkTarget.FromUrl(raw.Url("/status")), LinkTarget.FromUrl(raw.Url("/header")), LinkTarget.FromUrl(raw.Url("/location")), LinkTarget.FromUrl(Site.Url("/soft/control-title"))], null, bound.Token);
        var report = new LinkReport(results, DateTimeOffset.UnixEpoch);
        var outputs = new List<string>
        {
            MarkdownLinkReportWriter.Render(report),
            await WriteAsync(JUnitLinkReportWriter.Instance, report),
        };
        outputs.AddRange(LinkReportText.SummaryLines(report));
        outputs.AddRange(results.Select(LinkReportText.ResultLine));
        outputs.AddRange(results.SelectMany(r => r.Evidence.Notes.Append(r.Evidence.Error?.Message ?? string.Empty)));

        var location = results[2];
        Assert.AreEqual(LinkErrorKind.InvalidRedirect, location.Evidence.Error?.Kind);
        StringAssert.Contains(location.Evidence.Error!.Message, "http://[\\x1b[31mred", "the malformed Location is kept, escaped");
        foreach (var output in outputs)
        {
            // The writers' own line breaks aside.
            Assert.IsFalse(output.Replace("\n", string.Empty, StringComparison.Ordinal).Any(DisplayText.IsEscaped), "no control character reaches a human-facing output: " + output);
        }

        Assert.AreEqual(LinkErrorKind.Protocol, results[1].Evidence.Error?.Kind);
        StringAssert.Contains(results[1].Evidence.Error!.Message, "\\x1b[2J", "the server's header line is shown, not obeyed");
        Assert.AreEqual(LinkVerdict.Soft404, results[3].Verdict);
        StringAssert.Contains(outputs[0], "\\u202egpj.exe", "the title's right-to-left override is shown, not obeyed");
    }

    [TestMethod]
    public async Task CheckAsync_RedirectLoop_RedirectLoopVerdictWithTheChain()
    {
        using var checker = TestChecker.Create();
        using var bound = Bound();

        var result = await checker.CheckAsync(Site.Url("/loop/a"), bound.Token);

        Assert.AreEqual(LinkVerdict.RedirectLoop, result.Verdict);
        Assert.IsTrue(result.IsBroken);
        Assert.AreEqual("redirect-loop", result.Verdict.ToReportName());
        Assert.HasCount(2, result.Evidence.RedirectChain);
    }

    [TestMethod]
    public async Task CheckAsync_LongChainWithoutLoop_UnreachableWithTheReason()
    {
        using var checker = TestChecker.Create(o => o.MaxRedirects = 2);
        using var bound = Bound();

        var result = await checker.CheckAsync(Site.Url("/chain/5"), bound.Token);

        Assert.AreEqual(LinkVerdict.Unreachable, result.Verdict);
        Assert.AreEqual(LinkErrorKind.TooManyRedirects, result.Evidence.Error?.Kind);
        StringAssert.Contains(result.Evidence.Error!.Message, "more than the limit of 2");
        StringAssert.Contains(result.Evidence.Error.Message, "not a loop");
    }

    [TestMethod]
    public async Task CheckAsync_OfflineProbeWithRefusedResetAndStalledLoopback_OwnVerdictsInEveryRun()
    {
        var refused = $"http://127.0.0.1:{TestSite.ClosedPort()}/ok";
        var reset = $"http://127.0.0.1:{Site.Port}/reset";
        var stalled = $"http://127.0.0.1:{Site.Port}/slow";
        var runs = new List<LinkVerdict[]>();
        for (var run = 0; run < 2; run++)
        {
            using var checker = TestChecker.Builder(o =>
                {
                    o.AttemptTimeout = TimeSpan.FromMilliseconds(300);
                    o.MaxRetries = 0;
                })
                .WithConnectivityProbe(ConnectivityProbe.Fixed(false))
                .Build();
            using var bound = Bound();
            var results = await checker.CheckAllAsync([LinkTarget.FromUrl(refused), LinkTarget.FromUrl(reset), LinkTarget.FromUrl(stalled)], null, bound.Token);
            Assert.IsTrue(results.All(r => r.Evidence.Connectivity is null), "an address that refused, reset or stalled needs no probe");
            runs.Add([.. results.Select(r => r.Verdict)]);
        }

        CollectionAssert.AreEqual(new[] { LinkVerdict.Unreachable, LinkVerdict.Unreachable, LinkVerdict.TimedOut }, runs[0]);
        CollectionAssert.AreEqual(runs[0], runs[1]);
    }

    [TestMethod]
    public async Task CheckAsync_OfflineProbeAndAPublicNameThatDoesNotResolve_InconclusiveWithTheProbeInTheReport()
    {
        using var checker = TestChecker.Builder().WithConnectivityProbe(ConnectivityProbe.Fixed(false)).Build();
        using var bound = Bound();

        var result = await checker.CheckAsync("https://www.agency-that-moved.gov/report", bound.Token);
        var json = await WriteAsync(JsonLinkReportWriter.Indented, new LinkReport([result], DateTimeOffset.UnixEpoch));

        Assert.AreEqual(LinkVerdict.Inconclusive, result.Verdict);
        Assert.IsFalse(result.Evidence.Connectivity!.Online);
        StringAssert.Contains(json, "\"connectivity\"");
        StringAssert.Contains(json, "\"online\": false");
        StringAssert.Contains(MarkdownLinkReportWriter.Render(new LinkReport([result], DateTimeOffset.UnixEpoch)), "connectivity probe: offline (asked ");
    }

    [TestMethod]
    public async Task CheckAsync_PlainHttpClientWithoutPrivateAddresses_RefusedBeforeAnyRequest()
    {
        using var client = new HttpClient();
        using var checker = new LinkCheckerBuilder { Options = new LinkCheckerOptions { MaxRetries = 0 } }
            .WithHttpClient(client).WithConnectivityProbe(ConnectivityProbe.Fixed(true)).Build();
        var path = "/guard-" + Guid.NewGuid().ToString("N");
        using var bound = Bound();

        var error = await Assert.ThrowsExactlyAsync<LinkOptionsException>(() => checker.CheckAsync($"http://127.0.0.1:{Site.Port}{path}", bound.Token));

        StringAssert.Contains(error.Message, "no private-address guard");
        StringAssert.Contains(error.Message, "LinkHttpHandler.Create");
        Assert.AreEqual(0, Site.Hits(path));
    }

    [TestMethod]
    public async Task CheckAsync_PlainHttpClientWithPrivateAddressesAllowed_Used()
    {
        using var client = new HttpClient();
        using var checker = new LinkCheckerBuilder { Options = new LinkCheckerOptions { AllowPrivateAddresses = true, PerHostMinimumInterval = TimeSpan.Zero } }
            .WithHttpClient(client).WithConnectivityProbe(ConnectivityProbe.Fixed(true)).Build();
        using var bound = Bound();

        var result = await checker.CheckAsync($"http://127.0.0.1:{Site.Port}/ok", bound.Token);

        Assert.AreEqual(LinkVerdict.Alive, result.Verdict);
    }

    [TestMethod]
    public async Task CheckAsync_FactoryClientsWithAndWithoutTheGuard_OnlyTheGuardedOneUsed()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions.AddHttpClient(services, "plain");
        Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions.AddHttpMessageHandler(
            Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions.ConfigurePrimaryHttpMessageHandler(
                Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions.AddHttpClient(services, "guarded"),
                () => Citations.Links.Http.LinkHttpHandler.Create(false, TestSite.Resolver)),
            () => new PassThroughHandler());
        Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions.ConfigurePrimaryHttpMessageHandler(
            Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions.AddHttpClient(services, "lax"),
            () => Citations.Links.Http.LinkHttpHandler.Create(true, TestSite.Resolver));
        await using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
        var factory = (IHttpClientFactory)provider.GetService(typeof(IHttpClientFactory))!;
        LinkChecker Checker(string name) => new LinkCheckerBuilder { Options = new LinkCheckerOptions { MaxRetries = 0 } }
            .WithHttpClientFactory(factory, name).WithConnectivityProbe(ConnectivityProbe.Fixed(true)).Build();
        var path = "/guard-" + Guid.NewGuid().ToString("N");
        var url = $"http://127.0.0.1:{Site.Port}{path}";
        using var bound = Bound();

        using var plain = Checker("plain");
        using var lax = Checker("lax");
        using var guarded = Checker("guarded");
        await Assert.ThrowsExactlyAsync<LinkOptionsException>(() => plain.CheckAsync(url, bound.Token));
        var laxError = await Assert.ThrowsExactlyAsync<LinkOptionsException>(() => lax.CheckAsync(url, bound.Token));
        var result = await guarded.CheckAsync(url, bound.Token);

        StringAssert.Contains(laxError.Message, "allowPrivateAddresses: true");
        Assert.AreEqual(LinkVerdict.NotAllowed, result.Verdict, "the guard refuses the loopback address");
        Assert.AreEqual(0, Site.Hits(path));
    }

    [TestMethod]
    public async Task CheckAsync_UrlWithPassword_RedactedInResultsReportsAndHistoryButUsedForTheRequest()
    {
        var database = Path.Combine(Path.GetTempPath(), "citations-history-credentials-" + Guid.NewGuid().ToString("N") + ".db");
        var target = new LinkTarget($"http://user:secret@site.test:{Site.Port}/needs-credentials") { SourceId = "private-report" };
        LinkCheckResult result;
        using (var history = Citations.Links.History.LinkHistory.Open(database))
        using (var checker = TestChecker.Builder(o => o.DetectSoft404 = false).WithHistory(history).Build())
        using (var bound = Bound())
        {
            result = (await checker.CheckAllAsync([target], null, bound.Token)).Single();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var stored = System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(database));
        File.Delete(database);
        var report = new LinkReport([result], DateTimeOffset.UnixEpoch);
        var outputs = new[]
        {
            result.Url,
            await WriteAsync(JsonLinkReportWriter.Indented, report),
            MarkdownLinkReportWriter.Render(report),
            await WriteAsync(JUnitLinkReportWriter.Instance, report),
            string.Join("\n", LinkReportText.SummaryLines(report)),
            LinkReportText.ResultLine(result),
        };

        Assert.AreEqual(LinkVerdict.Alive, result.Verdict, "the request carried the credentials");
        Assert.AreEqual($"http://user:***@site.test:{Site.Port}/needs-credentials", result.Url);
        foreach (var output in outputs)
        {
            Assert.DoesNotContain("secret", output);
        }

        StringAssert.Contains(stored, "user:***@site.test", "the history stores the redacted URL");
        Assert.DoesNotContain("secret", stored);
    }

    [TestMethod]
    public async Task WithNetworkFromEnvironment_LoopbackResolver_PublicNamesNotResolvedAndCheckerOffline()
    {
        var variables = new Dictionary<string, string?> { [LinkCheckerBuilder.ResolverVariable] = "loopback" };
        using var checker = new LinkCheckerBuilder { Options = new LinkCheckerOptions { MaxRetries = 0 } }
            .WithNetworkFromEnvironment(name => variables.GetValueOrDefault(name))
            .Build();
        using var bound = Bound();

        var result = await checker.CheckAsync("https://www.cdc.gov/nchs/nvss/vsrr/drug-overdose-data.htm", bound.Token);

        Assert.AreEqual(LinkVerdict.Inconclusive, result.Verdict);
        Assert.AreEqual(LinkErrorKind.NameNotFound, result.Evidence.Error?.Kind);
        Assert.IsFalse(result.Evidence.Connectivity!.Online, "the default probe asked the loopback resolver");
    }

    [TestMethod]
    public async Task WithNetworkFromEnvironment_LoopbackResolverAndOnlineProbe_NameGone()
    {
        var variables = new Dictionary<string, string?> { [LinkCheckerBuilder.ResolverVariable] = "Loopback", [LinkCheckerBuilder.ProbeVariable] = "online" };
        using var checker = new LinkCheckerBuilder { Options = new LinkCheckerOptions { MaxRetries = 0 } }
            .WithNetworkFromEnvironment(name => variables.GetValueOrDefault(name))
            .Build();
        using var bound = Bound();

        var result = await checker.CheckAsync("https://www.cdc.gov/nchs/", bound.Token);

        Assert.AreEqual(LinkVerdict.Gone, result.Verdict);
        Assert.IsTrue(result.Evidence.Connectivity!.Online);
    }

    [TestMethod]
    public void WithNetworkFromEnvironment_UnknownValues_EveryProblemNamed()
    {
        var variables = new Dictionary<string, string?> { [LinkCheckerBuilder.ResolverVariable] = "google", [LinkCheckerBuilder.ProbeVariable] = "maybe" };

        var error = Assert.ThrowsExactly<LinkOptionsException>(() => new LinkCheckerBuilder().WithNetworkFromEnvironment(name => variables.GetValueOrDefault(name)));

        Assert.HasCount(2, error.Errors);
        StringAssert.Contains(error.Errors[0], LinkCheckerBuilder.ResolverVariable);
        StringAssert.Contains(error.Errors[1], "'dns', 'online' or 'offline'");
    }

    [TestMethod]
    public void Build_DurationsOutOfRange_EveryErrorWithItsRange()
    {
        var options = new LinkCheckerOptions
        {
            AttemptTimeout = TimeSpan.FromMilliseconds(5),
            TotalTimeout = TimeSpan.FromHours(30),
            MaxRetryAfter = TimeSpan.MaxValue,
            MaxAge = TimeSpan.FromDays(99_999_999 / 10),
            CircuitBreakerBreakDuration = TimeSpan.FromDays(2),
        };

        var error = Assert.ThrowsExactly<LinkOptionsException>(() => new LinkChecker(options));

        Assert.HasCount(5, error.Errors, string.Join(Environment.NewLine, error.Errors));
        Assert.IsTrue(error.Errors.Any(e => e == "TotalTimeout must be between 10 ms and 1 day, not 30 h."), string.Join(Environment.NewLine, error.Errors));
        Assert.IsTrue(error.Errors.Any(e => e == "AttemptTimeout must be between 10 ms and 1 day, not 5 ms."), string.Join(Environment.NewLine, error.Errors));
        Assert.IsTrue(error.Errors.Any(e => e.StartsWith("MaxAge must be between 0 and 36500 days", StringComparison.Ordinal)));
    }

    /// <summary>A test checker that waits as the library does by default: three retries, at most 60 s for Retry-After, 2 minutes in all.</summary>
    private static LinkChecker WithDefaultWaits() => TestChecker.Create(o =>
    {
        o.MaxRetries = 3;
        o.MaxRetryAfter = TimeSpan.FromSeconds(60);
        o.TotalTimeout = TimeSpan.FromMinutes(2);
    });

    private static async Task<string> WriteAsync(ILinkReportWriter writer, LinkReport report)
    {
        using var stream = new MemoryStream();
        await writer.WriteAsync(report, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private sealed class PassThroughHandler : DelegatingHandler;
}
