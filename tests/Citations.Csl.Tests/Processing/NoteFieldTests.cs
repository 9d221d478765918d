using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.Processing;

/// <summary>Variables written in the note field ("key: value" lines, "{:key:value}"), read as citeproc-js reads them
/// (expectations are render.js output for the same style and items).</summary>
[TestClass]
public sealed class NoteFieldTests
{
    private static readonly CslStyle Style = TestStyle.Bibliography("""
        <layout><group delimiter=" | ">
          <names variable="translator"/>
          <text variable="container-title-short"/>
          <date variable="original-date"><date-part name="year"/></date>
          <text variable="note"/>
          <text variable="genre"/>
        </group></layout>
        """);

    [TestMethod]
    public void LinesAtTheStartOfTheNote_BecomeVariables_UntilFreeText()
    {
        var entry = Render.Entry(Style, """
            [{"id": "a", "type": "book", "title": "A",
              "note": "container-title-short: Nature\noriginal-date: 1859\ntranslator: Doe || Jane\nFree text stays.\ngenre: ignored after free text"}]
            """);

        Assert.AreEqual("Jane Doe | Nature | 1859 | Free text stays.\ngenre: ignored after free text", entry);
    }

    [TestMethod]
    public void InlineFields_DoNotOverrideTheItem()
    {
        var entry = Render.Entry(Style, """
            [{"id": "b", "type": "book", "title": "B", "container-title-short": "Own",
              "note": "{:container-title-short: Noted}{:genre: Report} rest of the note"}]
            """);

        Assert.AreEqual("Own | container-title-short: Noted\n\n\n rest of the note | Report", entry);
    }
}
