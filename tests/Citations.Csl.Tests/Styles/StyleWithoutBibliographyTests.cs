using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.Styles;

[TestClass]
public sealed class StyleWithoutBibliographyTests
{
    private const string Items = """
        [{"id": "x", "type": "book", "title": "First"},
         {"id": "y", "type": "book", "title": "Second"}]
        """;

    private static readonly CslStyle Style = CslStyle.Parse(TestStyle.Xml("""
        <citation><layout prefix="(" suffix=")" delimiter="; "><text variable="title"/></layout></citation>
        """));

    [TestMethod]
    public void FormatDocument_AskingForABibliography_FormatsCitationsAndNoBibliography()
    {
        var result = Render.Processor(Style).FormatDocument(
            Render.Items(Items),
            [CslCitation.Of("x"), new CslCitation([new CslCite("x"), new CslCite("y")])],
            bibliography: true);

        TextAssert.LinesEqual(new[] { "(First)", "(First; Second)" }, result.Citations);
        Assert.IsNull(result.Bibliography);
        Assert.IsEmpty(result.Warnings);
    }

    [TestMethod]
    public void FormatBibliography_StyleWithoutOne_IsEmpty()
    {
        var bibliography = Render.Processor(Style).FormatBibliography(Render.Items(Items));

        Assert.IsFalse(Style.HasBibliography);
        Assert.IsEmpty(bibliography.Entries);
        Assert.AreEqual(string.Empty, bibliography.ToString());
    }
}
