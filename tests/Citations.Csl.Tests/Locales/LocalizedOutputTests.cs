using Citations.Csl.Output;
using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.Locales;

/// <summary>Terms, dates and punctuation in other languages (expected strings checked against citeproc-js).</summary>
[TestClass]
public sealed class LocalizedOutputTests
{
    private const string Item = """
        [{"id": "a", "type": "book", "title": "Le titre", "edition": 2, "issued": {"date-parts": [[2020, 3, 1]]},
          "author": [{"family": "Dupont", "given": "Jean"}, {"family": "Roe", "given": "Jane"}, {"family": "Poe", "given": "Al"}]}]
        """;

    private static readonly CslStyle Style = CslStyle.Parse(TestStyle.Xml(
        """
        <citation>
          <layout prefix="(" suffix=")"><group delimiter=" "><names variable="author"><name form="short" et-al-min="3" et-al-use-first="1"/></names><date variable="issued" form="text"/></group></layout>
        </citation>
        """,
        """
        <bibliography>
          <layout suffix=".">
            <group delimiter=", ">
              <names variable="author"><name et-al-min="3" et-al-use-first="1"/></names>
              <text variable="title" quotes="true"/>
              <date variable="issued" form="numeric"/>
              <number variable="edition" form="ordinal"/>
              <number variable="edition" form="long-ordinal"/>
              <text term="page" form="short"/>
            </group>
          </layout>
        </bibliography>
        """));

    [TestMethod]
    [DataRow("en-US", "(Dupont et al. March 1, 2020)")]
    [DataRow("en-GB", "(Dupont et al. 1 March 2020)")]
    [DataRow("fr-FR", "(Dupont et al. 1 mars 2020)")]
    [DataRow("de-DE", "(Dupont u.\u00A0a. 1. März 2020)")]
    [DataRow("de", "(Dupont u.\u00A0a. 1. März 2020)")]
    public void Citation_Language_LocalizesEtAlAndDate(string language, string expected)
    {
        var result = Render.Processor(Style, language: language).FormatDocument(Render.Items(Item), [CslCitation.Of("a")]);

        Assert.AreEqual(expected, result.Citations.Single());
    }

    [TestMethod]
    [DataRow("en-US", "Jean Dupont et al., “Le titre,” 03/01/2020, 2nd, second, p.")]
    [DataRow("en-GB", "Jean Dupont et al., ‘Le titre’, 01/03/2020, 2nd, second, p.")]
    [DataRow("fr-FR", "Jean Dupont et al., «\u00A0Le titre\u00A0», 01/03/2020, 2ᵉ, deuxième, p.")]
    [DataRow("de-DE", "Jean Dupont u.\u00A0a., „Le titre“, 01.03.2020, 2., zweiter, S.")]
    public void Bibliography_Language_LocalizesQuotesPunctuationAndNumbers(string language, string expected)
        => Assert.AreEqual(expected, Render.Entry(Style, Item, language: language));

    [TestMethod]
    public void Bibliography_FrenchOrdinalInHtml_IsSuperscript()
    {
        var entry = Render.Entry(Style, Item, CslOutputFormat.Html, "fr-FR");

        StringAssert.Contains(entry, ", 2<sup>e</sup>, deuxième,");
        StringAssert.Contains(entry, "«\u00A0Le titre\u00A0»");
    }

    [TestMethod]
    public void Bibliography_AustrianGerman_UsesItsOwnMonthNames()
    {
        var style = TestStyle.Bibliography("""<layout><date variable="issued" form="text"/></layout>""");

        Assert.AreEqual("15. Jänner 2020", Render.Entry(style, """[{"id": "a", "type": "book", "issued": {"date-parts": [[2020, 1, 15]]}}]""", language: "de-AT"));
        Assert.AreEqual("15. Januar 2020", Render.Entry(style, """[{"id": "a", "type": "book", "issued": {"date-parts": [[2020, 1, 15]]}}]""", language: "de-DE"));
    }
}
