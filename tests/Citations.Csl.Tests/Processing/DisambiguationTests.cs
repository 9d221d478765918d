using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.Processing;

/// <summary>Disambiguation and cite collapsing in author-date styles (expected strings checked against citeproc-js).</summary>
[TestClass]
public sealed class DisambiguationTests
{
    private const string SameAuthorItems = """
        [{"id": "a", "type": "book", "title": "Beta", "issued": {"date-parts": [[2020]]}, "author": [{"family": "Doe", "given": "John"}]},
         {"id": "b", "type": "book", "title": "Alpha", "issued": {"date-parts": [[2020]]}, "author": [{"family": "Doe", "given": "John"}]},
         {"id": "c", "type": "book", "title": "Gamma", "issued": {"date-parts": [[2021]]}, "author": [{"family": "Doe", "given": "John"}]}]
        """;

    private static readonly CslStyle YearSuffixStyle = CslStyle.Parse(TestStyle.Xml(
        """
        <citation disambiguate-add-year-suffix="true" collapse="year-suffix">
          <layout prefix="(" suffix=")" delimiter="; ">
            <group delimiter=", ">
              <names variable="author"><name form="short"/></names>
              <date variable="issued"><date-part name="year"/></date>
            </group>
          </layout>
        </citation>
        """,
        """
        <bibliography>
          <sort><key macro="author"/><key variable="title"/></sort>
          <layout suffix=".">
            <group delimiter=". ">
              <text macro="author"/>
              <date variable="issued"><date-part name="year"/></date>
              <text variable="title"/>
            </group>
          </layout>
        </bibliography>
        """,
        """<macro name="author"><names variable="author"><name name-as-sort-order="all"/></names></macro>"""));

    [TestMethod]
    public void AddYearSuffix_SameAuthorAndYear_LettersFollowTheBibliographyOrder()
    {
        var result = Render.Processor(YearSuffixStyle).FormatDocument(
            Render.Items(SameAuthorItems),
            [CslCitation.Of("a"), new CslCitation([new CslCite("b") { Locator = "4" }])],
            bibliography: true);

        TextAssert.LinesEqual(new[] { "(Doe, 2020b)", "(Doe, 2020a)" }, result.Citations);
        TextAssert.LinesEqual(new[] { "Doe, John. 2020a. Alpha.", "Doe, John. 2020b. Beta." }, result.Bibliography!.Entries.Select(e => e.Text));
    }

    [TestMethod]
    public void CitationSort_GivenNameAddedByDisambiguation_IsNotInTheSortKey()
    {
        // citeproc-js builds citation sort keys with no disambiguation: "C. Yilmaz" sorts as "Yilmaz", ties with
        // "Yilmaz et al." and, in the grouped sort, comes first by its author string (issue 10, american-sociological-association).
        var style = TestStyle.Citation(
            """
            <sort><key macro="author-short"/><key variable="issued"/></sort>
            <layout prefix="(" suffix=")" delimiter="; ">
              <group delimiter=":"><group delimiter=" "><text macro="author-short"/><date variable="issued"><date-part name="year"/></date></group><text variable="locator"/></group>
            </layout>
            """,
            macros: """<macro name="author-short"><names variable="author"><name form="short" and="text" delimiter=", " initialize-with=". "/></names></macro>""",
            citationAttributes: """et-al-min="4" et-al-use-first="1" disambiguate-add-givenname="true" collapse="year" """);
        const string Items = """
            [{"id": "w", "type": "book", "author": [{"family": "Yilmaz", "given": "Wei"}], "issued": {"date-parts": [[2024]]}},
             {"id": "c", "type": "book", "author": [{"family": "Yilmaz", "given": "Carlos"}], "issued": {"date-parts": [[2024]]}},
             {"id": "e", "type": "book", "author": [{"family": "Yilmaz", "given": "Carlos"}, {"family": "Garcia", "given": "James"}, {"family": "Dubois", "given": "Luca"}, {"family": "Mensah", "given": "Mary"}], "issued": {"date-parts": [[1995]]}}]
            """;

        var result = Render.Processor(style).FormatDocument(
            Render.Items(Items),
            [CslCitation.Of("w"), new CslCitation([new CslCite("c") { Locator = "14" }, new CslCite("e")]), new CslCitation([new CslCite("e"), new CslCite("c")])]);

        TextAssert.LinesEqual(new[] { "(W. Yilmaz 2024)", "(C. Yilmaz 2024:14; Yilmaz et al. 1995)", "(C. Yilmaz 2024; Yilmaz et al. 1995)" }, result.Citations);
    }

    [TestMethod]
    public void CitationSort_PrimaryNameRule_KeysShowTheInitialsTheRuleRequires()
    {
        // Under a global given-name rule the registry's floor (here "E." and "M.") is part of citeproc-js's citation
        // sort keys: "Fischer E" sorts before "Fischer M" whatever the co-authors (american-political-science-association).
        var style = TestStyle.Citation(
            """
            <sort><key macro="author-short"/><key variable="issued"/></sort>
            <layout prefix="(" suffix=")" delimiter="; ">
              <group delimiter=" "><text macro="author-short"/><date variable="issued"><date-part name="year"/></date></group>
            </layout>
            """,
            macros: """<macro name="author-short"><names variable="author"><name form="short" and="text" delimiter=", " initialize-with=". "/></names></macro>""",
            citationAttributes: """et-al-min="4" et-al-use-first="1" disambiguate-add-givenname="true" givenname-disambiguation-rule="primary-name" collapse="year" """);
        const string Items = """
            [{"id": "e", "type": "book", "author": [{"family": "Fischer", "given": "Emma"}, {"family": "Nowak", "given": "Anna"}], "issued": {"date-parts": [[1993]]}},
             {"id": "m", "type": "book", "author": [{"family": "Fischer", "given": "Max"}, {"family": "Cohen", "given": "Sara"}, {"family": "Santos", "given": "Rui"}], "issued": {"date-parts": [[2014]]}}]
            """;

        var result = Render.Processor(style).FormatDocument(Render.Items(Items), [new CslCitation([new CslCite("m"), new CslCite("e")])]);

        Assert.AreEqual("(E. Fischer and Nowak 1993; M. Fischer, Cohen, and Santos 2014)", result.Citations.Single());
    }

    [TestMethod]
    public void AddYearSuffix_FullBibliography_SuffixesOnlyTheAmbiguousItems()
    {
        TextAssert.LinesEqual(
            new[] { "Doe, John. 2020a. Alpha.", "Doe, John. 2020b. Beta.", "Doe, John. 2021. Gamma." },
            Render.Bibliography(YearSuffixStyle, SameAuthorItems));
    }

    [TestMethod]
    public void CollapseYearSuffix_SameAuthorCites_ShareTheAuthorAndYear()
    {
        var text = Render.Citations(YearSuffixStyle, SameAuthorItems, new CslCitation([new CslCite("b"), new CslCite("a"), new CslCite("c")]));

        Assert.AreEqual("(Doe, 2020a; b, 2021)", text.Single());
    }

    [TestMethod]
    public void CollapseYear_AdjacentCitesOfOneAuthor_ShareTheAuthor()
    {
        var style = TestStyle.Citation(
            """
            <layout prefix="(" suffix=")" delimiter="; ">
              <group delimiter=", "><names variable="author"><name form="short"/></names><date variable="issued"><date-part name="year"/></date></group>
            </layout>
            """,
            citationAttributes: """collapse="year" """);
        const string Items = """
            [{"id": "a", "type": "book", "issued": {"date-parts": [[2020]]}, "author": [{"family": "Doe", "given": "John"}]},
             {"id": "c", "type": "book", "issued": {"date-parts": [[2021]]}, "author": [{"family": "Doe", "given": "John"}]},
             {"id": "f", "type": "book", "issued": {"date-parts": [[2019]]}, "author": [{"family": "Roe", "given": "Ray"}]}]
            """;

        var texts = Render.Citations(
            style,
            Items,
            new CslCitation([new CslCite("a"), new CslCite("c"), new CslCite("f")]),
            new CslCitation([new CslCite("a"), new CslCite("f"), new CslCite("c")]));

        TextAssert.LinesEqual(new[] { "(Doe, 2020, 2021; Roe, 2019)", "(Doe, 2020; Roe, 2019; Doe, 2021)" }, texts);
    }

    [TestMethod]
    public void AddGivenNameAndNames_AmbiguousAuthors_AreExpandedJustEnough()
    {
        var style = TestStyle.Citation(
            """
            <layout prefix="(" suffix=")" delimiter="; ">
              <group delimiter=" ">
                <names variable="author"><name form="short" initialize-with=". " et-al-min="3" et-al-use-first="1"/></names>
                <date variable="issued"><date-part name="year"/></date>
              </group>
            </layout>
            """,
            citationAttributes: """disambiguate-add-givenname="true" disambiguate-add-names="true" givenname-disambiguation-rule="by-cite" """);
        const string Items = """
            [{"id": "a", "type": "book", "issued": {"date-parts": [[2020]]}, "author": [{"family": "Doe", "given": "John"}]},
             {"id": "b", "type": "book", "issued": {"date-parts": [[2020]]}, "author": [{"family": "Doe", "given": "Adam"}]},
             {"id": "c", "type": "book", "issued": {"date-parts": [[2020]]}, "author": [{"family": "Doe", "given": "Jane"}]},
             {"id": "d", "type": "book", "issued": {"date-parts": [[2018]]}, "author": [{"family": "Smith", "given": "Al"}, {"family": "Jones", "given": "Bo"}, {"family": "Brown", "given": "Cy"}]},
             {"id": "e", "type": "book", "issued": {"date-parts": [[2018]]}, "author": [{"family": "Smith", "given": "Al"}, {"family": "Black", "given": "Di"}, {"family": "Brown", "given": "Cy"}]},
             {"id": "f", "type": "book", "issued": {"date-parts": [[2019]]}, "author": [{"family": "Roe", "given": "Ray"}]}]
            """;

        var texts = Render.Citations(
            style,
            Items,
            new CslCitation([new CslCite("a"), new CslCite("b")]),
            CslCitation.Of("c"),
            new CslCitation([new CslCite("d"), new CslCite("e")]),
            CslCitation.Of("f"));

        TextAssert.LinesEqual(
            new[] { "(John Doe 2020; A. Doe 2020)", "(Jane Doe 2020)", "(Smith, Jones, et al. 2018; Smith, Black, et al. 2018)", "(Roe 2019)" },
            texts);
    }
}
