using Citations.Csl.Output;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.Evaluation;

/// <summary>text-case, with markup and the item's language (expected strings checked against citeproc-js).</summary>
[TestClass]
public sealed class TextCaseTests
{
    private static CslStyle Case(string textCase)
        => TestStyle.Bibliography($"""<layout><text variable="title" text-case="{textCase}"/></layout>""");

    private static string Title(string textCase, string title, string? language = null, CslOutputFormat? format = null)
    {
        var languageJson = language is null ? string.Empty : $$""", "language": "{{language}}" """;
        return Render.Entry(Case(textCase), $$"""[{"id": "a", "type": "book", "title": "{{title}}"{{languageJson}}}]""", format);
    }

    [TestMethod]
    [DataRow("title", "The Origin of Species: A Study in the Lab of NASA")]
    [DataRow("sentence", "The origin of species: a study in the lab of nasa")]
    [DataRow("capitalize-first", "The origin of species: a study in the lab of NASA")]
    [DataRow("capitalize-all", "The Origin Of Species: A Study In The Lab Of NASA")]
    [DataRow("uppercase", "THE ORIGIN OF SPECIES: A STUDY IN THE LAB OF NASA")]
    [DataRow("lowercase", "the origin of species: a study in the lab of nasa")]
    public void TextCase_EachValue_TransformsTheTitle(string textCase, string expected)
        => Assert.AreEqual(expected, Title(textCase, "the origin of species: a study in the lab of NASA"));

    [TestMethod]
    [DataRow("title", "An <i>iPhone</i> for the masses and <b>Bold</b> Ideas")]
    [DataRow("sentence", "An <i>iphone</i> for the masses and <b>bold</b> ideas")]
    [DataRow("uppercase", "AN <i>IPHONE</i> FOR the masses AND <b>BOLD</b> IDEAS")]
    [DataRow("capitalize-all", "An <i>iPhone</i> For the masses And <b>Bold</b> Ideas")]
    public void TextCase_NocaseSpan_IsLeftAlone(string textCase, string expected)
    {
        const string Title1 = """An <i>iPhone</i> for <span class=\"nocase\">the masses</span> and <b>bold</b> ideas""";

        Assert.AreEqual($"  <div class=\"csl-entry\">{expected}</div>\n", Title(textCase, Title1, format: CslOutputFormat.Html));
    }

    [TestMethod]
    [DataRow("title", "THE WAR OF THE WORLDS")]
    [DataRow("sentence", "THE war of the worlds")]
    public void TextCase_AllCapsTitle_IsNotTitleCasedButSentenceCasedAfterTheFirstWord(string textCase, string expected)
        => Assert.AreEqual(expected, Title(textCase, "THE WAR OF THE WORLDS", "en"));

    [TestMethod]
    [DataRow("title", "der krieg der welten")]
    [DataRow("sentence", "Der krieg der welten")]
    [DataRow("capitalize-all", "Der Krieg Der Welten")]
    public void TextCase_NonEnglishItem_IsNotTitleCased(string textCase, string expected)
        => Assert.AreEqual(expected, Title(textCase, "der krieg der welten", "de"));

    [TestMethod]
    public void StripPeriods_Abbreviation_LosesItsPeriods()
    {
        var style = TestStyle.Bibliography("""<layout suffix="."><text variable="container-title" strip-periods="true"/></layout>""");

        Assert.AreEqual("J Am Chem Soc.", Render.Entry(style, """[{"id": "a", "type": "book", "container-title": "J. Am. Chem. Soc."}]"""));
    }
}
