using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Citations.Diagnostics;
using Citations.Links.Http;
using Citations.Links.Lookup;
using Citations.Links.Tests.Infrastructure;

namespace Citations.Links.Tests.Lookup;

[TestClass]
public sealed class DoiResolverTests
{
    private static DoiTestServer _server = null!;
    private string _cache = null!;

    [ClassInitialize]
    public static async Task StartServerAsync(TestContext context) => _server = await DoiTestServer.StartAsync();

    [ClassCleanup]
    public static async Task StopServerAsync() => await _server.DisposeAsync();

    [TestInitialize]
    public void CreateCache() => _cache = Directory.CreateTempSubdirectory("citations-doi-").FullName;

    [TestCleanup]
    public void DeleteCache() => Directory.Delete(_cache, true);

    /// <summary>Options for the loopback resolver: private addresses allowed, short waits, the test's own cache.</summary>
    private DoiLookupOptions Options(Action<DoiLookupOptions>? configure = null)
    {
        var options = new DoiLookupOptions
        {
            ResolverAddress = _server.Address,
            CacheDirectory = _cache,
            AllowPrivateAddresses = true,
            AttemptTimeout = TimeSpan.FromSeconds(5),
            TotalTimeout = TimeSpan.FromSeconds(10),
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        };
        configure?.Invoke(options);
        return options;
    }

    private async Task<ParseResult<Citations.CslData.CslItem>> ResolveAsync(string doi, Action<DoiLookupOptions>? configure = null)
    {
        using var resolver = new DoiResolver(Options(configure));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await resolver.ResolveAsync(Doi.Parse(doi), timeout.Token);
    }

    private static Diagnostic SingleError(ParseResult<Citations.CslData.CslItem> read)
    {
        Assert.IsNull(read.Value, "never a half item");
        var error = read.Diagnostics.Single();
        Assert.AreEqual(DiagnosticSeverity.Error, error.Severity);
        return error;
    }

    [TestMethod]
    public async Task ResolveAsync_KnownDoi_ItemWithTheDoiAsItsIdAskedForAsCslJson()
    {
        var read = await ResolveAsync(DoiTestServer.Known);

        Assert.IsEmpty(read.Diagnostics);
        var item = read.Value!;
        Assert.AreEqual(DoiTestServer.Known, item.Id.Text, "the resolver's id (its URL) is replaced by the DOI");
        Assert.AreEqual("A study of known things", item.Title);
        Assert.AreEqual("article-journal", item.Type);
        Assert.AreEqual(DoiResolver.CslJsonMediaType, _server.Requests.Last(r => r.Path == "/" + DoiTestServer.Known).Accept, "only CSL-JSON is asked for");
    }

    [TestMethod]
    public async Task ResolveAsync_DoiInAnotherSpelling_IdIsTheSpellingGiven()
    {
        var read = await ResolveAsync("doi:" + DoiTestServer.OneInArray);

        Assert.AreEqual(DoiTestServer.OneInArray, read.Value!.Id.Text);
        Assert.AreEqual("Alone in an array", read.Value.Title, "an array of one item is that item");
    }

    [TestMethod]
    public async Task ResolveAsync_UnknownDoi_NotFoundErrorNamingTheDoi()
    {
        var error = SingleError(await ResolveAsync(DoiTestServer.Missing));

        Assert.AreEqual(LinkDiagnosticCodes.DoiNotFound, error.Code);
        Assert.AreEqual($"DOI {DoiTestServer.Missing} is not known to the resolver ({_server.Address}{DoiTestServer.Missing} answered HTTP 404); no item was made for it.", error.Message);
    }

    [TestMethod]
    public async Task ResolveAsync_RedirectChain_FollowedAskingForCslJsonAtEveryHop()
    {
        var read = await ResolveAsync(DoiTestServer.Redirected);

        Assert.AreEqual("Found through the agency", read.Value?.Title, string.Join("\n", read.Diagnostics) + string.Join("\n", _server.Requests));
        var hops = _server.Requests.Where(r => r.Path.EndsWith(DoiTestServer.Redirected, StringComparison.Ordinal)).ToList();
        CollectionAssert.AreEqual(new[] { "/" + DoiTestServer.Redirected, "/agency/" + DoiTestServer.Redirected, "/agency/csl/" + DoiTestServer.Redirected },
            hops.Select(h => h.Path).Distinct().ToArray());
        Assert.IsTrue(hops.All(h => h.Accept == DoiResolver.CslJsonMediaType));
    }

    [TestMethod]
    public async Task ResolveAsync_RedirectLoop_ErrorNoItem()
    {
        var error = SingleError(await ResolveAsync(DoiTestServer.Loop));

        Assert.AreEqual(LinkDiagnosticCodes.DoiInvalidAnswer, error.Code);
        StringAssert.Contains(error.Message, $"DOI {DoiTestServer.Loop} could not be looked up");
        StringAssert.Contains(error.Message, "loop");
    }

    [TestMethod]
    public async Task ResolveAsync_SlowResolver_TimeoutErrorNamingTheDoi()
    {
        var error = SingleError(await ResolveAsync(DoiTestServer.Slow, o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            o.TotalTimeout = TimeSpan.FromSeconds(1);
            o.MaxRetries = 0;
        }));

        Assert.AreEqual(LinkDiagnosticCodes.DoiUnavailable, error.Code);
        StringAssert.StartsWith(error.Message, $"DOI {DoiTestServer.Slow} could not be looked up at {_server.Address}{DoiTestServer.Slow}: timeout");
    }

    [TestMethod]
    [DataRow(DoiTestServer.Malformed, "is not one CSL-JSON item: it is not CSL-JSON: ")]
    [DataRow(DoiTestServer.Html, "(text/html) is not one CSL-JSON item: it is not CSL-JSON: ")]
    [DataRow(DoiTestServer.ItemWithErrors, "is not one CSL-JSON item: its CSL-JSON has errors: ")]
    [DataRow(DoiTestServer.TwoItems, "is not one CSL-JSON item: it holds 2 items, not one")]
    public async Task ResolveAsync_AnswerNotOneValidItem_ErrorNoItemNothingCached(string doi, string problem)
    {
        var error = SingleError(await ResolveAsync(doi));

        Assert.AreEqual(LinkDiagnosticCodes.DoiInvalidAnswer, error.Code);
        StringAssert.StartsWith(error.Message, $"DOI {doi} could not be looked up at ");
        StringAssert.Contains(error.Message, problem);
        Assert.IsEmpty(Directory.GetFiles(_cache), "a bad answer never reaches the cache");
    }

    [TestMethod]
    public async Task ResolveAsync_ItemOfUnknownType_UsedWithTheReadersWarningWhereTheDoiWasNamed()
    {
        var read = await ResolveAsync(DoiTestServer.UnknownType);

        Assert.AreEqual("Typed oddly", read.Value!.Title);
        var warning = read.Diagnostics.Single();
        Assert.AreEqual(DiagnosticSeverity.Warning, warning.Severity);
        Assert.AreEqual($"doi:{DoiTestServer.UnknownType}: warning CIT0006: DOI {DoiTestServer.UnknownType}: in the resolver's answer: Item 'x': 'no-such-type' is not a CSL item type; styles will treat it as an unknown type (line 1, column 21).", warning.ToString());
    }

    [TestMethod]
    public async Task ResolveAsync_AnswerQuotedInAMessage_ControlCharactersShownEscaped()
    {
        var read = await ResolveAsync(DoiTestServer.ControlCharacters);

        var message = read.Diagnostics.Single().Message;
        Assert.Contains("'odd\\u001B[2Jtype' is not a CSL item type", message);
        Assert.IsFalse(message.Any(char.IsControl), "no control character reaches a terminal raw");
    }

    [TestMethod]
    public async Task ResolveAsync_OversizeAnswer_ErrorNotATruncatedItem()
    {
        var error = SingleError(await ResolveAsync(DoiTestServer.Oversize, o => o.MaxResponseBytes = 64 * 1024));

        Assert.AreEqual(LinkDiagnosticCodes.DoiInvalidAnswer, error.Code);
        StringAssert.Contains(error.Message, "is larger than 65536 bytes (MaxResponseBytes)");
    }

    [TestMethod]
    public async Task ResolveAsync_ServerErrorOnce_RetriedThroughThePipeline()
    {
        var read = await ResolveAsync(DoiTestServer.FlakyOnce);

        Assert.IsNotNull(read.Value, string.Join("\n", read.Diagnostics));
        Assert.AreEqual(2, _server.Hits("/" + DoiTestServer.FlakyOnce));
    }

    [TestMethod]
    public async Task ResolveAsync_SecondTime_FromTheCacheWithoutARequest()
    {
        var first = await ResolveAsync(DoiTestServer.Other);
        var hits = _server.Hits("/" + DoiTestServer.Other);
        var second = await ResolveAsync("https://doi.org/" + DoiTestServer.Other.ToLowerInvariant());

        Assert.AreEqual(hits, _server.Hits("/" + DoiTestServer.Other), "no request the second time");
        Assert.AreEqual(first.Value!.Title, second.Value!.Title);
        Assert.AreEqual(DoiTestServer.Other.ToLowerInvariant(), second.Value.Id.Text, "the id is the DOI as given this time");
    }

    [TestMethod]
    public async Task ResolveAsync_CacheEntry_NamedByTheKeysHashHoldingTheAnswer()
    {
        await ResolveAsync(DoiTestServer.Other);

        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(DoiTestServer.Other.ToLowerInvariant()))) + ".json";
        CollectionAssert.AreEqual(new[] { name }, Directory.GetFiles(_cache).Select(Path.GetFileName).ToArray());
        using var entry = JsonDocument.Parse(File.ReadAllText(Path.Combine(_cache, name)));
        var root = entry.RootElement;
        Assert.AreEqual("citations-doi-cache", root.GetProperty("format").GetString());
        Assert.AreEqual(1, root.GetProperty("version").GetInt32());
        Assert.AreEqual("10.1000/other-2", root.GetProperty("doi").GetString());
        Assert.AreEqual($"{_server.Address}{DoiTestServer.Other}", root.GetProperty("from").GetString());
        Assert.AreEqual("https://doi.org/10.1000/OTHER-2", root.GetProperty("item").GetProperty("id").GetString(), "the answer is kept as sent");
    }

    [TestMethod]
    public async Task ResolveAsync_DamagedCacheEntry_DeletedAndLookedUpAgain()
    {
        await ResolveAsync(DoiTestServer.Known);
        var entry = Directory.GetFiles(_cache).Single();
        File.WriteAllText(entry, "{\"format\": \"citations-doi-cache\", \"version\": 1, \"doi\": \"10.1000/known.1\", \"item\": {\"type\": \"book\"}}");
        var hits = _server.Hits("/" + DoiTestServer.Known);

        var read = await ResolveAsync(DoiTestServer.Known);

        Assert.IsNotNull(read.Value);
        Assert.AreEqual(hits + 1, _server.Hits("/" + DoiTestServer.Known));
        StringAssert.Contains(File.ReadAllText(entry), "A study of known things", "rewritten with the new answer");
    }

    [TestMethod]
    public async Task ResolveAsync_OfflineWithTheDoiCached_ItemWithoutARequest()
    {
        await ResolveAsync(DoiTestServer.Known);
        var requests = _server.Requests.Count;

        var read = await ResolveAsync(DoiTestServer.Known, o => o.Offline = true);

        Assert.AreEqual("A study of known things", read.Value!.Title);
        Assert.AreEqual(requests, _server.Requests.Count);
    }

    [TestMethod]
    public async Task ResolveAsync_OfflineWithoutTheDoiCached_ErrorNamingTheDoiNoRequest()
    {
        var requests = _server.Requests.Count;

        var error = SingleError(await ResolveAsync(DoiTestServer.Known, o => o.Offline = true));

        Assert.AreEqual(LinkDiagnosticCodes.DoiUnavailable, error.Code);
        Assert.AreEqual($"DOI {DoiTestServer.Known} is not in the DOI cache ({_cache}) and lookups are offline; look it up once with the network to cache it; no item was made for it.", error.Message);
        Assert.AreEqual(requests, _server.Requests.Count);
    }

    [TestMethod]
    public async Task ResolveAsync_ResolverUnreachable_ErrorNamingTheDoiAndTheCache()
    {
        var closed = new Uri($"http://127.0.0.1:{TestSite.ClosedPort()}/");

        var error = SingleError(await ResolveAsync(DoiTestServer.Known, o => o.ResolverAddress = closed));

        Assert.AreEqual(LinkDiagnosticCodes.DoiUnavailable, error.Code);
        StringAssert.StartsWith(error.Message, $"DOI {DoiTestServer.Known} could not be looked up at {closed}{DoiTestServer.Known}: connection-refused: ");
        StringAssert.Contains(error.Message, $"a DOI looked up once is kept in the DOI cache ({_cache}) and found there offline");
    }

    [TestMethod]
    public async Task ResolveAsync_PrivateResolverWithoutPermission_RefusedBeforeAnyRequest()
    {
        var requests = _server.Requests.Count;

        var error = SingleError(await ResolveAsync(DoiTestServer.Known, o => o.AllowPrivateAddresses = false));

        Assert.AreEqual(LinkDiagnosticCodes.DoiUnavailable, error.Code);
        StringAssert.Contains(error.Message, "address-not-allowed");
        Assert.AreEqual(requests, _server.Requests.Count);
    }

    [TestMethod]
    public async Task ResolveAsync_ResolverNameResolvingToLoopback_RefusedAfterDnsBeforeAnyRequest()
    {
        // The guard judges the address connected to, not the name: a resolver name that DNS points at 127.0.0.1 (as a
        // hostile answer could, on any hop of a redirect chain) is refused.
        var requests = _server.Requests.Count;
        var named = new Uri($"http://doi-resolver.test:{_server.Address.Port}/");
        using var resolver = new DoiResolver(Options(o => { o.AllowPrivateAddresses = false; o.ResolverAddress = named; }), hostResolver: new LoopbackResolver());

        var read = await resolver.ResolveAsync(Doi.Parse(DoiTestServer.Known));

        Assert.IsNull(read.Value);
        StringAssert.Contains(read.Diagnostics.Single().Message, "address-not-allowed: doi-resolver.test resolves to 127.0.0.1");
        Assert.AreEqual(requests, _server.Requests.Count);
    }

    [TestMethod]
    public async Task ResolveAsync_CallersClientWithoutGuard_RefusedBeforeAnyRequest()
    {
        using var client = new HttpClient();
        using var resolver = new DoiResolver(Options(o => o.AllowPrivateAddresses = false), client);
        var before = _server.Requests.Count;

        var e = await Assert.ThrowsExactlyAsync<LinkOptionsException>(() => resolver.ResolveAsync(Doi.Parse(DoiTestServer.Known)));

        StringAssert.Contains(string.Join(" ", e.Errors), "has no private-address guard");
        Assert.AreEqual(before, _server.Requests.Count, "nothing was sent to the resolver");
    }

    [TestMethod]
    public async Task ResolveAsync_CallersGuardedClient_PrivateResolverRefusedAsWithoutAClient()
    {
        using var client = new HttpClient(LinkHttpHandler.Create());
        using var resolver = new DoiResolver(Options(o => o.AllowPrivateAddresses = false), client);
        var before = _server.Requests.Count;

        var read = await resolver.ResolveAsync(Doi.Parse(DoiTestServer.Known));

        Assert.IsNull(read.Value);
        Assert.IsTrue(read.Diagnostics.Any(d => d.Code == LinkDiagnosticCodes.DoiUnavailable), string.Join("; ", read.Diagnostics));
        Assert.AreEqual(before, _server.Requests.Count);
    }

    [TestMethod]
    public async Task ResolveAllAsync_MixedDois_ItemsInOrderAndOneErrorPerFailure()
    {
        using var resolver = new DoiResolver(Options());
        DoiReference[] references =
        [
            new(Doi.Parse(DoiTestServer.Other), new SourceLocation("refs.doi", null, 1, 1)),
            new(Doi.Parse(DoiTestServer.Missing), new SourceLocation("refs.doi", null, 2, 1)),
            new(Doi.Parse(DoiTestServer.Known), new SourceLocation("refs.doi", null, 3, 1)),
        ];

        var read = await resolver.ResolveAllAsync(references);

        CollectionAssert.AreEqual(new[] { DoiTestServer.Other, DoiTestServer.Known }, read.Value!.Select(i => i.Id.Text).ToArray());
        var error = read.Diagnostics.Single();
        StringAssert.StartsWith(error.ToString(), $"refs.doi(2,1): error LNK0102: DOI {DoiTestServer.Missing} is not known");
    }

    [TestMethod]
    public void Constructor_InvalidOptions_EveryProblemListed()
    {
        var options = new DoiLookupOptions { ResolverAddress = new Uri("ftp://example.org/"), MaxResponseBytes = 10, Concurrency = 0, TotalTimeout = TimeSpan.FromSeconds(1) };

        var e = Assert.ThrowsExactly<LinkOptionsException>(() => new DoiResolver(options));

        Assert.HasCount(4, e.Errors);
    }

    /// <summary>Resolves every name to 127.0.0.1, as a hostile DNS answer would.</summary>
    private sealed class LoopbackResolver : HostResolver
    {
        public override ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken = default)
            => new([IPAddress.Loopback]);
    }
}
