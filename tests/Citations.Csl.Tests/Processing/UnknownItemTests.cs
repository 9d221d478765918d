using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;
using Citations.Diagnostics;

namespace Citations.Csl.Tests.Processing;

[TestClass]
public sealed class UnknownItemTests
{
    private const string Items = """
        [{"id": "a", "type": "book", "title": "Alpha"},
         {"id": "b", "type": "book", "title": "Beta"}]
        """;

    private static readonly CslStyle Style = CslStyle.Parse(TestStyle.Xml(
        """<citation><layout prefix="(" suffix=")" delimiter="; "><text variable="title"/></layout></citation>""",
        """<bibliography><layout><text variable="title"/></layout></bibliography>"""));

    [TestMethod]
    public void FormatDocument_UnknownId_WarnsAndRendersTheRest()
    {
        var result = Render.Processor(Style).FormatDocument(
            Render.Items(Items),
            [new CslCitation([new CslCite("a"), new CslCite("nowhere")]), CslCitation.Of("b")],
            bibliography: true);

        TextAssert.LinesEqual(new[] { "(Alpha)", "(Beta)" }, result.Citations);
        TextAssert.LinesEqual(new[] { "Alpha", "Beta" }, result.Bibliography!.Entries.Select(e => e.Text));
        var warning = result.Warnings.Distinct().Single();
        Assert.AreEqual(DiagnosticSeverity.Warning, warning.Severity);
        Assert.AreEqual("CSL0100", warning.Code);
        Assert.AreEqual("Item 'nowhere' is cited but not in the item list; it was skipped.", warning.Message);
    }

    [TestMethod]
    public void FormatDocument_NoItemsAtAll_WarnsForEachUnknownId()
    {
        var result = Render.Processor(Style).FormatDocument([], [CslCitation.Of("x"), CslCitation.Of("y")]);

        CollectionAssert.AreEquivalent(
            new[] { "Item 'x' is cited but not in the item list; it was skipped.", "Item 'y' is cited but not in the item list; it was skipped." },
            result.Warnings.Select(w => w.Message).Distinct().ToArray());
    }

    [TestMethod]
    public void FormatBibliography_DuplicateIds_FirstItemIsUsed()
    {
        var items = Render.Items(Items).Append(Render.Items("""[{"id": "a", "type": "book", "title": "Duplicate"}]""")[0]);

        TextAssert.LinesEqual(new[] { "Alpha", "Beta" }, Render.Processor(Style).FormatBibliography(items).Entries.Select(e => e.Text));
    }
}
