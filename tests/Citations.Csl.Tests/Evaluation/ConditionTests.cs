using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.Evaluation;

/// <summary>cs:choose with type and variable conditions and the match modes (checked against citeproc-js).</summary>
[TestClass]
public sealed class ConditionTests
{
    [TestMethod]
    public void Choose_MatchAnyNoneAndAll_PickTheRightBranches()
    {
        var style = TestStyle.Bibliography("""
            <layout>
              <group delimiter="|">
                <choose><if type="book chapter" match="any"><text value="bookish"/></if><else><text value="other"/></else></choose>
                <choose><if variable="DOI URL" match="none"><text value="offline"/></if></choose>
                <choose><if type="book" variable="DOI"><text value="ebook"/></if></choose>
              </group>
            </layout>
            """);

        TextAssert.LinesEqual(
            new[] { "bookish|offline", "bookish", "other|offline", "bookish|ebook" },
            Render.Bibliography(style, """
                [{"id": "a", "type": "book"},
                 {"id": "b", "type": "chapter", "URL": "http://example.org"},
                 {"id": "c", "type": "article-journal"},
                 {"id": "d", "type": "book", "DOI": "10.1/x"}]
                """));
    }

    [TestMethod]
    [DataRow("page", "p. 5")]
    [DataRow("chapter", "chap. 5")]
    [DataRow("section", "§ 5")]
    public void Choose_LocatorCondition_FollowsTheCiteLabel(string label, string expected)
    {
        var style = TestStyle.Citation("""
            <layout>
              <choose>
                <if locator="section"><group delimiter=" "><text value="§"/><text variable="locator"/></group></if>
                <else><group delimiter=" "><label variable="locator" form="short"/><text variable="locator"/></group></else>
              </choose>
            </layout>
            """);

        var text = Render.Citations(style, """[{"id": "a", "type": "book"}]""", new Citations.Csl.Processing.CslCitation([new("a") { Locator = "5", Label = label }]));

        Assert.AreEqual(expected, text.Single());
    }

    [TestMethod]
    public void Group_WithTermsButNoVariableThatRendered_IsSuppressed()
    {
        var style = TestStyle.Bibliography("""
            <layout>
              <group delimiter=", ">
                <text variable="title"/>
                <group delimiter=" "><text term="volume" form="short"/><text variable="volume"/></group>
                <group delimiter=" "><text value="edited by"/><names variable="editor"/></group>
              </group>
            </layout>
            """);

        TextAssert.LinesEqual(
            new[] { "Title, vol. 3", "Other, edited by Ed Eddy" },
            Render.Bibliography(style, """
                [{"id": "a", "type": "book", "title": "Title", "volume": "3"},
                 {"id": "b", "type": "book", "title": "Other", "editor": [{"family": "Eddy", "given": "Ed"}]}]
                """));
    }
}
