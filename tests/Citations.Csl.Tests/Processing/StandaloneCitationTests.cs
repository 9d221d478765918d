using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;
using Citations.Diagnostics;

namespace Citations.Csl.Tests.Processing;

/// <summary><see cref="CslProcessor.FormatCitations"/>: citations formatted each on its own, and positions the caller gives.</summary>
[TestClass]
public sealed class StandaloneCitationTests
{
    private const string Items = """
        [{"id": "a", "type": "book", "title": "Alpha"},
         {"id": "b", "type": "book", "title": "Beta"},
         {"id": "c", "type": "book", "title": "Gamma"}]
        """;

    /// <summary>A note style that shows which position each cite has.</summary>
    private static readonly CslStyle PositionStyle = TestStyle.Citation(
        """
        <layout delimiter="; ">
          <choose>
            <if position="ibid-with-locator"><text value="ibid-loc"/></if>
            <else-if position="ibid"><text value="ibid"/></else-if>
            <else-if position="near-note"><text variable="title" prefix="near "/></else-if>
            <else-if position="subsequent"><text variable="title" prefix="sub "/></else-if>
            <else><text variable="title"/></else>
          </choose>
        </layout>
        """,
        styleClass: "note");

    /// <summary>A numeric style whose bibliography sorts by title (Gamma, Beta, Alpha reversed).</summary>
    private static readonly CslStyle NumericStyle = CslStyle.Parse(TestStyle.Xml(
        """<citation><layout prefix="[" suffix="]" delimiter=","><text variable="citation-number"/></layout></citation>""",
        """<bibliography><sort><key variable="title" sort="descending"/></sort><layout><text variable="citation-number" suffix=". "/><text variable="title"/></layout></bibliography>"""));

    [TestMethod]
    public void FormatCitations_SameItemTwice_BothAreFirstCites()
    {
        var citations = new[] { CslCitation.Of("a") with { NoteNumber = 1 }, CslCitation.Of("a") with { NoteNumber = 2 } };

        var standalone = Render.Processor(PositionStyle).FormatCitations(Render.Items(Items), citations);
        var document = Render.Processor(PositionStyle).FormatDocument(Render.Items(Items), citations);

        TextAssert.LinesEqual(new[] { "Alpha", "Alpha" }, standalone.Citations);
        TextAssert.LinesEqual(new[] { "Alpha", "ibid" }, document.Citations);
    }

    [TestMethod]
    public void FormatCitations_CiteWithPosition_UsesThatPosition()
    {
        var citation = new CslCitation(
        [
            new CslCite("a") { Position = CslPosition.Subsequent },
            new CslCite("b") { Position = CslPosition.Subsequent, NearNote = true },
            new CslCite("c") { Position = CslPosition.IbidWithLocator, Locator = "4" },
        ]);

        var result = Render.Processor(PositionStyle).FormatCitations(Render.Items(Items), [citation]);

        Assert.AreEqual("sub Alpha; near Beta; ibid-loc", result.Citations.Single());
    }

    [TestMethod]
    public void FormatDocument_CiteWithPosition_OverridesTheComputedPosition()
    {
        var citations = new[] { CslCitation.Of("a") with { NoteNumber = 1 }, new CslCitation([new CslCite("a") { Position = CslPosition.First }]) { NoteNumber = 2 } };

        var result = Render.Processor(PositionStyle).FormatDocument(Render.Items(Items), citations);

        TextAssert.LinesEqual(new[] { "Alpha", "Alpha" }, result.Citations);
    }

    [TestMethod]
    public void FormatCitations_NumericStyle_NumbersFollowTheBibliographyOfAllItems()
    {
        var result = Render.Processor(NumericStyle).FormatCitations(Render.Items(Items), [CslCitation.Of("a"), CslCitation.Of("c")], bibliography: true);

        TextAssert.LinesEqual(new[] { "[3]", "[1]" }, result.Citations);
        TextAssert.LinesEqual(new[] { "1. Gamma", "2. Beta", "3. Alpha" }, result.Bibliography!.Entries.Select(e => e.Text));
    }

    [TestMethod]
    public void FormatCitations_UnknownItemAndEmptyCitation_AreReportedAndTheRestFormatted()
    {
        var result = Render.Processor(NumericStyle).FormatCitations(
            Render.Items(Items),
            [new CslCitation([new CslCite("b"), new CslCite("nowhere")]), new CslCitation([])]);

        TextAssert.LinesEqual(new[] { "[2]", string.Empty }, result.Citations);
        Assert.IsNull(result.Bibliography);
        var unknown = result.Warnings.Single(w => w.Code == CslDiagnosticCodes.UnknownItem);
        Assert.AreEqual(DiagnosticSeverity.Error, unknown.Severity);
        Assert.AreEqual("citations[0].cites[1]", unknown.Location.Path);
        Assert.AreEqual("citations[1]", result.Warnings.Single(w => w.Code == CslDiagnosticCodes.EmptyCitation).Location.Path);
    }
}
