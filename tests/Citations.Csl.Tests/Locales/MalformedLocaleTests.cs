using Citations.Csl.Locales;
using Citations.Csl.Processing;
using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.Locales;

[TestClass]
public sealed class MalformedLocaleTests
{
    [TestMethod]
    public void Parse_MalformedXml_ThrowsWithLineAndColumn()
    {
        var e = Assert.ThrowsExactly<CslException>(() => CslLocale.Parse("""
            <locale xmlns="http://purl.org/net/xbiblio/csl" xml:lang="fr-FR">
              <terms><term name="and">et</term>
            </locale>
            """, "locales-fr-FR.xml"));

        Assert.AreEqual("locales-fr-FR.xml", e.Location.File);
        Assert.AreEqual(3, e.Location.Line);
        Assert.AreEqual(3, e.Location.Column);
        StringAssert.StartsWith(e.Problem, "Malformed XML: ");
    }

    [TestMethod]
    public void Parse_StyleInsteadOfLocale_SaysWhatRootWasExpected()
    {
        var e = Assert.ThrowsExactly<CslException>(() => CslLocale.Parse(TestStyle.Xml("<citation/>")));

        Assert.AreEqual("Expected a <locale> root element, found <style>.", e.Problem);
    }

    [TestMethod]
    public void Parse_Dtd_IsRefused()
    {
        var e = Assert.ThrowsExactly<CslException>(() => CslLocale.Parse("""
            <!DOCTYPE locale [<!ENTITY and "und">]>
            <locale xmlns="http://purl.org/net/xbiblio/csl" xml:lang="de-DE"><terms><term name="and">&and;</term></terms></locale>
            """));

        StringAssert.StartsWith(e.Problem, "Malformed XML: DTDs are not allowed in CSL files");
    }

    [TestMethod]
    public void Create_MalformedLocaleFileInDirectory_ThrowsNamingTheFile()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("locales-fr-FR.xml", "<locale xmlns=\"http://purl.org/net/xbiblio/csl\" xml:lang=\"fr-FR\">\n<terms>\n</locale>");
        var options = new CslProcessorOptions { Language = "fr-FR", Locales = CslLocaleProvider.FromDirectory(directory.Path) };

        var e = Assert.ThrowsExactly<CslException>(() => CslProcessor.Create(TestStyle.Citation("""<layout><text term="and"/></layout>"""), options));

        Assert.AreEqual(path, e.Location.File);
        Assert.AreEqual(3, e.Location.Line);
    }

    [TestMethod]
    public void Load_File_ReadsLanguage()
    {
        var locale = CslLocale.Load(Path.Combine(SharedCsl.Locales, "locales-de-AT.xml"));

        Assert.AreEqual("de-AT", locale.Language);
    }
}
