using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.Processing;

/// <summary>What a cite adds: locators and labels, prefixes and suffixes, suppressed authors (checked against citeproc-js).</summary>
[TestClass]
public sealed class CiteOptionsTests
{
    private const string Items = """
        [{"id": "a", "type": "book", "issued": {"date-parts": [[2020]]}, "author": [{"family": "Doe", "given": "John"}]},
         {"id": "b", "type": "book", "issued": {"date-parts": [[2019]]}, "author": [{"family": "Roe", "given": "Jane"}, {"family": "Poe", "given": "Al"}, {"family": "Moe", "given": "Mo"}]}]
        """;

    private static readonly CslStyle Style = TestStyle.Citation("""
        <layout prefix="(" suffix=")" delimiter="; ">
          <group delimiter=", ">
            <names variable="author"><name form="short" et-al-min="3" et-al-use-first="1"/></names>
            <date variable="issued"><date-part name="year"/></date>
            <group delimiter=" "><label variable="locator" form="short"/><text variable="locator"/></group>
          </group>
        </layout>
        """);

    [TestMethod]
    public void Cite_LocatorPrefixAndSuffix_AreAddedAroundTheCite()
    {
        var text = Render.Citations(Style, Items, new CslCitation([new CslCite("a") { Locator = "12", Prefix = "see ", Suffix = ", emphasis added" }]));

        Assert.AreEqual("(see Doe, 2020, p. 12, emphasis added)", text.Single());
    }

    [TestMethod]
    public void Cite_SuppressAuthorWithChapterLabel_LeavesOutTheAuthor()
    {
        var text = Render.Citations(Style, Items, new CslCitation([new CslCite("a") { Locator = "3", Label = "chapter", SuppressAuthor = true }]));

        Assert.AreEqual("(2020, chap. 3)", text.Single());
    }

    [TestMethod]
    public void Cite_SeveralCitesWithRangeAndFigureLocators_AreJoinedWithTheDelimiter()
    {
        var text = Render.Citations(Style, Items, new CslCitation([new CslCite("b") { Locator = "10-12" }, new CslCite("a") { Locator = "2", Label = "figure" }]));

        Assert.AreEqual("(Roe et al., 2019, pp. 10–12; Doe, 2020, fig. 2)", text.Single());
    }
}
