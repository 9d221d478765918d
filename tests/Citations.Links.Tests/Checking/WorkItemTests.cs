using Citations.CslData;
using Citations.Links.Checking;

namespace Citations.Links.Tests.Checking;

[TestClass]
public sealed class WorkItemTests
{
    [TestMethod]
    public void Group_SameUrlSpelledTwoWays_OneItemWithBothTargetsInOrder()
    {
        LinkTarget first = new("HTTP://Example.com:80/page#top"), second = new("http://example.com/page"), other = new("https://example.com/other");

        var (work, invalid) = WorkItem.Group([first, other, second]);

        Assert.IsEmpty(invalid);
        Assert.HasCount(2, work);
        Assert.AreEqual("http://example.com/page", work[0].Key);
        CollectionAssert.AreEqual(new[] { first, second }, work[0].Targets);
        Assert.AreEqual("example.com", work[0].Host);
    }

    [TestMethod]
    [DataRow("not a url")]
    [DataRow("ftp://example.com/file")]
    [DataRow("/relative/path")]
    [DataRow("")]
    public void Group_NotAnHttpUrl_InvalidUrlResultAtOnce(string url)
    {
        var (work, invalid) = WorkItem.Group([new LinkTarget(url)]);

        Assert.IsEmpty(work);
        Assert.AreEqual(LinkVerdict.InvalidUrl, invalid.Single().Verdict);
        Assert.AreEqual(LinkErrorKind.InvalidUrl, invalid.Single().Evidence.Error!.Kind);
    }

    [TestMethod]
    public void Quotes_SeveralTargets_DistinctInCitationOrder()
    {
        var item = new WorkItem("k", new Uri("http://a.example/"), "a.example",
        [
            new LinkTarget("http://a.example/") { Quotes = ["one", "two"] },
            new LinkTarget("http://a.example/"),
            new LinkTarget("http://a.example/") { Quotes = ["two", "three"] },
        ]);

        CollectionAssert.AreEqual(new[] { "one", "two", "three" }, item.Quotes());
    }

    [TestMethod]
    public void ArchiveReference_AccessedDateOnASecondCitation_ThatDate()
    {
        var checkedAt = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var item = new WorkItem("k", new Uri("http://a.example/"), "a.example",
        [
            new LinkTarget("http://a.example/"),
            new LinkTarget("http://a.example/") { Accessed = CslDate.FromParts(2021, 5, 20) },
        ]);

        Assert.AreEqual((new DateTimeOffset(2021, 5, 20, 12, 0, 0, TimeSpan.Zero), true), item.ArchiveReference(checkedAt));
    }

    [TestMethod]
    public void ArchiveReference_NoAccessedDate_CheckDate()
    {
        var checkedAt = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var item = new WorkItem("k", new Uri("http://a.example/"), "a.example", [new LinkTarget("http://a.example/")]);

        Assert.AreEqual((checkedAt, false), item.ArchiveReference(checkedAt));
    }

    [TestMethod]
    [DataRow(2020, null, null, "2020-07-01")]
    [DataRow(2020, 2, null, "2020-02-15")]
    [DataRow(2020, 2, 31, "2020-02-29")]
    [DataRow(2020, 13, null, "2020-04-01")]
    [DataRow(2020, 15, 3, "2020-10-01")]
    [DataRow(2020, 16, null, "2020-01-01")]
    public void ToInstant_DatePart_MiddleOfThePeriodAtNoon(int year, int? month, int? day, string expected)
    {
        var instant = WorkItem.ToInstant(new CslDatePart(year, month, day));

        Assert.AreEqual(DateTimeOffset.Parse(expected + "T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture), instant);
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(10000)]
    public void ToInstant_YearOutOfRange_Null(int year)
    {
        Assert.IsNull(WorkItem.ToInstant(new CslDatePart(year, null, null)));
    }
}
