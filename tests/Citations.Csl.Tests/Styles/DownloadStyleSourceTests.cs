using System.Net;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.Styles;

/// <summary>Downloading styles by id from a real local server laid out like the CSL distribution (../shared/csl/styles).</summary>
[TestClass]
[DoNotParallelize] // the tests share one server and some compare its request count before and after
public sealed class DownloadStyleSourceTests
{
    private static CslFileServer _server = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task StartServerAsync(TestContext context)
    {
        _ = context;
        _server = await CslFileServer.StartAsync(SharedCsl.Styles);
    }

    [ClassCleanup]
    public static async Task StopServerAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task LoadAsync_FirstUse_DownloadsOnceAndCaches()
    {
        using var cache = new TempDirectory();

        var style = await Loader(cache).LoadAsync("nature", TestContext.CancellationToken);

        Assert.AreEqual("http://www.zotero.org/styles/nature", style.Id);
        Assert.IsTrue(style.HasBibliography);
        Assert.AreEqual(1, _server.Requests("/nature.csl"));
        Assert.IsTrue(File.Exists(cache.Combine("nature.csl")));
        Assert.AreEqual(File.ReadAllText(Path.Combine(SharedCsl.Styles, "nature.csl")), File.ReadAllText(cache.Combine("nature.csl")));
    }

    [TestMethod]
    public async Task LoadAsync_SecondUse_ReadsTheCacheWithoutARequest()
    {
        using var cache = new TempDirectory();
        await Loader(cache).LoadAsync("the-lancet", TestContext.CancellationToken);
        var before = _server.TotalRequests;

        // A new source over the same cache, as in a second run of the tool.
        var style = await Loader(cache).LoadAsync("http://www.zotero.org/styles/the-lancet", TestContext.CancellationToken);

        Assert.AreEqual("http://www.zotero.org/styles/the-lancet", style.Id);
        Assert.AreEqual(before, _server.TotalRequests, "a cached style needs no request");
        Assert.AreEqual(1, _server.Requests("/the-lancet.csl"));
    }

    [TestMethod]
    public async Task LoadAsync_Transient503_RetriedUntilItSucceeds()
    {
        using var cache = new TempDirectory();
        _server.FailNext("/ieee.csl", 503);
        _server.FailNext("/ieee.csl", 503);

        var style = await Loader(cache).LoadAsync("ieee", TestContext.CancellationToken);

        Assert.AreEqual("http://www.zotero.org/styles/ieee", style.Id);
        Assert.AreEqual(3, _server.Requests("/ieee.csl"));
    }

    [TestMethod]
    public async Task LoadAsync_429WithLongRetryAfter_WaitsNoLongerThanTheCap()
    {
        using var cache = new TempDirectory();
        _server.FailNext("/american-chemical-society.csl", 429, retryAfter: "3600");
        var source = CslStyleSources.Download(new CslStyleDownloadOptions
        {
            BaseAddress = _server.BaseAddress,
            CacheDirectory = cache.Path,
            RetryDelay = TimeSpan.FromMilliseconds(5),
            MaxRetryAfter = TimeSpan.FromMilliseconds(20),
            TotalTimeout = TimeSpan.FromSeconds(20),
        });

        var style = await new CslStyleLoader([source]).LoadAsync("american-chemical-society", TestContext.CancellationToken);

        Assert.AreEqual("http://www.zotero.org/styles/american-chemical-society", style.Id);
        Assert.AreEqual(2, _server.Requests("/american-chemical-society.csl"));
    }

    [TestMethod]
    public async Task LoadAsync_ServerKeepsFailing_DownloadExceptionAfterEveryRetry()
    {
        using var cache = new TempDirectory();
        for (var i = 0; i < 3; i++)
        {
            _server.FailNext("/elsevier-harvard.csl", 500);
        }

        var e = await Assert.ThrowsExactlyAsync<CslStyleDownloadException>(() => Loader(cache).LoadAsync("elsevier-harvard", TestContext.CancellationToken).AsTask());

        Assert.AreEqual(HttpStatusCode.InternalServerError, e.StatusCode);
        Assert.AreEqual(3, e.Attempts);
        Assert.AreEqual(new Uri(_server.BaseAddress, "elsevier-harvard.csl"), e.Uri);
        Assert.Contains("HTTP 500", e.Message);
        Assert.IsFalse(File.Exists(cache.Combine("elsevier-harvard.csl")));
    }

    [TestMethod]
    public async Task LoadAsync_UnknownStyle_NotFoundNamingTheServerAndNoRetry()
    {
        using var cache = new TempDirectory();

        var e = await Assert.ThrowsExactlyAsync<CslStyleNotFoundException>(() => Loader(cache).LoadAsync("no-such-style", TestContext.CancellationToken).AsTask());

        Assert.AreEqual("no-such-style", e.Reference);
        Assert.StartsWith("Style 'no-such-style' was not found; looked in: ", e.Message);
        Assert.Contains(_server.BaseAddress.ToString(), e.Message);
        Assert.Contains("dependent/NAME.csl", e.Message);
        Assert.AreEqual(1, _server.Requests("/no-such-style.csl"), "a 404 is an answer, not a fault to retry");
        Assert.AreEqual(1, _server.Requests("/dependent/no-such-style.csl"));
    }

    [TestMethod]
    public async Task LoadAsync_DependentStyle_ItsParentIsDownloadedToo()
    {
        using var cache = new TempDirectory();

        var style = await Loader(cache).LoadAsync("turabian-author-date", TestContext.CancellationToken);

        Assert.AreEqual("http://www.zotero.org/styles/turabian-author-date", style.Id);
        Assert.IsFalse(style.IsDependent);
        Assert.IsTrue(style.HasBibliography, "the parent's layouts are used");
        Assert.AreEqual(1, _server.Requests("/dependent/turabian-author-date.csl"));
        Assert.AreEqual(1, _server.Requests("/chicago-author-date-17th-edition.csl"));
        Assert.IsTrue(File.Exists(cache.Combine("turabian-author-date.csl")));
        Assert.IsTrue(File.Exists(cache.Combine("chicago-author-date-17th-edition.csl")));
    }

    [TestMethod]
    public async Task LoadAsync_ErrorPageInsteadOfAStyle_ClearErrorAndNothingCached()
    {
        using var cache = new TempDirectory();
        _server.AnswerNext("/din-1505-2.csl", "<html><body>Sign in to continue</body></html>");

        var e = await Assert.ThrowsExactlyAsync<CslException>(() => Loader(cache).LoadAsync("din-1505-2", TestContext.CancellationToken).AsTask());

        Assert.AreEqual(new Uri(_server.BaseAddress, "din-1505-2.csl").ToString(), e.Location.File);
        Assert.Contains("<style>", e.Problem);
        Assert.IsFalse(File.Exists(cache.Combine("din-1505-2.csl")));
    }

    [TestMethod]
    public async Task LoadAsync_CorruptCacheFile_DownloadedAgain()
    {
        using var cache = new TempDirectory();
        File.WriteAllText(cache.Combine("springer-basic-author-date.csl"), "<style");
        var before = _server.Requests("/springer-basic-author-date.csl");

        var style = await Loader(cache).LoadAsync("springer-basic-author-date", TestContext.CancellationToken);

        Assert.AreEqual("http://www.zotero.org/styles/springer-basic-author-date", style.Id);
        Assert.AreEqual(before + 1, _server.Requests("/springer-basic-author-date.csl"));
    }

    [TestMethod]
    public async Task FindAsync_NameThatCouldEscapeTheCache_NotLookedUp()
    {
        using var cache = new TempDirectory();
        var source = CslStyleSources.Download(Options(cache));
        var before = _server.TotalRequests;

        Assert.IsNull(await source.FindAsync("..", TestContext.CancellationToken));
        Assert.IsNull(await source.FindAsync("a b", TestContext.CancellationToken));
        Assert.AreEqual(before, _server.TotalRequests);
    }

    [TestMethod]
    public async Task LoadAsync_OfflineAndCached_ReadsTheCacheWithoutARequest()
    {
        using var cache = new TempDirectory();
        File.Copy(Path.Combine(SharedCsl.Styles, "apa.csl"), cache.Combine("apa.csl"));
        var before = _server.TotalRequests;

        var style = await new CslStyleLoader([CslStyleSources.Download(Options(cache) with { Offline = true })]).LoadAsync("apa", TestContext.CancellationToken);

        Assert.AreEqual("http://www.zotero.org/styles/apa", style.Id);
        Assert.AreEqual(before, _server.TotalRequests);
    }

    [TestMethod]
    public async Task LoadAsync_OfflineAndNotCached_NotFoundSayingDownloadsAreOff()
    {
        using var cache = new TempDirectory();
        var before = _server.TotalRequests;

        var e = await Assert.ThrowsExactlyAsync<CslStyleNotFoundException>(
            () => new CslStyleLoader([CslStyleSources.Download(Options(cache) with { Offline = true })]).LoadAsync("apa", TestContext.CancellationToken).AsTask());

        Assert.Contains($"the styles cached in {cache.Path} (offline: nothing is downloaded)", e.Message);
        Assert.AreEqual(before, _server.TotalRequests);
    }

    [TestMethod]
    public async Task LoadAsync_LargerThanTheCap_DownloadExceptionAndNothingCached()
    {
        using var cache = new TempDirectory();

        var e = await Assert.ThrowsExactlyAsync<CslStyleDownloadException>(
            () => new CslStyleLoader([CslStyleSources.Download(Options(cache) with { MaxStyleBytes = 1000 })]).LoadAsync("modern-language-association", TestContext.CancellationToken).AsTask());

        Assert.AreEqual($"The style at {new Uri(_server.BaseAddress, "modern-language-association.csl")} is larger than 1000 bytes; it cannot be a CSL style.", e.Message);
        Assert.AreEqual(1, e.Attempts);
        Assert.IsFalse(File.Exists(cache.Combine("modern-language-association.csl")));
    }

    [TestMethod]
    public void Download_InvalidOptions_EveryProblemReportedAtOnce()
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => CslStyleSources.Download(new CslStyleDownloadOptions
        {
            BaseAddress = new Uri("ftp://example.invalid/"),
            CacheDirectory = " ",
            MaxRetryAttempts = -1,
        }));

        Assert.Contains("BaseAddress", e.Message);
        Assert.Contains("CacheDirectory", e.Message);
        Assert.Contains("MaxRetryAttempts", e.Message);
    }

    private static StyleOptions Options(TempDirectory cache) => new() { CacheDirectory = cache.Path };

    private static CslStyleLoader Loader(TempDirectory cache) => new([CslStyleSources.Embedded, CslStyleSources.Download(Options(cache))]);

    /// <summary>The test options as a record, so that a test can change one thing with <c>with</c>.</summary>
    private sealed record StyleOptions
    {
        public required string CacheDirectory { get; init; }

        public bool Offline { get; init; }

        public long MaxStyleBytes { get; init; } = 8 * 1024 * 1024;

        public static implicit operator CslStyleDownloadOptions(StyleOptions o) => new()
        {
            BaseAddress = _server.BaseAddress,
            CacheDirectory = o.CacheDirectory,
            Offline = o.Offline,
            MaxStyleBytes = o.MaxStyleBytes,
            RetryDelay = TimeSpan.FromMilliseconds(5),
            MaxRetryAttempts = 2,
            AttemptTimeout = TimeSpan.FromSeconds(10),
            TotalTimeout = TimeSpan.FromSeconds(20),
        };
    }
}
