using Citations.Csl.Locales;
using Citations.Csl.Output;
using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.Locales;

[TestClass]
public sealed class LocaleProviderTests
{
    private static readonly CslStyle Style = TestStyle.Citation("""<layout><text term="and"/></layout>""");

    private const string OneItem = """[{"id": "x", "type": "book"}]""";

    [TestMethod]
    public void Create_DefaultOptions_UsesEmbeddedEnglishAndHtml()
    {
        var style = TestStyle.Citation("""<layout><group delimiter=" "><text term="and"/><text term="et-al" font-style="italic"/></group></layout>""");

        var processor = CslProcessor.Create(style);

        Assert.AreEqual("en-US", processor.Language);
        Assert.AreSame(CslOutputFormat.Html, processor.Format);
        Assert.AreSame(style, processor.Style);
        Assert.AreEqual("and <i>et al.</i>", processor.FormatDocument(Render.Items(OneItem), [CslCitation.Of("x")]).Citations.Single());
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
