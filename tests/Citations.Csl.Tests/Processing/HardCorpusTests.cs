using Citations.Csl.Output;
using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.Processing;

/// <summary>
/// Issue 10, the last differences from citeproc-js on our hard corpus
/// (<c>tests/Citations.Csl.Agreement/corpus</c>) and on the 500 generated items of the default path. Every expected
/// string is what <c>render.js</c> (citeproc-js 2.4.63) prints for the same style and items.
/// </summary>
[TestClass]
public sealed class HardCorpusTests
{
    [TestMethod]
    public void Issue10_LegalCaseDocketNumber_KeepsItsHyphensAndCase()
    {
        var style = TestStyle.Bibliography("""
            <layout><group delimiter=" | ">
              <text text-case="capitalize-first" variable="number"/>
              <text text-case="uppercase" variable="number"/>
              <number variable="number"/>
            </group></layout>
            """);

        Assert.AreEqual(
            "No. 2:19-cv-01234 | NO. 2:19-CV-01234 | No. 2:19-cv-01234",
            Render.Entry(style, """{"id": "a", "type": "legal_case", "title": "x", "number": "No. 2:19-cv-01234"}"""));
        Assert.AreEqual("99-12345 | 99-12345 | 99-12345", Render.Entry(style, """{"id": "a", "type": "legal_case", "title": "x", "number": "99-12345"}"""));

        // Any other type's number is a range.
        Assert.AreEqual("99–12345 | 99–12345 | 99–12345", Render.Entry(style, """{"id": "a", "type": "report", "title": "x", "number": "99-12345"}"""));
    }

    [TestMethod]
    public void Issue10_LegalCaseDocketNumber_IsOneNumberForItsLabel()
    {
        var style = TestStyle.Bibliography("""<layout><group delimiter=" "><label variable="number" form="short"/><text variable="number"/></group></layout>""");

        Assert.AreEqual("no. 99-12345", Render.Entry(style, """{"id": "a", "type": "legal_case", "title": "x", "number": "99-12345"}"""));
    }

    [TestMethod]
    public void Issue10_SeasonGivenAsText_PrintsButDoesNotMakeItsGroupRender()
    {
        var style = TestStyle.Bibliography("""
            <layout>
              <text variable="title"/>
              <group prefix=" (" suffix=")"><date variable="issued"><date-part name="month"/></date></group>
              <date variable="issued" prefix=" "><date-part name="month"/></date>
            </layout>
            """);

        Assert.AreEqual("Named Fall", Render.Entry(style, """{"id": "a", "type": "book", "title": "Named", "issued": {"date-parts": [[2019]], "season": "Fall"}}"""));
        Assert.AreEqual("Numbered (Autumn) Autumn", Render.Entry(style, """{"id": "a", "type": "book", "title": "Numbered", "issued": {"date-parts": [[2019]], "season": 3}}"""));
    }

    [TestMethod]
    public void Issue10_SeasonGivenAsMonth_SortsAsNoMonth()
    {
        var style = TestStyle.Bibliography("""<sort><key variable="issued"/></sort><layout><text variable="title"/></layout>""");

        var entries = Render.Bibliography(style, """
            [{"id": "a", "type": "book", "title": "June", "issued": {"date-parts": [[2017, 6, 30]]}},
             {"id": "b", "type": "book", "title": "Summer", "issued": {"date-parts": [[2017, 14]]}}]
            """);

        CollectionAssert.AreEqual(new[] { "Summer", "June" }, entries);
    }

    [TestMethod]
    public void Issue10_GroupedSort_ComparesTheRunKeyAndIndexAsOneString()
    {
        var style = CslStyle.Parse(TestStyle.Xml(
            """
            <citation disambiguate-add-year-suffix="true" collapse="year">
              <sort><key macro="author"/><key variable="issued"/></sort>
              <layout prefix="(" suffix=")" delimiter="; "><group delimiter=", ">
                <names variable="author"><name form="short" and="symbol"/><substitute><text variable="title" quotes="true"/></substitute></names>
                <date variable="issued"><date-part name="year"/></date>
              </group></layout>
            </citation>
            """,
            """<bibliography><layout><text variable="title"/></layout></bibliography>""",
            """<macro name="author"><names variable="author"><name name-as-sort-order="all" sort-separator=", " delimiter=" ; " delimiter-precedes-last="always"/></names></macro>"""));
        const string items = """
            [{"id": "y1", "type": "book", "title": "Zebra", "author": [{"family": "Yardley", "given": "Paul"}], "issued": {"date-parts": [[2005]]}},
             {"id": "y2", "type": "book", "title": "Apple", "author": [{"family": "Yardley", "given": "Paul"}], "issued": {"date-parts": [[2005, 12]]}},
             {"id": "yz", "type": "book", "title": "Beta", "author": [{"family": "Yardley", "given": "Paul"}, {"family": "Zeller", "given": "Uta"}], "issued": {"date-parts": [[2005]]}},
             {"id": "c", "type": "book", "title": "Gamma", "editor": [{"family": "Carver", "given": "Lee"}], "issued": {"date-parts": [[2005]]}},
             {"id": "t", "type": "webpage", "title": "About the project", "issued": {"date-parts": [[2019]]}},
             {"id": "d", "type": "book", "title": "Delta", "author": [{"family": "Dunn", "given": "May"}], "issued": {"date-parts": [[1999]]}}]
            """;

        var citations = Render.Citations(
            style,
            items,
            Render.Cites(1, new CslCite("y1"), new CslCite("y2"), new CslCite("yz")),
            Render.Cites(2, new CslCite("t"), new CslCite("d"), new CslCite("c")));

        // "yardley|paul|" + "0" against "yardley|paul||zeller|uta|" + "2": the key that goes on sorts first; cites
        // with no author key become "undefined" + index, after "dunn|may|".
        CollectionAssert.AreEqual(new[] { "(Yardley & Zeller, 2005; Yardley, 2005a, 2005b)", "(Dunn, 1999; “Gamma,” 2005; “About the project,” 2019)" }, citations.ToArray());
    }

    [TestMethod]
    [DataRow("font-weight=\"bold\" prefix=\"[\"", "[<b>Miller, Al</b>", "<name form=\"short\"/>")]
    [DataRow("prefix=\"[\" suffix=\"]\"", "[Miller, Al]", "<name form=\"short\"/>")]
    [DataRow("prefix=\"[\" suffix=\"]\"", "(<i><span style=\"font-variant:small-caps;\">Miller</span> &#38; <span style=\"font-variant:small-caps;\">Al</span></i>)", "")]
    public void Issue10_SubstituteNames_UseTheirOwnAttributesOnlyWithANameOfTheirOwn(string attributes, string expected, string name)
    {
        var style = TestStyle.Bibliography($"""
            <layout>
              <names variable="author" prefix="(" suffix=")" font-style="italic">
                <name form="short" and="symbol" font-variant="small-caps"/>
                <substitute><names variable="editor" {attributes}>{name}</names></substitute>
              </names>
            </layout>
            """);

        var entry = Render.Entry(style, """{"id": "a", "type": "book", "title": "x", "editor": [{"family": "Miller", "given": "T"}, {"family": "Al", "given": "S"}]}""", CslOutputFormat.Html);

        Assert.AreEqual($"  <div class=\"csl-entry\">{expected}</div>\n", entry);
    }

    [TestMethod]
    public void Issue10_AuthorOnly_KeepsLabelsBesideWhatItDrops()
    {
        var style = CslStyle.Parse(TestStyle.Xml(
            """
            <citation>
              <layout suffix="." delimiter="; "><group delimiter=", ">
                <names variable="author"><name/></names>
                <text variable="title"/>
                <group delimiter=" "><label variable="issue" form="short"/><text variable="issue"/></group>
                <group delimiter=" "><label variable="page" form="short"/><text variable="page"/></group>
                <group delimiter=" "><label variable="locator" form="short"/><text variable="locator"/></group>
              </group></layout>
            </citation>
            """,
            styleClass: "note"));
        const string items = """
            [{"id": "a", "type": "article-journal", "title": "On models", "author": [{"family": "McDonald", "given": "Dmitri"}], "issue": "8", "page": "5-9"},
             {"id": "b", "type": "article-journal", "title": "No issue", "author": [{"family": "Smith", "given": "Ann"}]}]
            """;

        var citations = Render.Citations(
            style,
            items,
            Render.Cites(1, new CslCite("a") { AuthorOnly = true, Locator = "4", Label = "paragraph" }),
            Render.Cites(2, new CslCite("b") { AuthorOnly = true }),
            Render.Cites(3, new CslCite("a") { Locator = "4", Label = "paragraph" }));

        CollectionAssert.AreEqual(new[] { "Dmitri McDonald, no., pp.", "Ann Smith", "Dmitri McDonald, On models, no. 8, pp. 5–9, para. 4." }, citations.ToArray());
    }
}
