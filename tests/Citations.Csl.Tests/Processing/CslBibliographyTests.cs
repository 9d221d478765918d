using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;
using Citations.Diagnostics;

namespace Citations.Csl.Tests.Processing;

[TestClass]
public sealed class CslBibliographyTests
{
    private const string Items = """
        [{"id": "book", "type": "book", "title": "A Book"},
         {"id": "article", "type": "article-journal", "title": "An Article"}]
        """;

    /// <summary>A style whose bibliography entry of a book runs through macros nested deeper than the processor allows.</summary>
    private static CslStyle FailingOnBooks()
    {
        var macros = string.Concat(Enumerable.Range(1, 80).Select(i => i < 80
            ? $"""<macro name="m{i}"><text macro="m{i + 1}"/></macro>"""
            : $"""<macro name="m{i}"><text variable="title"/></macro>"""));
        return CslStyle.Parse(TestStyle.Xml(
            """<citation><layout><text variable="title"/></layout></citation>""",
            """<bibliography><layout><choose><if type="book"><text macro="m1"/></if><else><text variable="title"/></else></choose></layout></bibliography>""",
            macros));
    }

    [TestMethod]
    public void FormatBibliography_EntryTheStyleCannotFormat_IsLeftOutWithAnError()
    {
        var bibliography = Render.Processor(FailingOnBooks()).FormatBibliography(Render.Items(Items));

        TextAssert.LinesEqual(new[] { "An Article" }, bibliography.Entries.Select(e => e.Text));
        var warning = bibliography.Warnings.Single();
        Assert.AreEqual(CslDiagnosticCodes.EntryNotFormatted, warning.Code);
        Assert.AreEqual(DiagnosticSeverity.Error, warning.Severity);
        StringAssert.StartsWith(warning.Message, "Item 'book' could not be formatted");
    }

    /// <summary>Regression (issue 9): the bibliography shared the document's live warning list, so formatting it again
    /// appended a second CSL0110 warning to the first result.</summary>
    [TestMethod]
    public void FormatBibliography_CalledTwiceOnADocument_FirstResultIsUnchanged()
    {
        var document = Render.Processor(FailingOnBooks()).CreateDocument(Render.Items(Items));
        document.Add(new CslCitation([new CslCite("book"), new CslCite("article")]));

        var first = document.FormatBibliography();
        var second = document.FormatBibliography();

        Assert.HasCount(1, first.Warnings);
        Assert.HasCount(1, second.Warnings);
        Assert.AreEqual(CslDiagnosticCodes.EntryNotFormatted, first.Warnings[0].Code);
        Assert.AreNotSame(first.Warnings, second.Warnings);
    }

    [TestMethod]
    public void Entries_AreReadOnly()
    {
        var bibliography = Render.Processor(TestStyle.Bibliography("""<layout><text variable="title"/></layout>""")).FormatBibliography(Render.Items(Items));

        Assert.IsNotInstanceOfType<List<CslBibliographyEntry>>(bibliography.Entries);
        Assert.IsNotInstanceOfType<List<Diagnostic>>(bibliography.Warnings);
    }
}
