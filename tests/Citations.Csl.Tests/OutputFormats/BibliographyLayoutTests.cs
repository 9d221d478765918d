using Citations.Csl.Output;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.OutputFormats;

[TestClass]
public sealed class BibliographyLayoutTests
{
    private const string Items = """
        [{"id": "b", "type": "book", "title": "Beta"},
         {"id": "a", "type": "book", "title": "Alpha"}]
        """;

    private static readonly CslStyle Sorted = TestStyle.Bibliography(
        """<sort><key variable="title"/></sort><layout suffix="."><text variable="title"/></layout>""",
        bibliographyAttributes: """hanging-indent="true" line-spacing="2" entry-spacing="0" """);

    [TestMethod]
    public void FormatBibliography_StyleLayoutOptions_AreExposed()
    {
        var bibliography = Render.Processor(Sorted).FormatBibliography(Render.Items(Items));

        Assert.IsTrue(bibliography.HangingIndent);
        Assert.IsNull(bibliography.SecondFieldAlign);
        Assert.AreEqual(2.0, bibliography.LineSpacing);
        Assert.AreEqual(0.0, bibliography.EntrySpacing);
        Assert.AreSame(CslOutputFormat.Text, bibliography.Format);
        TextAssert.LinesEqual(new[] { "a", "b" }, bibliography.Entries.Select(e => e.Id), "sorted by title");
    }

    [TestMethod]
    public void FormatBibliography_NoLayoutOptions_HasDefaults()
    {
        var bibliography = Render.Processor(TestStyle.Bibliography("""<layout><text variable="title"/></layout>""")).FormatBibliography(Render.Items(Items));

        Assert.IsFalse(bibliography.HangingIndent);
        Assert.AreEqual(1.0, bibliography.LineSpacing);
        Assert.AreEqual(1.0, bibliography.EntrySpacing);
        TextAssert.LinesEqual(new[] { "b", "a" }, bibliography.Entries.Select(e => e.Id), "unsorted: in the order given");
    }

    [TestMethod]
    public void ToString_Text_OneEntryPerLine()
        => Assert.AreEqual("Alpha.\nBeta.\n", Render.Processor(Sorted).FormatBibliography(Render.Items(Items)).ToString());

    [TestMethod]
    public void ToString_Html_WrapsTheEntriesInTheBibliographyBody()
    {
        Assert.AreEqual(
            "<div class=\"csl-bib-body\">\n  <div class=\"csl-entry\">Alpha.</div>\n  <div class=\"csl-entry\">Beta.</div>\n</div>",
            Render.Processor(Sorted, CslOutputFormat.Html).FormatBibliography(Render.Items(Items)).ToString());
    }

    [TestMethod]
    public void ToString_Rtf_WrapsTheEntriesInAnRtfGroup()
        => Assert.AreEqual("{\\rtf Alpha.\nBeta.\n}", Render.Processor(Sorted, CslOutputFormat.Rtf).FormatBibliography(Render.Items(Items)).ToString());

    [TestMethod]
    public void FormatBibliography_EmptyItemList_HasNoEntries()
    {
        var bibliography = Render.Processor(Sorted, CslOutputFormat.Html).FormatBibliography([]);

        Assert.IsEmpty(bibliography.Entries);
        Assert.AreEqual("<div class=\"csl-bib-body\">\n</div>", bibliography.ToString());
    }

    [TestMethod]
    public void FormatBibliography_NullItems_ThrowsArgumentNull()
        => Assert.ThrowsExactly<ArgumentNullException>(() => Render.Processor(Sorted).FormatBibliography(null!));
}
