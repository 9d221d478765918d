using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.Processing;

/// <summary>
/// suppress-author and author-only as citeproc-js applies them, with the output of <c>render.js</c> for the same
/// style and citations as the expectation.
/// </summary>
[TestClass]
public sealed class AuthorSuppressionTests
{
    private const string Items = """
        [{"id": "a", "type": "book", "title": "C:\\temp\\new", "edition": 2, "issued": {"date-parts": [[1999], [2003]]}, "author": [{"family": "Doe", "given": "John"}]},
         {"id": "b", "type": "book", "title": "Untitled Report", "issued": {"date-parts": [[2020]]}}]
        """;

    private static readonly CslStyle Style = CslStyle.Parse(TestStyle.Xml(
        """
        <citation><layout prefix="(" suffix=")"><group delimiter=", ">
          <names variable="author"><name form="short"/><substitute><text variable="title"/></substitute></names>
          <date variable="issued"><date-part name="year"/></date>
          <group delimiter=" "><label variable="locator" form="short"/><text variable="locator"/></group>
        </group></layout></citation>
        """,
        """
        <bibliography><layout>
          <group delimiter=" "><number variable="edition"/><text term="page"/></group>
          <choose><if has-year-only="issued"><text value=" Y"/></if></choose>
          <text variable="title" prefix=" "/>
        </layout></bibliography>
        """));

    [TestMethod]
    public void AuthorOnly_KeepsTheAuthorAndDropsDateLocatorAndLayoutAffixes()
        => Assert.AreEqual("Doe", Render.Citations(Style, Items, Render.Cites(0, new CslCite("a") { AuthorOnly = true, Locator = "4" })).Single());

    [TestMethod]
    public void AuthorOnly_WithoutAuthor_KeepsWhatStandsInForIt()
        => Assert.AreEqual("Untitled Report", Render.Citations(Style, Items, Render.Cites(0, new CslCite("b") { AuthorOnly = true })).Single());

    [TestMethod]
    public void SuppressAuthor_AlsoSuppressesTheSubstitutedTitle()
        => Assert.AreEqual("(2020)", Render.Citations(Style, Items, Render.Cites(0, new CslCite("b") { SuppressAuthor = true })).Single());

    [TestMethod]
    public void SuppressAuthor_AppliesAfterACitePrefix()
        => Assert.AreEqual("(see 1999–2003)", Render.Citations(Style, Items, Render.Cites(0, new CslCite("a") { SuppressAuthor = true, Prefix = "see " })).Single());

    [TestMethod]
    public void Bibliography_TermAfterNumberKeepsCase_YearRangeIsYearOnly_BackslashesKept()
    {
        var entries = Render.Bibliography(Style, Items);

        CollectionAssert.AreEqual(new[] { "2 page Y C:\\temp\\new", "Y Untitled Report" }, entries.Select(e => e.Trim()).ToArray());
    }

    [TestMethod]
    public void DeeplyNestedMarkupInData_RendersWithoutExhaustingTheStack()
    {
        var title = string.Concat(Enumerable.Repeat("<i>", 20_000)) + "x" + string.Concat(Enumerable.Repeat("</i>", 20_000));
        var json = $$"""[{"id": "deep", "type": "book", "title": "{{title.Replace("/", "\\/", StringComparison.Ordinal)}}"}]""";

        var text = Render.Entry(TestStyle.Bibliography("""<layout><text variable="title"/></layout>"""), json);

        StringAssert.Contains(text, "x");
    }

    [TestMethod]
    public void UnknownCondition_NeverMatches()
    {
        var style = TestStyle.Bibliography("""<layout><choose><if is-shiny="title"><text value="yes"/></if><else><text value="no"/></else></choose></layout>""");

        Assert.AreEqual("no", Render.Entry(style, """[{"id": "a", "type": "book", "title": "T"}]"""));
    }
}
