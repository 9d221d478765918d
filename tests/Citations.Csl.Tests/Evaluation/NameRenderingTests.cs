using Citations.Csl.Output;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.Evaluation;

/// <summary>cs:names and cs:name (expected strings checked against citeproc-js).</summary>
[TestClass]
public sealed class NameRenderingTests
{
    private const string FiveAuthors = """
        [{"id": "a", "type": "book", "author": [
          {"family": "A", "given": "Ann"}, {"family": "B", "given": "Bob"}, {"family": "C", "given": "Cy"},
          {"family": "D", "given": "Di"}, {"family": "E", "given": "Ed"}]}]
        """;

    private static CslStyle Names(string names, string attributes = "")
        => TestStyle.Bibliography($"<layout>{names}</layout>", attributes);

    [TestMethod]
    [DataRow("""{"family": "Doe", "given": "John"}, {"family": "Roe", "given": "Jane"}""", "John Doe, Jane Roe")]
    [DataRow("""{"family": "Doe", "given": "John"}, {"family": "Roe", "given": "Jane"}, {"family": "Poe", "given": "Al"}""", "John Doe et al.")]
    [DataRow("""{"family": "Doe", "given": "John"}, {"family": "Roe", "given": "Jane"}, {"family": "Poe", "given": "Al"}, {"family": "Zoe", "given": "Zed"}""", "John Doe et al.")]
    public void EtAl_FromTheMinimumOn_ShortensTheList(string authors, string expected)
    {
        var style = Names("""<names variable="author"><name et-al-min="3" et-al-use-first="1"/></names>""");

        Assert.AreEqual(expected, Render.Entry(style, $$"""[{"id": "a", "type": "book", "author": [{{authors}}]}]"""));
    }

    [TestMethod]
    public void EtAl_DelimiterPrecedesEtAlNever_NoCommaBeforeEtAl()
    {
        var style = Names("""<names variable="author"><name et-al-min="4" et-al-use-first="3" and="text" delimiter-precedes-et-al="never"/></names>""");

        TextAssert.LinesEqual(
            new[] { "An A, Bo B, Cy C et al.", "An A, Bo B, and Cy C" },
            Render.Bibliography(style, """
                [{"id": "a", "type": "book", "author": [{"family": "A", "given": "An"}, {"family": "B", "given": "Bo"}, {"family": "C", "given": "Cy"}, {"family": "D", "given": "Di"}]},
                 {"id": "b", "type": "book", "author": [{"family": "A", "given": "An"}, {"family": "B", "given": "Bo"}, {"family": "C", "given": "Cy"}]}]
                """));
    }

    [TestMethod]
    public void EtAlUseLast_ShowsFirstNamesEllipsisAndLastName()
    {
        var style = Names("""<names variable="author"><name et-al-min="4" et-al-use-first="2" et-al-use-last="true"/></names>""");

        Assert.AreEqual("Ann A, Bob B, … Ed E", Render.Entry(style, FiveAuthors));
    }

    [TestMethod]
    public void EtAlElement_CustomTerm_ReplacesEtAl()
    {
        var style = Names("""<names variable="author"><name et-al-min="2" et-al-use-first="1"/><et-al term="and others" font-style="italic"/></names>""");
        const string Items = """[{"id": "a", "type": "book", "author": [{"family": "Doe", "given": "John"}, {"family": "Roe", "given": "Jane"}]}]""";

        Assert.AreEqual("John Doe and others", Render.Entry(style, Items));
        Assert.AreEqual("  <div class=\"csl-entry\">John Doe <i>and others</i></div>\n", Render.Entry(style, Items, CslOutputFormat.Html));
    }

    [TestMethod]
    public void InitializeWith_SortOrderAll_InvertsAndInitializesEveryName()
    {
        var style = Names("""<names variable="author"><name name-as-sort-order="all" initialize-with=". " and="text" delimiter=", "/></names>""");

        Assert.AreEqual("Doe, J. R. and Roe, J.", Render.Entry(style, """
            [{"id": "a", "type": "book", "author": [{"family": "Doe", "given": "John Ronald"}, {"family": "Roe", "given": "Jane"}]}]
            """));
    }

    [TestMethod]
    [DataRow("John Ronald", "J.R. Doe | John Ronald Doe | Doe")]
    [DataRow("Jean-Paul", "J.-P. Doe | Jean-Paul Doe | Doe")]
    [DataRow("J. R.", "J.R. Doe | J. R. Doe | Doe")]
    public void Initialize_GivenNames_InitialsHyphensAndShortForm(string given, string expected)
    {
        var style = Names("""
            <group delimiter=" | ">
              <names variable="author"><name initialize-with="."/></names>
              <names variable="author"><name initialize-with=". " initialize="false"/></names>
              <names variable="author"><name form="short"/></names>
            </group>
            """);

        Assert.AreEqual(expected, Render.Entry(style, $$"""[{"id": "a", "type": "book", "author": [{"family": "Doe", "given": "{{given}}"}]}]"""));
    }

    [TestMethod]
    public void InitializeWithHyphenFalse_DropsTheHyphen()
    {
        var style = Names("""<names variable="author"><name initialize-with=". "/></names>""", """initialize-with-hyphen="false" """);

        Assert.AreEqual("J. P. Sartre", Render.Entry(style, """[{"id": "a", "type": "book", "author": [{"family": "Sartre", "given": "Jean-Paul"}]}]"""));
    }

    [TestMethod]
    public void Particles_SortOrderFirst_DemotesTheNonDroppingParticleByDefault()
    {
        var style = Names("""<names variable="author"><name name-as-sort-order="first" and="symbol" delimiter-precedes-last="never"/></names>""");

        Assert.AreEqual("Gogh, Vincent van, Ludwig van Beethoven, & World Health Organization", Render.Entry(style, """
            [{"id": "a", "type": "book", "author": [
              {"family": "Gogh", "given": "Vincent", "non-dropping-particle": "van"},
              {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"},
              {"literal": "World Health Organization"}]}]
            """));
    }

    [TestMethod]
    public void Particles_DemoteNever_KeepsTheNonDroppingParticleInFront()
    {
        var style = Names("""<names variable="author"><name name-as-sort-order="all"/></names>""", """demote-non-dropping-particle="never" """);

        Assert.AreEqual("van Gogh, Vincent, Beethoven, Ludwig van", Render.Entry(style, """
            [{"id": "a", "type": "book", "author": [
              {"family": "Gogh", "given": "Vincent", "non-dropping-particle": "van"},
              {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"}]}]
            """));
    }

    [TestMethod]
    [DataRow("""{"family": "King", "given": "Martin Luther", "suffix": "Jr."}""", "Martin Luther King Jr. | King, Martin Luther, Jr.")]
    [DataRow("""{"family": "Doe", "given": "John", "suffix": "III", "comma-suffix": true}""", "John Doe, III | Doe, John, III")]
    [DataRow("""{"family": "毛", "given": "泽东"}""", "毛泽东 | 毛泽东")]
    [DataRow("""{"literal": "Office of Statistics"}""", "Office of Statistics | Office of Statistics")]
    public void NameOrder_SuffixesScriptsAndLiterals(string name, string expected)
    {
        var style = Names("""<group delimiter=" | "><names variable="author"/><names variable="author"><name name-as-sort-order="all"/></names></group>""");

        Assert.AreEqual(expected, Render.Entry(style, $$"""[{"id": "a", "type": "book", "author": [{{name}}]}]"""));
    }

    [TestMethod]
    public void NamePart_Formatting_AppliesToThatPartOnly()
    {
        var style = Names("""
            <names variable="author">
              <name delimiter-precedes-last="always" and="text">
                <name-part name="family" text-case="uppercase"/>
                <name-part name="given" font-style="italic"/>
              </name>
            </names>
            """);
        const string Items = """[{"id": "a", "type": "book", "author": [{"family": "Doe", "given": "John"}, {"family": "Roe", "given": "Jane"}]}]""";

        Assert.AreEqual("John DOE, and Jane ROE", Render.Entry(style, Items));
        Assert.AreEqual("  <div class=\"csl-entry\"><i>John</i> DOE, and <i>Jane</i> ROE</div>\n", Render.Entry(style, Items, CslOutputFormat.Html));
    }

    [TestMethod]
    public void Label_ShortFormAfterSeveralEditors_IsPlural()
    {
        var style = Names("""<names variable="author editor" delimiter="; "><name form="short" and="text"/><label form="short" prefix=" (" suffix=")"/></names>""");

        Assert.AreEqual("Doe and Roe (eds.)", Render.Entry(style, """
            [{"id": "a", "type": "book", "editor": [{"family": "Doe", "given": "John"}, {"family": "Roe", "given": "Jane"}]}]
            """));
    }

    [TestMethod]
    public void Substitute_MissingAuthor_UsesEditorThenTitle()
    {
        var style = Names("""
            <names variable="author">
              <name and="symbol"/>
              <label form="short" prefix=" (" suffix=")"/>
              <substitute><names variable="editor"/><text variable="title"/></substitute>
            </names>
            """);

        TextAssert.LinesEqual(
            new[] { "Ed Eddy (ed.)", "Anonymous Work" },
            Render.Bibliography(style, """
                [{"id": "a", "type": "book", "editor": [{"family": "Eddy", "given": "Ed"}]},
                 {"id": "b", "type": "book", "title": "Anonymous Work"}]
                """));
    }

    [TestMethod]
    public void EmptyEntry_ItemWithNothingToPrint_IsLeftOutOfTheBibliography()
    {
        var style = Names("""<names variable="author"/>""");

        var bibliography = Render.Processor(style).FormatBibliography(Render.Items("""
            [{"id": "a", "type": "book", "author": [{"family": "Doe"}]},
             {"id": "b", "type": "book", "translator": [{"family": "T", "given": "Tr"}]}]
            """));

        Assert.AreEqual("a", bibliography.Entries.Single().Id);
        Assert.AreEqual("Doe", bibliography.Entries.Single().Text);
    }
}
