using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.Styles;

[TestClass]
public sealed class DependentStyleTests
{
    private const string Dependent = """
        <style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" default-locale="fr-FR">
          <info>
            <title>A Journal</title>
            <id>http://example.org/styles/a-journal</id>
            <link rel="self" href="http://example.org/styles/a-journal"/>
            <link rel="independent-parent" href="http://example.org/styles/parent"/>
          </info>
        </style>
        """;

    [TestMethod]
    public void Parse_DependentStyle_IsDependentWithItsParent()
    {
        var style = CslStyle.Parse(Dependent, "a-journal.csl");

        Assert.IsTrue(style.IsDependent);
        Assert.AreEqual("http://example.org/styles/parent", style.IndependentParent);
        Assert.AreEqual("fr-FR", style.DefaultLocale);
        Assert.AreEqual("A Journal", style.Title);
        Assert.IsFalse(style.HasBibliography);
    }

    [TestMethod]
    public void Create_DependentStyle_ThrowsNamingTheParent()
    {
        var style = CslStyle.Parse(Dependent, "a-journal.csl");

        var e = Assert.ThrowsExactly<CslException>(() => CslProcessor.Create(style));

        Assert.AreEqual(
            "Style 'http://example.org/styles/a-journal' is a dependent style; resolve its parent (http://example.org/styles/parent) first.",
            e.Problem);
        Assert.AreEqual("a-journal.csl", e.Location.File);
    }

    [TestMethod]
    public void Create_NullStyle_ThrowsArgumentNull()
        => Assert.ThrowsExactly<ArgumentNullException>(() => CslProcessor.Create(null!));

    [TestMethod]
    public void Parse_StyleWithLayoutsAndAParentLink_IsIndependent()
    {
        // A style that has its own citation renders with it, whatever its links say.
        var style = CslStyle.Parse("""
            <style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
              <info><id>own</id><title>Own</title><link rel="independent-parent" href="http://example.org/styles/parent"/></info>
              <citation><layout><text variable="title"/></layout></citation>
            </style>
            """);

        Assert.IsFalse(style.IsDependent);
        Assert.AreEqual("T", Render.Citations(style, """[{"id": "x", "type": "book", "title": "T"}]""", CslCitation.Of("x")).Single());
    }
}
