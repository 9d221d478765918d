using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.Locales;

/// <summary>A style's own <c>cs:locale</c> elements override the locale files (checked against citeproc-js).</summary>
[TestClass]
public sealed class InlineLocaleTests
{
    private const string Item = """
        [{"id": "a", "type": "book", "title": "Titel", "issued": {"date-parts": [[2020, 1, 15]]},
          "author": [{"family": "A", "given": "Ann"}, {"family": "B", "given": "Bo"}, {"family": "C", "given": "Cy"}],
          "editor": [{"family": "E", "given": "Ed"}, {"family": "F", "given": "Fi"}]}]
        """;

    private static readonly CslStyle Style = TestStyle.Bibliography(
        """
        <layout suffix=".">
          <group delimiter=", ">
            <names variable="author"><name and="text" et-al-min="3" et-al-use-first="1"/></names>
            <names variable="editor"><name and="text"/></names>
            <text variable="title" quotes="true"/>
            <date variable="issued" form="text"/>
          </group>
        </layout>
        """,
        macros: """
            <locale><terms><term name="et-al">and colleagues</term><term name="and">plus</term></terms></locale>
            <locale xml:lang="de">
              <terms><term name="et-al">und Kollegen</term></terms>
              <date form="text"><date-part name="year"/><date-part name="month" prefix="/"/></date>
            </locale>
            <locale xml:lang="en-GB"><style-options punctuation-in-quote="true"/></locale>
            """);

    [TestMethod]
    [DataRow("en-US", "Ann A and colleagues, Ed E plus Fi F, “Titel,” January 15, 2020.")]
    [DataRow("de-DE", "Ann A und Kollegen, Ed E plus Fi F, „Titel“, 2020/Januar.")]
    [DataRow("de-AT", "Ann A und Kollegen, Ed E plus Fi F, „Titel“, 2020/Jänner.")]
    [DataRow("en-GB", "Ann A and colleagues, Ed E plus Fi F, ‘Titel,’ 15 January 2020.")]
    public void Bibliography_InlineLocales_OverrideTermsDatesAndOptionsByLanguage(string language, string expected)
        => Assert.AreEqual(expected, Render.Entry(Style, Item, language: language));

    [TestMethod]
    public void Parse_InlineLocaleWithUnknownElement_Warns()
    {
        var style = TestStyle.Citation(
            """<layout><text term="and"/></layout>""",
            macros: """<locale><sparkle/><terms><term name="and">n</term></terms></locale>""");

        Assert.AreEqual("Unknown locale element <sparkle> ignored.", style.Warnings.Single().Message);
        Assert.AreEqual(CslDiagnosticCodes.LocaleMarkupIgnored, style.Warnings.Single().Code);
    }
}
