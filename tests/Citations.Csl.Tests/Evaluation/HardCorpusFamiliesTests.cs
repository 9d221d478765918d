using Citations.Csl.Processing;
using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.Evaluation;

/// <summary>
/// Differences from citeproc-js found with the hard corpus (<c>tests/Citations.Csl.Agreement/corpus</c>, issue 10),
/// each reduced to a small style; the expected strings are what citeproc-js prints.
/// </summary>
[TestClass]
public sealed class HardCorpusFamiliesTests
{
    [TestMethod]
    [DataRow("S12-S15", "S12–S15")]
    [DataRow("e101-e110", "e101–e110")]
    [DataRow("L3-L7", "L3–L7")]
    [DataRow("12a-15a", "12a–15a")]
    public void PageRange_LetterPrefixWithoutPageRangeFormat_KeepsBothEndsAsWritten(string page, string expected)
    {
        var style = TestStyle.Bibliography("""<layout><text variable="page"/></layout>""");

        Assert.AreEqual(expected, Render.Entry(style, $$"""[{"id": "a", "type": "article-journal", "page": "{{page}}"}]"""));
    }

    [TestMethod]
    public void PageRange_LetterPrefixUnderMinimal_PrefixNotRepeated()
    {
        var style = TestStyle.Bibliography("""<layout><text variable="page"/></layout>""", """page-range-format="minimal" """);

        Assert.AreEqual("S12–5", Render.Entry(style, """[{"id": "a", "type": "article-journal", "page": "S12-S15"}]"""));
    }

    [TestMethod]
    public void Substitute_MacroThatPrintedOnlyTheTitle_DateAndPublisherStillPrintedAfter()
    {
        // The macro standing in for the author could print the date or the publisher, but printed the title only:
        // citeproc-js suppresses only what was printed (an anonymous report keeps its year and publisher).
        var style = TestStyle.Bibliography(
            """
            <layout>
              <group delimiter=". ">
                <names variable="author"><substitute><text macro="title-or-more"/></substitute></names>
                <date variable="issued"><date-part name="year"/></date>
                <text variable="publisher"/>
              </group>
            </layout>
            """,
            macros: """
            <macro name="title-or-more">
              <choose>
                <if variable="title"><text variable="title"/></if>
                <else><group delimiter=", "><text variable="publisher"/><date variable="issued"><date-part name="year"/></date></group></else>
              </choose>
            </macro>
            """);

        Assert.AreEqual(
            "Annual report. 2012. Royal Society",
            Render.Entry(style, """[{"id": "a", "type": "report", "title": "Annual report", "publisher": "Royal Society", "issued": {"date-parts": [[2012]]}}]"""));
    }

    [TestMethod]
    public void CitationSort_KeysTie_CitesKeepTheCitationsOrder()
    {
        // Two works of one author and year: the citation's sort cannot tell them apart, so they stay in the order the
        // citation gives them (citeproc-js sorts stably), not in the order they were first cited.
        var style = TestStyle.Citation(
            """
            <sort><key variable="author"/><key variable="issued"/></sort>
            <layout delimiter="; "><text variable="title"/></layout>
            """);
        const string Items = """
            [{"id": "apple", "type": "book", "title": "Apple", "author": [{"family": "Doe", "given": "Jo"}], "issued": {"date-parts": [[2005]]}},
             {"id": "zebra", "type": "book", "title": "Zebra", "author": [{"family": "Doe", "given": "Jo"}], "issued": {"date-parts": [[2005]]}}]
            """;

        var citations = Render.Citations(style, Items, Render.Cites(1, new CslCite("apple")), Render.Cites(2, new CslCite("zebra"), new CslCite("apple")));

        TextAssert.LinesEqual(new[] { "Apple", "Zebra; Apple" }, citations);
    }
}
