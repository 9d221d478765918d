using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.Evaluation;

/// <summary>Terms: plurals, verb forms, gendered ordinals (checked against citeproc-js).</summary>
[TestClass]
public sealed class TermTests
{
    private static readonly CslStyle Style = TestStyle.Bibliography("""
        <layout>
          <group delimiter=" | ">
            <text variable="title"/>
            <text term="editor" form="verb"/>
            <text term="editor" form="verb-short"/>
            <label variable="number-of-pages"/>
            <number variable="edition" form="ordinal"/>
            <number variable="issue" form="ordinal"/>
          </group>
        </layout>
        """);

    private const string Items = """
        [{"id": "a", "type": "book", "title": "T", "edition": 1, "issue": 1, "number-of-pages": "1"},
         {"id": "b", "type": "book", "title": "T", "edition": 2, "issue": 2, "number-of-pages": "250"}]
        """;

    [TestMethod]
    public void Terms_English_VerbFormsAndPluralLabels()
    {
        TextAssert.LinesEqual(
            new[] { "T | edited by | ed. by | page | 1st | 1st", "T | edited by | ed. by | pages | 2nd | 2nd" },
            Render.Bibliography(Style, Items));
    }

    [TestMethod]
    public void Terms_French_OrdinalsAgreeWithTheTermGender()
    {
        // "édition" is feminine (1re), "numéro" masculine (1er).
        TextAssert.LinesEqual(
            new[] { "T | édité par | éd. par | page | 1ʳᵉ | 1ᵉʳ", "T | édité par | éd. par | pages | 2ᵉ | 2ᵉ" },
            Render.Bibliography(Style, Items, language: "fr-FR"));
    }

    [TestMethod]
    public void Term_Plural_UsesTheMultipleForm()
    {
        var style = TestStyle.Bibliography("""<layout><group delimiter=" "><names variable="author"/><text term="page" plural="true"/></group></layout>""");

        Assert.AreEqual("Doe pages", Render.Entry(style, """[{"id": "a", "type": "book", "author": [{"family": "Doe"}]}]"""));
    }
}
