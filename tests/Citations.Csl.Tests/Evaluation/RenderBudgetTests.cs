using Citations.Csl.Output;
using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;
using Citations.Diagnostics;

namespace Citations.Csl.Tests.Evaluation;

/// <summary>
/// The render budget (issue 11): a style whose macros expand without bound is stopped after a bounded amount of work,
/// with an error naming the chain of macros, and the rest of the call fails at once instead of paying again.
/// </summary>
[TestClass]
public sealed class RenderBudgetTests
{
    private const string Items = """
        [{"id": "a", "type": "book", "title": "Alpha", "author": [{"family": "Roe", "given": "Ann"}], "issued": {"date-parts": [[2020]]}},
         {"id": "b", "type": "book", "title": "Beta", "author": [{"family": "Doe", "given": "Jo"}], "issued": {"date-parts": [[2021]]}},
         {"id": "c", "type": "book", "title": "Gamma", "author": [{"family": "Poe", "given": "Ed"}], "issued": {"date-parts": [[2022]]}}]
        """;

    [TestMethod]
    public void FormatBibliography_MacrosDoublingFortyLevelsDeep_EveryEntryFailsNamingTheMacroChain()
    {
        var style = Doubling(levels: 40, sortByMacro: true);

        var bibliography = Render.Processor(style).FormatBibliography(Render.Items(Items));

        Assert.IsEmpty(bibliography.Entries);
        Assert.HasCount(3, bibliography.Warnings);
        foreach (var warning in bibliography.Warnings)
        {
            Assert.AreEqual(DiagnosticSeverity.Error, warning.Severity);
            Assert.AreEqual(CslDiagnosticCodes.EntryNotFormatted, warning.Code);
            Assert.Contains(
                "could not be formatted: The style evaluates more than 100,000 elements for one ",
                warning.Message);
            Assert.Contains("(in the macro chain m0 → m1 → m2 → m3 → m4 → m5 → … (", warning.Message);
            Assert.EndsWith("): its macros expand without bound, so it was stopped.", warning.Message);
            Assert.AreEqual("doubling.csl", warning.Location.File);
        }
    }

    [TestMethod]
    public void FormatDocument_RunawayCitationLayout_CitationsLeftEmptyWithAnError()
    {
        var style = Doubling(levels: 40, sortByMacro: false);

        var result = Render.Processor(style).FormatDocument(Render.Items(Items), [CslCitation.Of("a"), new CslCitation([new CslCite("b"), new CslCite("c")])], bibliography: true);

        CollectionAssert.AreEqual(new[] { string.Empty, string.Empty }, result.Citations.ToArray());
        var citationErrors = result.Warnings.Where(w => w.Code == CslDiagnosticCodes.CitationNotFormatted).ToList();
        Assert.HasCount(2, citationErrors);
        Assert.StartsWith("Citation 1 could not be formatted: The style evaluates more than 100,000 elements for one cite (in the macro chain m0 → ", citationErrors[0].Message);
        Assert.EndsWith(" It was left empty.", citationErrors[0].Message);
        Assert.IsEmpty(result.Bibliography!.Entries);
        Assert.AreEqual(3, result.Bibliography.Warnings.Count(w => w.Code == CslDiagnosticCodes.EntryNotFormatted));
    }

    [TestMethod]
    public void FormatCitations_RunawayCitationLayout_EachCitationReported()
    {
        var style = Doubling(levels: 30, sortByMacro: false);

        var result = Render.Processor(style).FormatCitations(Render.Items(Items), [CslCitation.Of("a"), CslCitation.Of("c")]);

        CollectionAssert.AreEqual(new[] { string.Empty, string.Empty }, result.Citations.ToArray());
        CollectionAssert.AreEqual(new[] { CslDiagnosticCodes.CitationNotFormatted, CslDiagnosticCodes.CitationNotFormatted }, result.Warnings.Select(w => w.Code).ToArray());
    }

    [TestMethod]
    public void MaxElementsPerRender_BelowWhatAStyleNeeds_StopsItAboveItRenders()
    {
        // The layout's call of m0, then 2 + 4 + 8 + 16 + 32 calls of m1 … m5, then m5's title 32 times: 95 elements.
        var style = Doubling(levels: 5, sortByMacro: false);
        var items = Render.Items(Items);

        var enough = CslProcessor.Create(style, new CslProcessorOptions { Format = CslOutputFormat.Text, Locales = Render.Locales, MaxElementsPerRender = 95 });
        var tooFew = CslProcessor.Create(style, new CslProcessorOptions { Format = CslOutputFormat.Text, Locales = Render.Locales, MaxElementsPerRender = 94 });

        Assert.AreEqual(string.Concat(Enumerable.Repeat("Alpha", 32)), enough.FormatBibliography(items).Entries[0].Text);
        Assert.IsEmpty(tooFew.FormatBibliography(items).Entries);
        Assert.Contains("more than 94 elements for one ", tooFew.FormatBibliography(items).Warnings[0].Message);
    }

    [TestMethod]
    public void MaxElementsPerRender_Zero_Refused()
    {
        var style = Doubling(levels: 1, sortByMacro: false);

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => CslProcessor.Create(style, new CslProcessorOptions { MaxElementsPerRender = 0 }));
    }

    [TestMethod]
    public void FormatBibliography_SharedStyleWithTheDefaultBudget_NothingStopped()
    {
        var style = CslStyle.Load(Path.Combine(SharedCsl.Styles, "apa.csl"));

        var bibliography = Render.Processor(style).FormatBibliography(Render.Items(Items));

        Assert.HasCount(3, bibliography.Entries);
        Assert.IsEmpty(bibliography.Warnings);
    }

    /// <summary>Macro <c>m</c><i>i</i> calls <c>m</c><i>i + 1</i> twice, <paramref name="levels"/> deep; the last prints
    /// the title. The citation and the bibliography print <c>m0</c>.</summary>
    private static CslStyle Doubling(int levels, bool sortByMacro)
    {
        var macros = string.Concat(Enumerable.Range(0, levels).Select(i => $"""<macro name="m{i}"><text macro="m{i + 1}"/><text macro="m{i + 1}"/></macro>"""))
            + $"""<macro name="m{levels}"><text variable="title"/></macro>""";
        var sort = sortByMacro ? """<sort><key macro="m0"/></sort>""" : string.Empty;
        return CslStyle.Parse(
            TestStyle.Xml("""<citation><layout><text macro="m0"/></layout></citation>""", $"""<bibliography>{sort}<layout><text macro="m0"/></layout></bibliography>""", macros),
            "doubling.csl");
    }
}
