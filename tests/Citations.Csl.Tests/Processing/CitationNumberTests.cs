using Citations.Csl.Output;
using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.Processing;

/// <summary>Numeric styles: numbering by first citation, collapsed ranges, aligned bibliography (checked against citeproc-js).</summary>
[TestClass]
public sealed class CitationNumberTests
{
    private const string Items = """
        [{"id": "a", "type": "book", "title": "A"}, {"id": "b", "type": "book", "title": "B"}, {"id": "c", "type": "book", "title": "C"},
         {"id": "d", "type": "book", "title": "D"}, {"id": "e", "type": "book", "title": "E"}]
        """;

    private static readonly CslStyle Numeric = CslStyle.Parse(TestStyle.Xml(
        """
        <citation collapse="citation-number">
          <sort><key variable="citation-number"/></sort>
          <layout prefix="[" suffix="]" delimiter=","><text variable="citation-number"/></layout>
        </citation>
        """,
        """
        <bibliography second-field-align="flush">
          <layout><text variable="citation-number" prefix="[" suffix="]"/><text variable="title" prefix=" "/></layout>
        </bibliography>
        """));

    private static readonly CslCitation[] Citations =
    [
        CslCitation.Of("c"),
        new([new CslCite("a"), new CslCite("b"), new CslCite("c")]),
        new([new CslCite("d"), new CslCite("a"), new CslCite("e"), new CslCite("b")]),
        new([new CslCite("c"), new CslCite("a")]),
    ];

    [TestMethod]
    public void FormatDocument_NumericStyle_NumbersByFirstCitationAndCollapsesRanges()
    {
        var result = Render.Processor(Numeric).FormatDocument(Render.Items(Items), Citations, bibliography: true);

        TextAssert.LinesEqual(new[] { "[1]", "[1–3]", "[2–5]", "[1,2]" }, result.Citations);
        TextAssert.LinesEqual(new[] { "c", "a", "b", "d", "e" }, result.Bibliography!.Entries.Select(e => e.Id));
        Assert.AreEqual("[1]  C", result.Bibliography.Entries[0].Text);
        Assert.AreEqual("flush", result.Bibliography.SecondFieldAlign);
    }

    [TestMethod]
    public void FormatDocument_SecondFieldAlignInHtml_WritesTwoColumns()
    {
        var result = Render.Processor(Numeric, CslOutputFormat.Html).FormatDocument(Render.Items(Items), Citations, bibliography: true);

        Assert.AreEqual(
            "  <div class=\"csl-entry\">\n    <div class=\"csl-left-margin\">[1]</div><div class=\"csl-right-inline\"> C</div>\n  </div>\n",
            result.Bibliography!.Entries[0].Text);
    }

    [TestMethod]
    public void FormatDocument_OnlySomeItemsCited_BibliographyHasTheCitedOnes()
    {
        var result = Render.Processor(Numeric).FormatDocument(Render.Items(Items), [CslCitation.Of("e"), CslCitation.Of("b")], bibliography: true);

        TextAssert.LinesEqual(new[] { "[1]", "[2]" }, result.Citations);
        TextAssert.LinesEqual(new[] { "[1]  E", "[2]  B" }, result.Bibliography!.Entries.Select(e => e.Text));
    }

    [TestMethod]
    public void FormatBibliography_NumericStyle_NumbersInItemOrder()
    {
        TextAssert.LinesEqual(new[] { "[1]  A", "[2]  B", "[3]  C", "[4]  D", "[5]  E" }, Render.Bibliography(Numeric, Items));
    }
}
