using Citations.Csl.Locales;
using Citations.Csl.Output;
using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;
using Citations.Diagnostics;

namespace Citations.Csl.Tests.Locales;

[TestClass]
public sealed class LocaleProviderTests
{
    private static readonly CslStyle Style = TestStyle.Citation("""<layout><text term="and"/></layout>""");

    private const string OneItem = """[{"id": "x", "type": "book"}]""";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Create_DefaultOptions_UsesEmbeddedEnglishAndPlainText()
    {
        var style = TestStyle.Citation("""<layout><group delimiter=" "><text term="and"/><text term="et-al" font-style="italic"/></group></layout>""");

        var processor = CslProcessor.Create(style);

        Assert.AreEqual("en-US", processor.Language);
        Assert.AreSame(CslOutputFormat.Text, processor.Format);
        Assert.AreEqual(1, processor.MaxDegreeOfParallelism);
        Assert.AreSame(style, processor.Style);
        Assert.AreEqual("and et al.", processor.FormatDocument(Render.Items(OneItem), [CslCitation.Of("x")]).Citations.Single());
    }

    [TestMethod]
    public void Create_UnknownLanguageWithEmbeddedLocale_FallsBackToEnglish()
    {
        var processor = CslProcessor.Create(Style, new CslProcessorOptions { Language = "xx-XX", Format = CslOutputFormat.Text });

        Assert.AreEqual("and", processor.FormatDocument(Render.Items(OneItem), [CslCitation.Of("x")]).Citations.Single());
    }

    [TestMethod]
    public void FromDirectory_WithoutEnglishFile_FallsBackToTheEmbeddedLocale()
    {
        using var directory = new TempDirectory();
        var provider = CslLocaleProvider.FromDirectory(directory.Path);

        Assert.AreSame(CslLocaleProvider.Embedded.Find("en-US"), provider.Find("en-US"));
        Assert.IsNull(provider.Find("fr-FR"));
    }

    [TestMethod]
    public void Embedded_OtherLanguages_AreNotFound()
    {
        Assert.IsNull(CslLocaleProvider.Embedded.Find("fr-FR"));
        Assert.IsNull(CslLocaleProvider.Embedded.Find("de"));
    }

    [TestMethod]
    [DataRow("de", "de-DE")]
    [DataRow("en", "en-US")]
    [DataRow("pt", "pt-PT")]
    [DataRow("zh", "zh-CN")]
    public void PrimaryDialect_BareLanguage_IsTheMainVariety(string language, string expected)
    {
        Assert.AreEqual(expected, CslLocaleProvider.Embedded.PrimaryDialect(language));
        Assert.AreEqual(expected, Render.Locales.PrimaryDialect(language));
    }

    [TestMethod]
    public void PrimaryDialect_UnknownLanguage_IsNull()
        => Assert.IsNull(CslLocaleProvider.Embedded.PrimaryDialect("qq"));

    [TestMethod]
    public void FromDirectory_ExistingFile_IsParsedWithItsLanguage()
    {
        var locale = Render.Locales.Find("fr-FR");

        Assert.IsNotNull(locale);
        Assert.AreEqual("fr-FR", locale.Language);
        Assert.AreSame(locale, Render.Locales.Find("FR-fr"), "each file is parsed once, whatever the tag's case");
    }

    [TestMethod]
    [DataRow("xx-XX")]
    [DataRow("../locales/locales-fr-FR")]
    [DataRow("..\\fr-FR")]
    [DataRow("fr.FR")]
    public void FromDirectory_MissingOrPathLikeTag_IsNotFound(string tag)
        => Assert.IsNull(Render.Locales.Find(tag));

    [TestMethod]
    public void FromDirectory_WithoutLocalesJson_UsesBuiltInPrimaryDialects()
    {
        using var directory = new TempDirectory();

        Assert.AreEqual("fr-FR", CslLocaleProvider.FromDirectory(directory.Path).PrimaryDialect("fr"));
    }

    [TestMethod]
    public void FromDirectory_LocalesJson_NamesThePrimaryDialects()
    {
        using var directory = new TempDirectory();
        directory.Write("locales.json", """{"primary-dialects": {"fr": "fr-CA"}}""");

        Assert.AreEqual("fr-CA", CslLocaleProvider.FromDirectory(directory.Path).PrimaryDialect("fr"));
    }

    [TestMethod]
    [DataRow("de", "de-DE", "und")]
    [DataRow("de-AT", "de-AT", "und")]
    [DataRow("fr", "fr-FR", "et")]
    [DataRow("en-GB", "en-GB", "and")]
    [DataRow("pt-BR", "pt-BR", "e")]
    public void Create_Language_PicksTheLocaleFile(string language, string expectedLanguage, string and)
    {
        var processor = Render.Processor(Style, language: language);

        Assert.AreEqual(expectedLanguage, processor.Language);
        Assert.AreEqual(and, processor.FormatDocument(Render.Items("""[{"id": "x", "type": "book"}]"""), [CslCitation.Of("x")]).Citations.Single());
    }

    [TestMethod]
    public void Create_StyleDefaultLocale_IsUsedWithoutALanguage()
    {
        var style = TestStyle.Citation("""<layout><text term="and"/></layout>""", attributes: """default-locale="de-DE" """);

        Assert.AreEqual("de-DE", Render.Processor(style).Language);
        Assert.AreEqual("fr-FR", Render.Processor(style, language: "fr-FR").Language, "an explicit language overrides the style's");
    }

    [TestMethod]
    public void Create_LanguageIsFallback_StyleDefaultLocaleWins()
    {
        var withDefault = TestStyle.Citation("""<layout><text term="and"/></layout>""", attributes: """default-locale="de-DE" """);
        var options = new CslProcessorOptions { Language = "fr-FR", LanguageIsFallback = true, Locales = Render.Locales };

        Assert.AreEqual("de-DE", CslProcessor.Create(withDefault, options).Language);
        Assert.AreEqual("fr-FR", CslProcessor.Create(Style, options).Language);
    }

    [TestMethod]
    public void Create_UnknownLanguage_FallsBackToEnglishTerms()
    {
        var processor = Render.Processor(Style, language: "xx-XX");

        Assert.AreEqual("and", processor.FormatDocument(Render.Items("""[{"id": "x", "type": "book"}]"""), [CslCitation.Of("x")]).Citations.Single());
    }

    [TestMethod]
    public void Create_CustomProvider_SuppliesTheTerms()
    {
        var processor = CslProcessor.Create(Style, new CslProcessorOptions { Locales = new SingleLocaleProvider(), Format = CslOutputFormat.Text });

        Assert.AreEqual("en-US", processor.Language);
        Assert.AreEqual("plus", processor.FormatDocument(Render.Items("""[{"id": "x", "type": "book"}]"""), [CslCitation.Of("x")]).Citations.Single());
    }

    [TestMethod]
    public void PrimaryDialect_BuiltInTable_IsTheOfficialLocalesJson()
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(SharedCsl.Locales, "locales.json")));
        var official = json.RootElement.GetProperty("primary-dialects").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

        var differences = official.Where(p => CslLocaleProvider.Embedded.PrimaryDialect(p.Key) != p.Value)
            .Select(p => $"{p.Key}: official {p.Value}, ours {CslLocaleProvider.Embedded.PrimaryDialect(p.Key) ?? "(none)"}")
            .ToList();

        Assert.IsGreaterThan(40, official.Count);
        Assert.IsEmpty(differences, string.Join("\n", differences));
    }

    [TestMethod]
    public void FromDirectory_TagInAnotherCaseAskedFirst_FindsTheFile()
    {
        var provider = CslLocaleProvider.FromDirectory(SharedCsl.Locales);

        Assert.AreEqual("sr-Latn-RS", provider.Find("SR-latn-rs")?.Language);
        Assert.AreSame(provider.Find("SR-latn-rs"), provider.Find("sr-Latn-RS"));
    }

    [TestMethod]
    public void Create_EmbeddedOnlyStyleInGerman_WarnsInsteadOfBeingSilent()
    {
        var style = TestStyle.Citation("""<layout><text term="and"/></layout>""", attributes: """default-locale="de-DE" """);

        var processor = CslProcessor.Create(style, new CslProcessorOptions { Format = CslOutputFormat.Text });
        var result = processor.FormatDocument(Render.Items(OneItem), [CslCitation.Of("x")], bibliography: true);

        var warning = processor.Warnings.Single();
        Assert.AreEqual(DiagnosticSeverity.Warning, warning.Severity);
        Assert.AreEqual(CslDiagnosticCodes.LocaleNotFound, warning.Code);
        Assert.AreEqual("No locale for de-DE in the embedded en-US locale; rendered with the en-US locale instead.", warning.Message);
        Assert.AreEqual("and", result.Citations.Single());
        CollectionAssert.Contains(result.Warnings.ToList(), warning);
        CollectionAssert.Contains(result.Bibliography!.Warnings.ToList(), warning);
    }

    [TestMethod]
    public void Create_StyleFileInGermanWithTheEmbeddedLocale_WarningNamesTheStyleFile()
    {
        var path = Path.Combine(SharedCsl.Styles, "din-1505-2.csl");

        var processor = CslProcessor.Create(CslStyle.Load(path));

        Assert.AreEqual(path, processor.Warnings.Single().Location.File);
        Assert.StartsWith("No locale for de-DE", processor.Warnings.Single().Message);
    }

    [TestMethod]
    [DataRow("en-US")]
    [DataRow("fr-FR")]
    [DataRow("fr")]
    [DataRow("pt-BR")]
    public void Create_LocaleFound_NoWarnings(string language)
    {
        var processor = Render.Processor(Style, language: language);

        Assert.IsEmpty(processor.Warnings, string.Join("\n", processor.Warnings));
        Assert.IsEmpty(processor.FormatBibliography(Render.Items(OneItem)).Warnings);
    }

    [TestMethod]
    public void Create_EnglishVarietyMissing_WarnsAndUsesEnUs()
    {
        var processor = CslProcessor.Create(Style, new CslProcessorOptions { Language = "en-GB" });

        Assert.AreEqual("en-US", processor.Language);
        Assert.AreEqual("No locale for en-GB in the embedded en-US locale; rendered with the en-US locale instead.", processor.Warnings.Single().Message);
    }

    [TestMethod]
    public void Combine_FirstProviderWithTheLocale_Wins()
    {
        var provider = CslLocaleProvider.Combine(new SingleLocaleProvider(), Render.Locales);

        Assert.AreEqual("plus", provider.Find("en-US")!.Terms[new TermKey("and", TermForm.Long, Gender.Neuter)].Single);
        Assert.AreEqual("fr-FR", provider.Find("fr-FR")?.Language);
        Assert.IsNull(provider.Find("xx-XX"));
        Assert.AreEqual("de-DE", provider.PrimaryDialect("de"));
        Assert.AreEqual($"the locale provider SingleLocaleProvider, then the locale files in {SharedCsl.Locales}", provider.Description);
    }

    [TestMethod]
    public async Task Combine_OneProviderCannotHaveTheLocale_TheNextIsAsked()
    {
        var provider = CslLocaleProvider.Combine(new UnavailableLocaleProvider(), Render.Locales);

        Assert.AreEqual("fr-FR", provider.Find("fr-FR")?.Language);
        Assert.AreEqual("fr-FR", (await provider.FindAsync("fr-FR", TestContext.CancellationToken))?.Language);
    }

    [TestMethod]
    public async Task Combine_NoProviderHasTheLocale_TheFirstFailureIsThrown()
    {
        var provider = CslLocaleProvider.Combine(CslLocaleProvider.Embedded, new UnavailableLocaleProvider());

        var e = Assert.ThrowsExactly<CslLocaleUnavailableException>(() => provider.Find("fr-FR"));
        await Assert.ThrowsExactlyAsync<CslLocaleUnavailableException>(() => provider.FindAsync("fr-FR", TestContext.CancellationToken).AsTask());

        Assert.AreEqual("fr-FR", e.Language);
    }

    [TestMethod]
    public void Create_CustomProviderThatCannotHaveTheLocale_ErrorAndFallback()
    {
        var style = TestStyle.Citation("""<layout><text term="and"/></layout>""", attributes: """default-locale="fr-FR" """);

        var processor = CslProcessor.Create(style, new CslProcessorOptions { Locales = new UnavailableLocaleProvider(), Format = CslOutputFormat.Text });

        var error = processor.Warnings.Single();
        Assert.AreEqual(DiagnosticSeverity.Error, error.Severity);
        Assert.AreEqual(CslDiagnosticCodes.LocaleUnavailable, error.Code);
        Assert.AreEqual("The store is closed. Rendered with the en-US locale instead.", error.Message);
        Assert.AreEqual("store:fr-FR", error.Location.File);
        Assert.AreEqual("and", processor.FormatDocument(Render.Items(OneItem), [CslCitation.Of("x")]).Citations.Single());
    }

    [TestMethod]
    public void Combine_NoProviders_Refused()
        => Assert.ThrowsExactly<ArgumentException>(() => CslLocaleProvider.Combine());

    /// <summary>A provider whose store cannot be reached: every language but en-US is unavailable.</summary>
    private sealed class UnavailableLocaleProvider : CslLocaleProvider
    {
        public override CslLocale? Find(string language)
            => language == "en-US" ? null : throw new CslLocaleUnavailableException(language, "The store is closed.", new SourceLocation("store:" + language, null, 0, 0));
    }

    /// <summary>A provider that knows one hand-written locale, as a caller with its own locale store would write.</summary>
    private sealed class SingleLocaleProvider : CslLocaleProvider
    {
        private static readonly CslLocale Locale = CslLocale.Parse("""
            <locale xmlns="http://purl.org/net/xbiblio/csl" version="1.0" xml:lang="en-US">
              <terms><term name="and">plus</term></terms>
            </locale>
            """);

        public override CslLocale? Find(string language) => language == "en-US" ? Locale : null;
    }
}
