using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.Evaluation;

/// <summary>cs:number, page ranges and number labels (expected strings checked against citeproc-js).</summary>
[TestClass]
public sealed class NumberRenderingTests
{
    private const string PageItems = """
        [{"id": "a", "type": "book", "page": "321-328"},
         {"id": "b", "type": "book", "page": "1496-1504"},
         {"id": "c", "type": "book", "page": "101-108"},
         {"id": "d", "type": "book", "page": "42-45"},
         {"id": "e", "type": "book", "page": "11564-11568"}]
        """;

    [TestMethod]
    [DataRow("""{"edition": 2, "volume": "14", "page": "321-28", "issue": "3-5"}""", "2nd | second | xiv | 321–328 | 3–5 | pp.")]
    [DataRow("""{"edition": "11", "volume": 4, "page": "101–8", "issue": "7 & 9"}""", "11th | 11th | iv | 101–108 | 7 & 9 | pp.")]
    [DataRow("""{"edition": "third", "volume": "IV", "page": "e123"}""", "third | third | IV | e123 | p.")]
    public void Forms_OrdinalRomanAndLabels(string variables, string expected)
    {
        var style = TestStyle.Bibliography(
            """
            <layout>
              <group delimiter=" | ">
                <number variable="edition" form="ordinal"/>
                <number variable="edition" form="long-ordinal"/>
                <number variable="volume" form="roman"/>
                <text variable="page"/>
                <number variable="issue"/>
                <label variable="page" form="short"/>
              </group>
            </layout>
            """,
            """page-range-format="expanded" """);

        Assert.AreEqual(expected, Render.Entry(style, $$"""[{"id": "a", "type": "book", {{variables.TrimStart('{')}}]"""));
    }

    [TestMethod]
    public void Ordinal_TeensAndHundreds_TakeTheRightSuffix()
    {
        var style = TestStyle.Bibliography("""<layout><group delimiter=" "><number variable="edition" form="ordinal"/><number variable="edition" form="long-ordinal"/></group></layout>""");
        var items = "[" + string.Join(",", new[] { 1, 11, 12, 13, 21, 22, 103, 111 }.Select(n => $$"""{"id": "e{{n}}", "type": "book", "edition": {{n}}}""")) + "]";

        TextAssert.LinesEqual(
            new[] { "1st first", "11th 11th", "12th 12th", "13th 13th", "21st 21st", "22nd 22nd", "103rd 103rd", "111th 111th" },
            Render.Bibliography(style, items));
    }

    [TestMethod]
    [DataRow("12", "12 | numeric | 12th")]
    [DataRow("2nd", "2nd | numeric | 2nd")]
    [DataRow("12-14", "12–14 | numeric | 12th–14th")]
    [DataRow("III", "III | text | III")]
    [DataRow("A7", "A7 | numeric | A7")]
    public void IsNumeric_VariousVolumes_MatchesNumbersWithAffixesAndRanges(string volume, string expected)
    {
        var style = TestStyle.Bibliography("""
            <layout>
              <group delimiter=" | ">
                <text variable="volume"/>
                <choose><if is-numeric="volume"><text value="numeric"/></if><else><text value="text"/></else></choose>
                <number variable="volume" form="ordinal"/>
              </group>
            </layout>
            """);

        Assert.AreEqual(expected, Render.Entry(style, $$"""[{"id": "a", "type": "book", "volume": "{{volume}}"}]"""));
    }

    [TestMethod]
    [DataRow("expanded", "321–328", "1496–1504", "101–108", "42–45", "11564–11568")]
    [DataRow("minimal", "321–8", "1496–504", "101–8", "42–5", "11564–8")]
    [DataRow("minimal-two", "321–28", "1496–504", "101–08", "42–45", "11564–68")]
    [DataRow("chicago", "321–28", "1496–1504", "101–8", "42–45", "11564–68")]
    [DataRow("chicago-16", "321–28", "1496–504", "101–8", "42–45", "11564–68")]
    public void PageRangeFormat_EachFormat_AbbreviatesAsSpecified(string format, string a, string b, string c, string d, string e)
    {
        var style = TestStyle.Bibliography("""<layout><text variable="page"/></layout>""", $"""page-range-format="{format}" """);

        TextAssert.LinesEqual(new[] { a, b, c, d, e }, Render.Bibliography(style, PageItems));
    }

    [TestMethod]
    public void PageRange_WithoutFormat_OnlyTheHyphenBecomesADash()
    {
        var style = TestStyle.Bibliography("""<layout><text variable="page"/></layout>""");

        TextAssert.LinesEqual(
            new[] { "321–328", "1496–1504", "101–108", "42–45", "11564–11568" },
            Render.Bibliography(style, PageItems));
    }

    [TestMethod]
    [DataRow("0", "0")]
    [DataRow("abc-def", "abc-def")]
    [DataRow("10-5", "10–5")]
    public void PageRange_OddValues_AreLeftReadable(string page, string expected)
    {
        var style = TestStyle.Bibliography("""<layout><text variable="page"/></layout>""", """page-range-format="minimal" """);

        Assert.AreEqual(expected, Render.Entry(style, $$"""[{"id": "a", "type": "book", "page": "{{page}}"}]"""));
    }

    [TestMethod]
    [DataRow("0", "0")]
    [DataRow("5000", "mmmmm")]
    [DataRow("99999999999999999999", "99999999999999999999")]
    public void Roman_OutOfRange_DoesNotFail(string volume, string expected)
    {
        var style = TestStyle.Bibliography("""<layout><number variable="volume" form="roman"/></layout>""");

        Assert.AreEqual(expected, Render.Entry(style, $$"""[{"id": "a", "type": "book", "volume": "{{volume}}"}]"""));
    }
}
