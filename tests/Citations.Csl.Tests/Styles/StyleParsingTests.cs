using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;
using Citations.Diagnostics;

namespace Citations.Csl.Tests.Styles;

[TestClass]
public sealed class StyleParsingTests
{
    private const string OneItem = """[{"id": "x", "type": "book", "title": "Title"}]""";

    [TestMethod]
    public void Parse_CompleteStyle_ExposesItsMetadata()
    {
        var style = CslStyle.Parse("""
            <style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0" default-locale="de-AT">
              <info>
                <title>  A Note Style  </title>
                <id>http://example.org/styles/note</id>
              </info>
              <citation><layout><text variable="title"/></layout></citation>
              <bibliography><layout><text variable="title"/></layout></bibliography>
            </style>
            """, "note.csl");

        Assert.AreEqual("http://example.org/styles/note", style.Id);
        Assert.AreEqual("A Note Style", style.Title);
        Assert.AreEqual("note.csl", style.Source);
        Assert.AreEqual(CslStyleClass.Note, style.Class);
        Assert.AreEqual("de-AT", style.DefaultLocale);
        Assert.AreEqual("1.0", style.Version);
        Assert.IsTrue(style.HasBibliography);
        Assert.IsFalse(style.IsDependent);
        Assert.IsNull(style.IndependentParent);
        Assert.IsEmpty(style.Warnings);
        Assert.AreEqual("A Note Style (http://example.org/styles/note)", style.ToString());
    }

    [TestMethod]
    public void Load_FromFile_SourceIsThePath()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("s.csl", TestStyle.Xml("""<citation><layout><text variable="title"/></layout></citation>"""));

        var style = CslStyle.Load(path);

        Assert.AreEqual(path, style.Source);
        Assert.AreEqual(CslStyleClass.InText, style.Class);
        Assert.IsNull(style.DefaultLocale);
        Assert.IsFalse(style.HasBibliography);
    }

    [TestMethod]
    public void Parse_UnknownElement_WarnsWithLineAndStillRenders()
    {
        var style = CslStyle.Parse(TestStyle.Xml("""
            <citation>
              <layout><sparkle/><text variable="title"/></layout>
            </citation>
            """), "s.csl");

        var warning = style.Warnings.Single();
        Assert.AreEqual(DiagnosticSeverity.Warning, warning.Severity);
        Assert.AreEqual(CslDiagnosticCodes.StyleMarkupIgnored, warning.Code);
        Assert.AreEqual("Unknown element <sparkle> ignored.", warning.Message);
        Assert.AreEqual(new SourceLocation("s.csl", null, 5, 12), warning.Location);
        Assert.AreEqual("Title", Render.Citations(style, OneItem, CslCitation.Of("x")).Single());
    }

    [TestMethod]
    public void Parse_UnknownAttribute_Warns()
    {
        var style = TestStyle.Citation("""<layout><text variable="title" glitter="yes"/></layout>""");

        var warning = style.Warnings.Single();
        Assert.AreEqual(CslDiagnosticCodes.StyleMarkupIgnored, warning.Code);
        Assert.AreEqual("Unknown attribute 'glitter' on <text> ignored.", warning.Message);
        Assert.AreEqual("Title", Render.Citations(style, OneItem, CslCitation.Of("x")).Single());
    }

    [TestMethod]
    public void Parse_NonNumericEtAlMin_WarnsAndIgnoresIt()
    {
        var style = TestStyle.Citation("""<layout><names variable="author"><name et-al-min="many" et-al-use-first="1"/></names></layout>""");

        Assert.AreEqual("Attribute 'et-al-min' must be a non-negative integer, not 'many'; it was ignored.", style.Warnings.Single().Message);
        var text = Render.Citations(style, """[{"id": "x", "type": "book", "author": [{"family": "Doe", "given": "A"}, {"family": "Roe", "given": "B"}]}]""", CslCitation.Of("x"));
        Assert.AreEqual("A Doe, B Roe", text.Single());
    }

    [TestMethod]
    public void Parse_TextWithoutSource_WarnsAndRendersNothing()
    {
        var style = TestStyle.Citation("""<layout delimiter="|"><group delimiter=" "><text/><text variable="title"/></group></layout>""");

        Assert.AreEqual("<text> needs one of variable, macro, term or value; it renders nothing.", style.Warnings.Single().Message);
        Assert.AreEqual("Title", Render.Citations(style, OneItem, CslCitation.Of("x")).Single());
    }

    [TestMethod]
    public void Parse_UndefinedMacro_WarnsAndTheCallRendersNothing()
    {
        var style = TestStyle.Citation("""
            <layout>
              <group delimiter=", "><text macro="nowhere"/><text variable="title"/></group>
            </layout>
            """);

        var warning = style.Warnings.Single();
        Assert.AreEqual(CslDiagnosticCodes.UndefinedMacro, warning.Code);
        Assert.AreEqual("Macro 'nowhere' is not defined; the call renders nothing.", warning.Message);
        Assert.AreEqual(5, warning.Location.Line);
        Assert.AreEqual("Title", Render.Citations(style, OneItem, CslCitation.Of("x")).Single());
    }

    [TestMethod]
    public void Parse_UndefinedSortMacro_Warns()
    {
        var style = TestStyle.Bibliography("""<sort><key macro="missing"/></sort><layout><text variable="title"/></layout>""");

        Assert.AreEqual("Sort macro 'missing' is not defined; the key is empty.", style.Warnings.Single().Message);
        TextAssert.LinesEqual(new[] { "B", "A" }, Render.Bibliography(style, """[{"id": "b", "type": "book", "title": "B"}, {"id": "a", "type": "book", "title": "A"}]"""));
    }

    [TestMethod]
    public void Parse_MacroDefinedTwice_FirstDefinitionWins()
    {
        var style = TestStyle.Citation(
            """<layout><text macro="m"/></layout>""",
            macros: """
                <macro name="m"><text value="first"/></macro>
                <macro name="m"><text value="second"/></macro>
                """);

        Assert.AreEqual("Macro 'm' is defined twice; the first definition is used.", style.Warnings.Single().Message);
        Assert.AreEqual("first", Render.Citations(style, OneItem, CslCitation.Of("x")).Single());
    }

    [TestMethod]
    public void Parse_UnknownCondition_Warns()
    {
        var style = TestStyle.Citation("""<layout><choose><if is-shiny="title"><text value="yes"/></if><else><text value="no"/></else></choose></layout>""");

        TextAssert.LinesEqual(
            new[] { "Unknown condition 'is-shiny' ignored.", "<if> has no condition; it never matches." },
            style.Warnings.Select(w => w.Message));
    }

    [TestMethod]
    public void Parse_ForeignNamespaceRoot_IsReadAsCsl()
    {
        // Some hand-written styles forget the namespace; the element names are what counts.
        var style = CslStyle.Parse("""
            <style class="in-text" version="1.0">
              <info><id>bare</id><title>Bare</title></info>
              <citation><layout><text variable="title" prefix="[" suffix="]"/></layout></citation>
            </style>
            """);

        Assert.AreEqual("bare", style.Id);
        Assert.AreEqual("[Title]", Render.Citations(style, OneItem, CslCitation.Of("x")).Single());
    }
}
