using Citations.Cli.Tests.TestSupport;
using Citations.Csl.Tests.TestSupport;
using Citations.Tests.TestSupport;

namespace Citations.Cli.Tests.Commands;

/// <summary>
/// Locales on demand in the tool (issue 10): <c>--locales DIR</c>, then the embedded en-US, then a download from
/// <c>--locales-url</c> into <c>--cache</c> (offline: the cache only), for <c>format</c> and <c>report --bibliography</c>.
/// Downloads go to a real Kestrel server on 127.0.0.1 over the shared locales, never further.
/// </summary>
[TestClass]
public sealed class LocaleLoadingTests
{
    private const string Items = "tests/Citations.Cli.Tests/TestData/format/items.json";

    public TestContext TestContext { get; set; } = null!;

    private static string SharedLocales => Path.GetDirectoryName(RepoPaths.RequireShared(Path.Combine(RepoPaths.SharedCsl, "locales", "locales-de-DE.xml")))!;

    [TestMethod]
    public async Task Format_GermanStyleWithLocalesUrl_DownloadsTheLocaleOnceThenReadsTheCache()
    {
        await using var server = await CslFileServer.StartAsync(SharedLocales);
        using var dir = new TempFiles();
        var style = dir.Write("german.csl", Style("de-DE"));
        var cache = Path.Combine(dir.Folder, "cache");

        var first = await CliRunner.RunAsync("format", "--style", style, "--items", Items, "--locales-url", server.BaseAddress.ToString(), "--cache", cache);
        var second = await CliRunner.RunAsync("format", "--style", style, "--items", Items, "--locales-url", server.BaseAddress.ToString(), "--cache", cache, "--offline");

        Assert.AreEqual(0, first.ExitCode, first.Error);
        Assert.AreEqual(string.Empty, first.Error);
        Assert.Contains("K. Brandt und K. Osei", first.Out, "the German term for 'and'");
        Assert.AreEqual(1, server.Requests("/locales-de-DE.xml"));
        Assert.AreEqual(1, server.TotalRequests, "en-US is embedded: never downloaded");
        Assert.IsTrue(File.Exists(Path.Combine(cache, "locales-de-DE.xml")));
        Assert.AreEqual(0, second.ExitCode, second.Error);
        Assert.AreEqual(first.Out, second.Out, "offline, the cached locale is used");
        Assert.AreEqual(1, server.TotalRequests);
    }

    [TestMethod]
    public async Task Format_GermanStyleOfflineNotCached_NamesTheLocaleAndHowToProvideItExit1()
    {
        using var dir = new TempFiles();
        var style = dir.Write("german.csl", Style("de-DE"));

        var outcome = await CliRunner.RunAsync("format", "--style", style, "--items", Items, "--offline", "--cache", Path.Combine(dir.Folder, "cache"));

        Assert.AreEqual(1, outcome.ExitCode, "a locale needed but unavailable offline is a problem found");
        Assert.Contains("error CSL0201: The locale de-DE is not in the cache", outcome.Error);
        Assert.Contains("Rendered with the en-US locale instead.", outcome.Error);
        Assert.Contains("citations format: the text is not in the language asked for; to provide its locale, run once without --offline (the locale is then kept in the cache), or pass --locales DIR", outcome.Error);
        Assert.DoesNotContain("warning: the style is rendered in", outcome.Error, "the library's diagnostic replaces the tool's own warning");
        Assert.Contains("K. Brandt and K. Osei", outcome.Out, "still formatted, in English");
    }

    [TestMethod]
    public async Task Format_LanguageTheServerDoesNotHave_WarnsCsl0200UsesEnglishExit0()
    {
        await using var server = await CslFileServer.StartAsync(SharedLocales);
        using var dir = new TempFiles();

        var outcome = await CliRunner.RunAsync("format", "--style", "citations-numeric", "--items", Items, "--lang", "en-ZZ", "--locales-url", server.BaseAddress.ToString(), "--cache", Path.Combine(dir.Folder, "cache"));

        Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
        Assert.Contains("warning CSL0200: No locale for en-ZZ", outcome.Error);
        Assert.AreEqual(1, server.Requests("/locales-en-ZZ.xml"));
        Assert.Contains("edited by K. Brandt and K. Osei", outcome.Out);
    }

    [TestMethod]
    public async Task Format_LocalesFolderFirst_NothingDownloaded()
    {
        await using var server = await CslFileServer.StartAsync(SharedLocales);
        using var dir = new TempFiles();

        var outcome = await CliRunner.RunAsync("format", "--style", "citations-numeric", "--items", Items, "--lang", "de-DE", "--locales", SharedLocales, "--locales-url", server.BaseAddress.ToString(), "--cache", Path.Combine(dir.Folder, "cache"));

        Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
        Assert.AreEqual(string.Empty, outcome.Error);
        Assert.Contains("K. Brandt und K. Osei", outcome.Out);
        Assert.AreEqual(0, server.TotalRequests);
    }

    [TestMethod]
    public async Task Format_GermanStyleAsARealProcess_DownloadsFromTheLoopbackServer()
    {
        await using var server = await CslFileServer.StartAsync(SharedLocales);
        using var dir = new TempFiles();
        var style = dir.Write("german.csl", Style("de-DE"));

        var outcome = await CliRunner.RunProcessAsync(TestContext.CancellationToken, "format", "--style", style, "--items", Items, "--locales-url", server.BaseAddress.ToString(), "--cache", Path.Combine(dir.Folder, "cache"));

        Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
        Assert.Contains("K. Brandt und K. Osei", outcome.Out);
        Assert.AreEqual(1, server.Requests("/locales-de-DE.xml"));
    }

    [TestMethod]
    public async Task Format_LocalesUrlNotHttp_UsageErrorExit2()
    {
        var outcome = await CliRunner.RunAsync("format", "--style", "citations-numeric", "--items", Items, "--locales-url", "ftp://127.0.0.1/locales/");

        Assert.AreEqual(2, outcome.ExitCode);
        Assert.Contains("--locales-url must be an http or https address, not 'ftp://127.0.0.1/locales/'.", outcome.Error);
    }

    [TestMethod]
    public async Task Report_BibliographyInAGermanStyle_LocaleDownloadedFromLocalesUrl()
    {
        await using var server = await CslFileServer.StartAsync(SharedLocales);
        using var dir = new TempFiles();
        var style = dir.Write("german.csl", Style("de-DE"));

        var online = await CliRunner.RunAsync("report", "seeds/article.json", "--bibliography", "--style", style, "--locales-url", server.BaseAddress.ToString(), "--cache", Path.Combine(dir.Folder, "cache"));
        var offline = await CliRunner.RunAsync("report", "seeds/article.json", "--bibliography", "--style", style, "--offline", "--cache", Path.Combine(dir.Folder, "empty-cache"));

        Assert.AreEqual(0, online.ExitCode, online.Error);
        Assert.AreEqual(1, server.Requests("/locales-de-DE.xml"));
        Assert.Contains("Reform. o.\u00A0J. [Issue brief", online.Out, "the German term for 'no date'");
        Assert.AreEqual(1, offline.ExitCode);
        Assert.Contains("error CSL0201: The locale de-DE is not in the cache", offline.Error);
        Assert.Contains("citations report: the text is not in the language asked for", offline.Error);
        Assert.Contains("n.d.", offline.Out);
    }

    [TestMethod]
    public async Task Report_LocaleOptionWithoutBibliography_UsageErrorExit2()
    {
        var outcome = await CliRunner.RunAsync("report", "seeds/article.json", "--offline");

        Assert.AreEqual(2, outcome.ExitCode);
        Assert.Contains("--offline sets where the bibliography's locales come from; add --bibliography.", outcome.Error);
    }

    /// <summary>A small author-date style in a language: names joined with the locale's "and", the "no date" term.</summary>
    private static string Style(string language) => $"""
        <style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" default-locale="{language}">
          <info><title>Localized</title><id>localized</id><updated>2026-01-01T00:00:00+00:00</updated></info>
          <citation><layout><text variable="title"/></layout></citation>
          <bibliography>
            <layout>
              <group delimiter=". ">
                <names variable="author editor"><name and="text" initialize-with=". "/></names>
                <choose><if variable="issued"><date variable="issued"><date-part name="year"/></date></if><else><text term="no date" form="short"/></else></choose>
                <text variable="title"/>
              </group>
            </layout>
          </bibliography>
        </style>
        """;
}
