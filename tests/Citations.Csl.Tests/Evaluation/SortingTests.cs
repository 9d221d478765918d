using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.Evaluation;

/// <summary>Bibliography sorting and subsequent-author substitution (checked against citeproc-js).</summary>
[TestClass]
public sealed class SortingTests
{
    [TestMethod]
    public void Sort_DescendingDateThenAuthor_MissingDatesLast()
    {
        var style = TestStyle.Bibliography("""
            <sort><key variable="issued" sort="descending"/><key variable="author"/></sort>
            <layout><group delimiter=" | "><names variable="author"/><date variable="issued"><date-part name="year"/></date></group></layout>
            """);

        TextAssert.LinesEqual(
            new[] { "B Young | 2005", "D Adams | 2001", "E Élan | 2001", "Vincent van Gogh | 2001", "A Zed | 2001", "C Xavier" },
            Render.Bibliography(style, """
                [{"id": "a", "type": "book", "issued": {"date-parts": [[2001]]}, "author": [{"family": "Zed", "given": "A"}]},
                 {"id": "b", "type": "book", "issued": {"date-parts": [[2005]]}, "author": [{"family": "Young", "given": "B"}]},
                 {"id": "c", "type": "book", "author": [{"family": "Xavier", "given": "C"}]},
                 {"id": "d", "type": "book", "issued": {"date-parts": [[2001]]}, "author": [{"family": "Adams", "given": "D"}]},
                 {"id": "e", "type": "book", "issued": {"date-parts": [[2001]]}, "author": [{"family": "Gogh", "given": "Vincent", "non-dropping-particle": "van"}]},
                 {"id": "f", "type": "book", "issued": {"date-parts": [[2001]]}, "author": [{"family": "Élan", "given": "E"}]}]
                """));
    }

    [TestMethod]
    public void SubsequentAuthorSubstitute_SameAuthors_AreReplacedByDashes()
    {
        var style = TestStyle.Bibliography(
            """
            <sort><key variable="author"/><key variable="title"/></sort>
            <layout suffix="."><group delimiter=". "><names variable="author"/><text variable="title" font-style="italic"/></group></layout>
            """,
            bibliographyAttributes: """subsequent-author-substitute="———" """);

        TextAssert.LinesEqual(
            new[] { "J Doe. A.", "———. B.", "J Doe, R Roe. C." },
            Render.Bibliography(style, """
                [{"id": "a", "type": "book", "title": "B", "author": [{"family": "Doe", "given": "J"}]},
                 {"id": "b", "type": "book", "title": "A", "author": [{"family": "Doe", "given": "J"}]},
                 {"id": "c", "type": "book", "title": "C", "author": [{"family": "Doe", "given": "J"}, {"family": "Roe", "given": "R"}]}]
                """));
    }
}
