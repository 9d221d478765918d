using Citations.Csl.Locales;
using Citations.Csl.Output;
using Citations.Csl.Processing;
using Citations.Csl.Tests.TestSupport;
using Citations.Diagnostics;

namespace Citations.Csl.Tests.Locales;

/// <summary>Downloading locales by tag from a real local server laid out like the locales repository (../shared/csl/locales).</summary>
[TestClass]
public sealed class DownloadLocaleProviderTests
{
    private const string OneItem = """[{"id": "x", "type": "book", "title": "T", "issued": {"date-parts": [[2020, 1, 5]]}}]""";

    private static CslFileServer _server = null!;

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Cancel => TestContext.CancellationToken;

    [ClassInitialize]
    public static async Task StartServerAsync(TestContext context)
    {
        _ = context;
        _server = await CslFileServer.StartAsync(SharedCsl.Locales);
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
    public async Task FindAsync_FirstUse_DownloadsOnceAndCaches()
    {
        using var cache = new TempDirectory();
        var provider = CslLocaleProvider.Download(Options(cache));

        var locale = await provider.FindAsync("nl-NL", Cancel);
        var again = await provider.FindAsync("NL-nl", Cancel);

        Assert.IsNotNull(locale);
        Assert.AreEqual("nl-NL", locale.Language);
        Assert.AreSame(locale, again, "parsed once, whatever the tag's case");
        Assert.AreEqual(1, _server.Requests("/locales-nl-NL.xml"));
        Assert.AreEqual(File.ReadAllText(Path.Combine(SharedCsl.Locales, "locales-nl-NL.xml")), File.ReadAllText(cache.Combine("locales-nl-NL.xml")));
    }

    [TestMethod]
    public async Task FindAsync_SecondProviderOverTheSameCache_NoRequest()
    {
        using var cache = new TempDirectory();
        await CslLocaleProvider.Download(Options(cache)).FindAsync("da-DK", Cancel);
        var before = _server.TotalRequests;

        var locale = await CslLocaleProvider.Download(Options(cache)).FindAsync("da-DK", Cancel);

        Assert.AreEqual("da-DK", locale?.Language);
        Assert.AreEqual(before, _server.TotalRequests, "a cached locale needs no request");
    }

    [TestMethod]
    public async Task FindAsync_OfflineAndCached_ReadsTheCache()
    {
        using var cache = new TempDirectory();
        File.Copy(Path.Combine(SharedCsl.Locales, "locales-sv-SE.xml"), cache.Combine("locales-sv-SE.xml"));
        var before = _server.TotalRequests;

        var locale = await CslLocaleProvider.Download(Options(cache) with { Offline = true }).FindAsync("sv-SE", Cancel);

        Assert.AreEqual("sv-SE", locale?.Language);
        Assert.AreEqual(before, _server.TotalRequests);
    }

    [TestMethod]
    public async Task FindAsync_OfflineAndNotCached_UnavailableNamingTheLocaleAndHowToProvideIt()
    {
        using var cache = new TempDirectory();
        var provider = CslLocaleProvider.Download(Options(cache) with { Offline = true });
        var before = _server.TotalRequests;

        var e = await Assert.ThrowsExactlyAsync<CslLocaleUnavailableException>(() => provider.FindAsync("fi-FI", Cancel).AsTask());

        Assert.AreEqual("fi-FI", e.Language);
        Assert.AreEqual(cache.Combine("locales-fi-FI.xml"), e.Location.File);
        Assert.Contains("The locale fi-FI is not in the cache", e.Message);
        Assert.Contains("offline", e.Message);
        Assert.Contains("download it once while online, or use a folder of CSL locale files", e.Message);
        Assert.Contains("locales-fi-FI.xml", e.Message);
        Assert.AreEqual(before, _server.TotalRequests, "offline means no request at all");
    }

    [TestMethod]
    public async Task CreateAsync_OfflineAndNotCached_ErrorOnTheProcessorAndItsResultsAndEnglishTerms()
    {
        using var cache = new TempDirectory();
        var style = TestStyle.Citation("""<layout><text term="and"/></layout>""", attributes: """default-locale="de-DE" """);
        var locales = CslLocaleProvider.Combine(CslLocaleProvider.Embedded, CslLocaleProvider.Download(Options(cache) with { Offline = true }));

        var processor = await CslProcessor.CreateAsync(style, new CslProcessorOptions { Locales = locales, Format = CslOutputFormat.Text }, Cancel);
        var result = processor.FormatDocument(Render.Items(OneItem), [CslCitation.Of("x")], bibliography: true);

        var error = processor.Warnings.Single();
        Assert.AreEqual(DiagnosticSeverity.Error, error.Severity);
        Assert.AreEqual(CslDiagnosticCodes.LocaleUnavailable, error.Code);
        Assert.Contains("The locale de-DE is not in the cache", error.Message);
        Assert.EndsWith("Rendered with the en-US locale instead.", error.Message);
        Assert.AreEqual("and", result.Citations.Single());
        Assert.AreSame(error, result.Warnings[0]);
        Assert.AreSame(error, result.Bibliography!.Warnings[0]);
        Assert.AreSame(error, processor.FormatBibliography(Render.Items(OneItem)).Warnings[0]);
    }

    [TestMethod]
    public async Task CreateAsync_StyleDefaultLocale_DownloadedAndUsedWithoutWarnings()
    {
        using var cache = new TempDirectory();
        var style = TestStyle.Bibliography("""<layout><group delimiter=" | "><text term="and"/><date variable="issued" form="text"/></group></layout>""", attributes: """default-locale="de-AT" """);

        var processor = await CslProcessor.CreateAsync(style, new CslProcessorOptions { Locales = Locales(cache), Format = CslOutputFormat.Text }, Cancel);

        Assert.AreEqual("de-AT", processor.Language);
        Assert.IsEmpty(processor.Warnings);
        Assert.AreEqual("Und | 5. Jänner 2020", processor.FormatBibliography(Render.Items(OneItem)).Entries.Single().Text);
        Assert.AreEqual(1, _server.Requests("/locales-de-AT.xml"));
        Assert.AreEqual(1, _server.Requests("/locales-de-DE.xml"), "the primary dialect is the next layer");
        Assert.AreEqual(0, _server.Requests("/locales-en-US.xml"), "en-US is embedded");
    }

    [TestMethod]
    public async Task CreateAsync_DialectPrimaryDialectEnglish_LayeredInCslOrder()
    {
        using var directory = new TempDirectory();
        directory.Write("locales-de-AT.xml", Locale("de-AT", """<term name="and">und-AT</term>"""));
        directory.Write("locales-de-DE.xml", Locale("de-DE", """<term name="and">und-DE</term><term name="et-al">u. a.</term>"""));
        await using var server = await CslFileServer.StartAsync(directory.Path);
        using var cache = new TempDirectory();
        var locales = CslLocaleProvider.Combine(CslLocaleProvider.Embedded, CslLocaleProvider.Download(Options(cache) with { BaseAddress = server.BaseAddress }));
        var style = TestStyle.Citation("""<layout><group delimiter="|"><text term="and"/><text term="et-al"/><text term="ibid"/></group></layout>""");

        var processor = await CslProcessor.CreateAsync(style, new CslProcessorOptions { Language = "de-AT", Locales = locales, Format = CslOutputFormat.Text }, Cancel);

        Assert.AreEqual("und-AT|u. a.|ibid.", processor.FormatDocument(Render.Items(OneItem), [CslCitation.Of("x")]).Citations.Single());
        Assert.IsEmpty(processor.Warnings);
    }

    [TestMethod]
    public async Task CreateAsync_DialectWithoutAFile_PrimaryDialectWithAWarning()
    {
        using var cache = new TempDirectory();
        var style = TestStyle.Citation("""<layout><text term="and"/></layout>""");

        var processor = await CslProcessor.CreateAsync(style, new CslProcessorOptions { Language = "de-LU", Locales = Locales(cache), Format = CslOutputFormat.Text }, Cancel);

        Assert.AreEqual("de-DE", processor.Language);
        Assert.AreEqual("und", processor.FormatDocument(Render.Items(OneItem), [CslCitation.Of("x")]).Citations.Single());
        var warning = processor.Warnings.Single();
        Assert.AreEqual(DiagnosticSeverity.Warning, warning.Severity);
        Assert.AreEqual(CslDiagnosticCodes.LocaleNotFound, warning.Code);
        Assert.StartsWith("No locale for de-LU in the embedded en-US locale, then " + _server.BaseAddress + "locales-xx-XX.xml (cached in ", warning.Message);
        Assert.EndsWith("rendered with the de-DE locale instead.", warning.Message);
        Assert.AreEqual(1, _server.Requests("/locales-de-LU.xml"));
    }

    [TestMethod]
    public async Task CreateAsync_LanguageWithNoLocaleAtAll_EnglishWithAWarning()
    {
        using var cache = new TempDirectory();
        var style = TestStyle.Citation("""<layout><text term="and"/></layout>""", attributes: """default-locale="xq" """);

        var processor = await CslProcessor.CreateAsync(style, new CslProcessorOptions { Locales = Locales(cache), Format = CslOutputFormat.Text }, Cancel);

        Assert.AreEqual("and", processor.FormatDocument(Render.Items(OneItem), [CslCitation.Of("x")]).Citations.Single());
        var warning = processor.Warnings.Single();
        Assert.AreEqual(CslDiagnosticCodes.LocaleNotFound, warning.Code);
        Assert.EndsWith("rendered with the en-US locale instead.", warning.Message);
        Assert.AreEqual(1, _server.Requests("/locales-xq.xml"));
        Assert.IsFalse(File.Exists(cache.Combine("locales-xq.xml")), "a 404 is not cached on disk");
    }

    [TestMethod]
    public async Task FindAsync_LargerThanTheCap_RefusedAndNotCached()
    {
        using var cache = new TempDirectory();
        var provider = CslLocaleProvider.Download(Options(cache) with { MaxLocaleBytes = 4096 });

        var e = await Assert.ThrowsExactlyAsync<CslLocaleUnavailableException>(() => provider.FindAsync("pl-PL", Cancel).AsTask());

        Assert.AreEqual("pl-PL", e.Language);
        Assert.AreEqual(new Uri(_server.BaseAddress, "locales-pl-PL.xml").ToString(), e.Location.File);
        Assert.Contains("is larger than 4096 bytes; it cannot be a CSL locale.", e.Message);
        Assert.IsFalse(File.Exists(cache.Combine("locales-pl-PL.xml")));
        Assert.AreEqual(1, _server.Requests("/locales-pl-PL.xml"), "a body over the cap is an answer, not a fault to retry");
    }

    [TestMethod]
    public async Task CreateAsync_LargerThanTheCap_ErrorDiagnosticAndFallback()
    {
        using var cache = new TempDirectory();
        var locales = CslLocaleProvider.Combine(CslLocaleProvider.Embedded, CslLocaleProvider.Download(Options(cache) with { MaxLocaleBytes = 4096 }));
        var style = TestStyle.Citation("""<layout><text term="and"/></layout>""", attributes: """default-locale="pt-PT" """);

        var processor = await CslProcessor.CreateAsync(style, new CslProcessorOptions { Locales = locales, Format = CslOutputFormat.Text }, Cancel);

        var error = processor.Warnings.Single();
        Assert.AreEqual(DiagnosticSeverity.Error, error.Severity);
        Assert.AreEqual(CslDiagnosticCodes.LocaleUnavailable, error.Code);
        Assert.Contains("larger than 4096 bytes", error.Message);
        Assert.AreEqual("and", processor.FormatDocument(Render.Items(OneItem), [CslCitation.Of("x")]).Citations.Single());
    }

    [TestMethod]
    public async Task FindAsync_MalformedLocale_RefusedWithLineAndColumnAndNotCached()
    {
        using var cache = new TempDirectory();
        _server.AnswerNext("/locales-ro-RO.xml", "<locale xmlns=\"http://purl.org/net/xbiblio/csl\" xml:lang=\"ro-RO\">\n<terms>\n</locale>", "application/xml");

        var e = await Assert.ThrowsExactlyAsync<CslLocaleUnavailableException>(() => CslLocaleProvider.Download(Options(cache)).FindAsync("ro-RO", Cancel).AsTask());

        Assert.AreEqual(new Uri(_server.BaseAddress, "locales-ro-RO.xml").ToString(), e.Location.File);
        Assert.AreEqual(3, e.Location.Line);
        Assert.Contains("is not a CSL locale: Malformed XML", e.Message);
        Assert.IsInstanceOfType<CslException>(e.InnerException);
        Assert.IsFalse(File.Exists(cache.Combine("locales-ro-RO.xml")));
    }

    [TestMethod]
    public async Task FindAsync_ErrorPageInsteadOfALocale_Refused()
    {
        using var cache = new TempDirectory();
        _server.AnswerNext("/locales-hu-HU.xml", "<html><body>Sign in to continue</body></html>");

        var e = await Assert.ThrowsExactlyAsync<CslLocaleUnavailableException>(() => CslLocaleProvider.Download(Options(cache)).FindAsync("hu-HU", Cancel).AsTask());

        Assert.Contains("Expected a <locale> root element, found <html>.", e.Message);
        Assert.IsFalse(File.Exists(cache.Combine("locales-hu-HU.xml")));
    }

    [TestMethod]
    public async Task FindAsync_LocaleOfAnotherLanguage_Refused()
    {
        using var cache = new TempDirectory();
        _server.AnswerNext("/locales-it-IT.xml", File.ReadAllText(Path.Combine(SharedCsl.Locales, "locales-es-ES.xml")), "application/xml");

        var e = await Assert.ThrowsExactlyAsync<CslLocaleUnavailableException>(() => CslLocaleProvider.Download(Options(cache)).FindAsync("it-IT", Cancel).AsTask());

        Assert.Contains("is the locale for es-ES, not it-IT", e.Message);
        Assert.IsFalse(File.Exists(cache.Combine("locales-it-IT.xml")));
    }

    [TestMethod]
    public async Task FindAsync_Transient503_RetriedUntilItSucceeds()
    {
        using var cache = new TempDirectory();
        _server.FailNext("/locales-cs-CZ.xml", 503);

        var locale = await CslLocaleProvider.Download(Options(cache)).FindAsync("cs-CZ", Cancel);

        Assert.AreEqual("cs-CZ", locale?.Language);
        Assert.AreEqual(2, _server.Requests("/locales-cs-CZ.xml"));
    }

    [TestMethod]
    public async Task FindAsync_429WithLongRetryAfter_WaitsNoLongerThanTheCap()
    {
        using var cache = new TempDirectory();
        _server.FailNext("/locales-ca-AD.xml", 429, retryAfter: "3600");

        var locale = await CslLocaleProvider.Download(Options(cache) with { MaxRetryAfter = TimeSpan.FromMilliseconds(20) }).FindAsync("ca-AD", Cancel);

        Assert.AreEqual("ca-AD", locale?.Language);
        Assert.AreEqual(2, _server.Requests("/locales-ca-AD.xml"));
    }

    [TestMethod]
    public async Task FindAsync_ServerKeepsFailing_UnavailableAfterEveryRetry()
    {
        using var cache = new TempDirectory();
        for (var i = 0; i < 3; i++)
        {
            _server.FailNext("/locales-el-GR.xml", 500);
        }

        var e = await Assert.ThrowsExactlyAsync<CslLocaleUnavailableException>(() => CslLocaleProvider.Download(Options(cache)).FindAsync("el-GR", Cancel).AsTask());

        Assert.Contains($"Downloading the locale {new Uri(_server.BaseAddress, "locales-el-GR.xml")} failed after 3 attempt(s): the server answered HTTP 500", e.Message);
        Assert.AreEqual(3, _server.Requests("/locales-el-GR.xml"));
        Assert.IsFalse(File.Exists(cache.Combine("locales-el-GR.xml")));
    }

    [TestMethod]
    public async Task FindAsync_CorruptCacheFile_DownloadedAgain()
    {
        using var cache = new TempDirectory();
        File.WriteAllText(cache.Combine("locales-lt-LT.xml"), "<locale");

        var locale = await CslLocaleProvider.Download(Options(cache)).FindAsync("lt-LT", Cancel);

        Assert.AreEqual("lt-LT", locale?.Language);
        Assert.AreEqual(1, _server.Requests("/locales-lt-LT.xml"));
        Assert.AreEqual(File.ReadAllText(Path.Combine(SharedCsl.Locales, "locales-lt-LT.xml")), File.ReadAllText(cache.Combine("locales-lt-LT.xml")));
    }

    [TestMethod]
    [DataRow("..")]
    [DataRow("../locales-en-US")]
    [DataRow("en US")]
    [DataRow("locales.json")]
    [DataRow("http://example.invalid/x")]
    public async Task FindAsync_TagThatCouldLeaveTheFolder_NotRequested(string tag)
    {
        using var cache = new TempDirectory();
        var before = _server.TotalRequests;

        Assert.IsNull(await CslLocaleProvider.Download(Options(cache)).FindAsync(tag, Cancel));
        Assert.AreEqual(before, _server.TotalRequests);
    }

    [TestMethod]
    public async Task CreateAsync_TwoProcessorsAtOnce_OneDownloadAndAWholeCache()
    {
        using var cache = new TempDirectory();
        var style = TestStyle.Citation("""<layout><text term="and"/></layout>""", attributes: """default-locale="ko-KR" """);
        var (release, arrived) = _server.HoldNext("/locales-ko-KR.xml");
        var first = CslProcessor.CreateAsync(style, new CslProcessorOptions { Locales = Locales(cache) }, Cancel).AsTask();
        await arrived.WaitAsync(TimeSpan.FromSeconds(30), Cancel);

        // A second provider over the same cache, as a second processor in the same application would have.
        var second = CslProcessor.CreateAsync(style, new CslProcessorOptions { Locales = Locales(cache) }, Cancel).AsTask();
        release.SetResult();
        var processors = await Task.WhenAll(first, second);

        Assert.AreEqual(1, _server.Requests("/locales-ko-KR.xml"));
        Assert.IsTrue(processors.All(p => p.Language == "ko-KR" && p.Warnings.Count == 0));
        Assert.AreEqual(File.ReadAllText(Path.Combine(SharedCsl.Locales, "locales-ko-KR.xml")), File.ReadAllText(cache.Combine("locales-ko-KR.xml")));
        Assert.IsEmpty(Directory.GetFiles(cache.Path, "*.tmp"), "no temporary file is left behind");
    }

    [TestMethod]
    public async Task Find_SynchronousCreate_DownloadsToo()
    {
        using var cache = new TempDirectory();
        var style = TestStyle.Citation("""<layout><text term="and"/></layout>""", attributes: """default-locale="tr-TR" """);

        var processor = await Task.Run(() => CslProcessor.Create(style, new CslProcessorOptions { Locales = Locales(cache), Format = CslOutputFormat.Text }), Cancel);

        Assert.AreEqual("tr-TR", processor.Language);
        Assert.AreEqual("ve", processor.FormatDocument(Render.Items(OneItem), [CslCitation.Of("x")]).Citations.Single());
        Assert.AreEqual(1, _server.Requests("/locales-tr-TR.xml"));
    }

    [TestMethod]
    public async Task Download_HttpClientFactory_TakesItsClientForEachDownload()
    {
        using var cache = new TempDirectory();
        using var factory = new CountingClientFactory();
        var provider = CslLocaleProvider.Download(Options(cache) with { HttpClientFactory = factory, HttpClientName = "csl" });

        var locale = await provider.FindAsync("uk-UA", Cancel);

        Assert.AreEqual("uk-UA", locale?.Language);
        CollectionAssert.AreEqual(new[] { "csl" }, factory.Names.ToArray());
    }

    [TestMethod]
    public void Download_InvalidOptions_EveryProblemReportedAtOnce()
    {
        using var client = new HttpClient();
        using var factory = new CountingClientFactory();

        var e = Assert.ThrowsExactly<ArgumentException>(() => CslLocaleProvider.Download(new CslLocaleDownloadOptions
        {
            BaseAddress = new Uri("file:///tmp/locales/"),
            CacheDirectory = "",
            MaxRetryAttempts = 101,
            MaxLocaleBytes = 0,
            HttpClient = client,
            HttpClientFactory = factory,
        }));

        Assert.Contains("BaseAddress", e.Message);
        Assert.Contains("CacheDirectory", e.Message);
        Assert.Contains("MaxRetryAttempts", e.Message);
        Assert.Contains("MaxLocaleBytes", e.Message);
        Assert.Contains("HttpClient or HttpClientFactory, not both", e.Message);
    }

    [TestMethod]
    public void Defaults_OfficialRepositoryAndALocalesCacheFolder()
    {
        var options = new CslLocaleDownloadOptions();

        Assert.AreEqual(new Uri(CslLocaleDownloadOptions.DefaultBaseAddress), options.BaseAddress);
        Assert.AreEqual(CslLocaleDownloadOptions.DefaultCacheDirectory(), options.CacheDirectory);
        Assert.AreEqual("locales", Path.GetFileName(options.CacheDirectory));
        Assert.IsFalse(options.Offline);
    }

    private static LocaleOptions Options(TempDirectory cache) => new()
    {
        BaseAddress = _server.BaseAddress,
        CacheDirectory = cache.Path,
    };

    /// <summary>Embedded first (en-US is never downloaded), then downloads from the test server.</summary>
    private static CslLocaleProvider Locales(TempDirectory cache)
        => CslLocaleProvider.Combine(CslLocaleProvider.Embedded, CslLocaleProvider.Download(Options(cache)));

    private static string Locale(string language, string terms)
        => $"""<locale xmlns="http://purl.org/net/xbiblio/csl" version="1.0" xml:lang="{language}"><terms>{terms}</terms></locale>""";

    /// <summary>The test options as a record, so that each test can change one thing with <c>with</c>.</summary>
    private sealed record LocaleOptions
    {
        public required Uri BaseAddress { get; init; }

        public required string CacheDirectory { get; init; }

        public bool Offline { get; init; }

        public long MaxLocaleBytes { get; init; } = 1024 * 1024;

        public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

        public IHttpClientFactory? HttpClientFactory { get; init; }

        public string HttpClientName { get; init; } = string.Empty;

        public static implicit operator CslLocaleDownloadOptions(LocaleOptions o) => new()
        {
            BaseAddress = o.BaseAddress,
            CacheDirectory = o.CacheDirectory,
            Offline = o.Offline,
            MaxLocaleBytes = o.MaxLocaleBytes,
            MaxRetryAfter = o.MaxRetryAfter,
            HttpClientFactory = o.HttpClientFactory,
            HttpClientName = o.HttpClientName,
            RetryDelay = TimeSpan.FromMilliseconds(5),
            MaxRetryAttempts = 2,
            AttemptTimeout = TimeSpan.FromSeconds(10),
            TotalTimeout = TimeSpan.FromSeconds(20),
        };
    }

    /// <summary>A factory as dependency injection would give: it hands out one real client and records the names asked for.</summary>
    private sealed class CountingClientFactory : IHttpClientFactory, IDisposable
    {
        private readonly HttpClient _client = new();
        private readonly List<string> _names = [];

        public IReadOnlyList<string> Names
        {
            get
            {
                lock (_names)
                {
                    return [.. _names];
                }
            }
        }

        public HttpClient CreateClient(string name)
        {
            lock (_names)
            {
                _names.Add(name);
            }

            return _client;
        }

        public void Dispose() => _client.Dispose();
    }
}
