using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.Processing;

/// <summary>Cite positions in a note style: first, subsequent, ibid (expected strings checked against citeproc-js).</summary>
[TestClass]
public sealed class PositionTests
{
    private const string Items = """
        [{"id": "a", "type": "book", "title": "A Long Book Title", "title-short": "Long Book", "issued": {"date-parts": [[2020]]}, "author": [{"family": "Doe", "given": "John"}]},
         {"id": "b", "type": "book", "title": "Another", "issued": {"date-parts": [[2019]]}, "author": [{"family": "Roe", "given": "Jane"}, {"family": "Poe", "given": "Al"}, {"family": "Moe", "given": "Mo"}]}]
        """;

    private static readonly CslStyle NoteStyle = TestStyle.Citation(
        """
        <layout suffix="." delimiter="; ">
          <choose>
            <if position="ibid-with-locator">
              <group delimiter=", "><text term="ibid" text-case="capitalize-first"/><text variable="locator"/></group>
            </if>
            <else-if position="ibid"><text term="ibid" text-case="capitalize-first"/></else-if>
            <else-if position="subsequent">
              <group delimiter=", ">
                <names variable="author"><name form="short"/></names>
                <text variable="title" form="short" font-style="italic"/>
                <text variable="locator"/>
              </group>
            </else-if>
            <else>
              <group delimiter=", ">
                <names variable="author"/>
                <text variable="title" font-style="italic"/>
                <date variable="issued"><date-part name="year"/></date>
                <text variable="locator"/>
              </group>
            </else>
          </choose>
        </layout>
        """,
        styleClass: "note");

    private static IReadOnlyList<string> Document(CslStyle style, params CslCite[][] citations)
        => Render.Citations(style, Items, [.. citations.Select((cites, i) => Render.Cites(i + 1, cites))]);

    [TestMethod]
    public void FormatDocument_RepeatedCites_FirstIbidAndSubsequentForms()
    {
        var texts = Document(
            NoteStyle,
            [new CslCite("a") { Locator = "12" }],
            [new CslCite("a") { Locator = "12" }],
            [new CslCite("a") { Locator = "15" }],
            [new CslCite("a")],
            [new CslCite("b")],
            [new CslCite("a") { Locator = "3" }],
            [new CslCite("a"), new CslCite("b")]);

        TextAssert.LinesEqual(
            new[]
            {
                "John Doe, A Long Book Title, 2020, 12.",
                "Ibid.",
                "Ibid., 15.",
                "Doe, Long Book.",
                "Jane Roe, Al Poe, Mo Moe, Another, 2019.",
                "Doe, Long Book, 3.",
                "Doe, Long Book; Roe, Poe, Moe, Another.",
            },
            texts);
    }

    [TestMethod]
    public void FormatDocument_SubsequentCite_UsesEtAlSubsequentAndFirstNoteNumber()
    {
        var style = TestStyle.Citation(
            """
            <layout suffix=".">
              <choose>
                <if position="first">
                  <names variable="author"><name et-al-min="3" et-al-use-first="1" et-al-subsequent-min="2" et-al-subsequent-use-first="1"/></names>
                </if>
                <else>
                  <group delimiter=", ">
                    <names variable="author"><name form="short" et-al-min="3" et-al-use-first="1" et-al-subsequent-min="2" et-al-subsequent-use-first="1"/></names>
                    <text variable="first-reference-note-number" prefix="n. "/>
                  </group>
                </else>
              </choose>
            </layout>
            """,
            styleClass: "note");

        var texts = Document(style, [new CslCite("b")], [new CslCite("a")], [new CslCite("b")]);

        TextAssert.LinesEqual(new[] { "Jane Roe et al.", "John Doe.", "Roe et al., n. 1." }, texts);
    }

    [TestMethod]
    public void FormatDocument_SameCitationsTwice_GivesTheSameTexts()
    {
        // Each call is a document of its own: positions do not leak from one call to the next.
        var processor = Render.Processor(NoteStyle);
        var items = Render.Items(Items);
        CslCitation[] citations = [Render.Cites(1, new CslCite("a")), Render.Cites(2, new CslCite("a"))];

        var first = processor.FormatDocument(items, citations).Citations;
        var second = processor.FormatDocument(items, citations).Citations;

        TextAssert.LinesEqual(new[] { "John Doe, A Long Book Title, 2020.", "Ibid." }, first);
        TextAssert.LinesEqual(first, second);
    }

    [TestMethod]
    public void FormatDocument_NullArguments_ThrowArgumentNull()
    {
        var processor = Render.Processor(NoteStyle);

        Assert.ThrowsExactly<ArgumentNullException>(() => processor.FormatDocument(null!, []));
        Assert.ThrowsExactly<ArgumentNullException>(() => processor.FormatDocument([], null!));
    }
}
