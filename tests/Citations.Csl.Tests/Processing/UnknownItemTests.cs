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
    public void FormatDocument_UnknownId_ReportsTheCiteAndRendersTheRest()
    {
        var result = Render.Processor(Style).FormatDocument(
            Render.Items(Items),
            [new CslCitation([new CslCite("a"), new CslCite("nowhere")]), CslCitation.Of("b")],
            bibliography: true);

        TextAssert.LinesEqual(new[] { "(Alpha)", "(Beta)" }, result.Citations);
        TextAssert.LinesEqual(new[] { "Alpha", "Beta" }, result.Bibliography!.Entries.Select(e => e.Text));
        var problem = result.Warnings.Single();
        Assert.AreEqual(DiagnosticSeverity.Error, problem.Severity);
        Assert.AreEqual(CslDiagnosticCodes.UnknownItem, problem.Code);
        Assert.AreEqual("Citation 1: item 'nowhere' is not in the item list; the cite was left out.", problem.Message);
        Assert.AreEqual("citations[0].cites[1]", problem.Location.Path);
    }

    [TestMethod]
    public void FormatDocument_NoItemsAtAll_EveryCitationIsEmptyAndReported()
    {
        var result = Render.Processor(Style).FormatDocument([], [CslCitation.Of("x"), CslCitation.Of("y")]);

        TextAssert.LinesEqual(new[] { string.Empty, string.Empty }, result.Citations);
        TextAssert.LinesEqual(
            new[] { "Citation 1: item 'x' is not in the item list; the cite was left out.", "Citation 2: item 'y' is not in the item list; the cite was left out." },
            result.Warnings.Select(w => w.Message));
    }

    [TestMethod]
    public void FormatBibliography_DuplicateIds_FirstItemIsUsed()
    {
        var items = Render.Items(Items).Append(Render.Items("""[{"id": "a", "type": "book", "title": "Duplicate"}]""")[0]);

        TextAssert.LinesEqual(new[] { "Alpha", "Beta" }, Render.Processor(Style).FormatBibliography(items).Entries.Select(e => e.Text));
    }
}
