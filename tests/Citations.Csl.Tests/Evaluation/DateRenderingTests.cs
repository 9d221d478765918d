using Citations.Csl.Styles;
using Citations.Csl.Tests.TestSupport;

namespace Citations.Csl.Tests.Evaluation;

/// <summary>cs:date and the date conditions (expected strings checked against citeproc-js).</summary>
[TestClass]
public sealed class DateRenderingTests
{
    private static readonly CslStyle TextDate = TestStyle.Bibliography("""
        <layout>
          <choose><if is-uncertain-date="issued"><text term="circa" form="short" suffix=" "/></if></choose>
          <date variable="issued" form="text"/>
        </layout>
        """);

    private static string Issued(CslStyle style, string issued)
        => Render.Entry(style, $$"""[{"id": "a", "type": "book", "issued": {{issued}}}]""");

    [TestMethod]
    [DataRow("""{"date-parts": [[2001, 3], [2002, 4]]}""", "March 2001–April 2002")]
    [DataRow("""{"date-parts": [[2001, 3], [2001, 5]]}""", "March–May 2001")]
    [DataRow("""{"date-parts": [[2001, 3, 5], [2001, 3, 9]]}""", "March 5–9, 2001")]
    [DataRow("""{"date-parts": [[2020, 12, 30], [2021, 1, 2]]}""", "December 30, 2020–January 2, 2021")]
    [DataRow("""{"date-parts": [[1999], [2003]]}""", "1999–2003")]
    [DataRow("""{"date-parts": [[2001], [0]]}""", "2001–")]
    public void Range_TextForm_SharesTheCommonParts(string issued, string expected)
        => Assert.AreEqual(expected, Issued(TextDate, issued));

    [TestMethod]
    [DataRow("""{"date-parts": [[2001]], "season": "2"}""", "Summer 2001")]
    [DataRow("""{"date-parts": [[2001, 13]]}""", "Spring 2001")]
    [DataRow("""{"date-parts": [[2001, 16]]}""", "Winter 2001")]
    public void Season_FromSeasonFieldOrMonth13To16_IsNamed(string issued, string expected)
        => Assert.AreEqual(expected, Issued(TextDate, issued));

    [TestMethod]
    public void Circa_UncertainDate_MatchesIsUncertainDate()
        => Assert.AreEqual("C. 1850", Issued(TextDate, """{"date-parts": [[1850]], "circa": true}"""));

    [TestMethod]
    [DataRow("""{"date-parts": [[2001]]}""", "2001")]
    [DataRow("""{"date-parts": [[2001, 7]]}""", "July 2001")]
    [DataRow("""{"literal": "Spring of 1999"}""", "Spring of 1999")]
    [DataRow("""{"raw": "2005-09-22"}""", "September 22, 2005")]
    [DataRow("""{"date-parts": [[-50]]}""", "50 BC")]
    public void MissingParts_LiteralsAndRawDates_RenderWhatIsThere(string issued, string expected)
        => Assert.AreEqual(expected, Issued(TextDate, issued));

    [TestMethod]
    public void NoDate_RendersNothing()
    {
        var style = TestStyle.Bibliography("""<layout><group delimiter=", "><text variable="title"/><date variable="issued" form="text" prefix="(" suffix=")"/></group></layout>""");

        Assert.AreEqual("Undated", Render.Entry(style, """[{"id": "a", "type": "book", "title": "Undated"}]"""));
    }

    [TestMethod]
    [DataRow("""{"date-parts": [[2001, 3, 1]]}""", "1st Mar. 2001")]
    [DataRow("""{"date-parts": [[2005, 9, 22]]}""", "22nd Sept. 2005")]
    [DataRow("""{"date-parts": [[1999], [2003]]}""", "1999-2003")]
    public void DateParts_OrdinalDayShortMonthAndRangeDelimiter(string issued, string expected)
    {
        var style = TestStyle.Bibliography("""
            <layout>
              <date variable="issued">
                <date-part name="day" form="ordinal" suffix=" "/>
                <date-part name="month" form="short" suffix=" "/>
                <date-part name="year" range-delimiter="-"/>
              </date>
            </layout>
            """);

        Assert.AreEqual(expected, Issued(style, issued));
    }

    [TestMethod]
    [DataRow("""{"date-parts": [[2001, 3, 4]]}""", "03/04/01")]
    [DataRow("""{"date-parts": [[1999, 11, 25]]}""", "11/25/99")]
    public void DateParts_LeadingZerosAndShortYear(string issued, string expected)
    {
        var style = TestStyle.Bibliography("""
            <layout>
              <date variable="issued">
                <date-part name="month" form="numeric-leading-zeros" suffix="/"/>
                <date-part name="day" form="numeric-leading-zeros" suffix="/"/>
                <date-part name="year" form="short"/>
              </date>
            </layout>
            """);

        Assert.AreEqual(expected, Issued(style, issued));
    }

    [TestMethod]
    public void LocalizedNumericForm_DatePartsYearMonth_LeavesOutTheDay()
    {
        var style = TestStyle.Bibliography("""<layout><date variable="issued" form="numeric" date-parts="year-month"/></layout>""");

        Assert.AreEqual("03/2001", Issued(style, """{"date-parts": [[2001, 3, 1]]}"""));
    }

    [TestMethod]
    [DataRow("""{"date-parts": [[2001]]}""", "Y")]
    [DataRow("""{"date-parts": [[2001, 3]]}""", "M")]
    [DataRow("""{"date-parts": [[2001, 13]]}""", "M")]
    [DataRow("""{"date-parts": [[2001, 3, 4]]}""", "D")]
    [DataRow("""{"date-parts": [[2020, 12, 30], [2021, 1, 2]]}""", "D")]
    public void Conditions_DatePrecision_PickTheBranch(string issued, string expected)
    {
        var style = TestStyle.Bibliography("""
            <layout>
              <choose>
                <if has-year-only="issued"><text value="Y"/></if>
                <else-if has-day="issued"><text value="D"/></else-if>
                <else-if has-month-or-season="issued"><text value="M"/></else-if>
              </choose>
            </layout>
            """);

        Assert.AreEqual(expected, Issued(style, issued));
    }

    [TestMethod]
    public void AccessedDate_WithTerm_IsCapitalizedAtTheStart()
    {
        var style = TestStyle.Bibliography("""<layout><group delimiter=" "><text term="accessed" text-case="capitalize-first"/><date variable="accessed" form="text"/></group></layout>""");

        var entries = Render.Bibliography(style, """
            [{"id": "a", "type": "webpage", "accessed": {"date-parts": [[2024, 2, 29]]}},
             {"id": "b", "type": "webpage"}]
            """);

        TextAssert.LinesEqual(new[] { "Accessed February 29, 2024" }, entries, "a group whose only variable is missing is suppressed");
    }
}
