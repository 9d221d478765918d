using Citations.CslData;
using Citations.Links.Archives;
using Citations.Links.Tests.Infrastructure;

namespace Citations.Links.Tests.Archives;

[TestClass]
public sealed class ArchiveFinderTests
{
    private static readonly DateTimeOffset Accessed = new(2020, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static TestSite Site => AssemblySetup.Site;

    private static ArchiveFinder Finder(Action<ArchiveOptions>? configure = null)
    {
        var options = TestChecker.ArchiveOptions(Site);
        configure?.Invoke(options);
        var client = new HttpClient(Citations.Links.Http.LinkHttpHandler.Create(true, TestSite.Resolver));
        return new ArchiveFinder(options, client);
    }

    [TestMethod]
    public async Task FindAsync_CdxListsCopiesAroundTheDate_ClosestVerifiedCopyBefore()
    {
        using var finder = Finder();

        var copy = await finder.FindAsync("https://agency.example/report", Accessed);

        Assert.IsNotNull(copy);
        Assert.AreEqual(new DateTimeOffset(2020, 5, 20, 0, 0, 0, TimeSpan.Zero), copy.CapturedAt, "the 2020-05-25 copy is closer but does not load");
        Assert.IsTrue(copy.Verified);
        Assert.AreEqual(200, copy.VerifiedStatus);
        Assert.IsTrue(copy.IsBeforeReference);
        Assert.AreEqual(-12.5, copy.Distance.TotalDays, 0.01);
        Assert.AreEqual("wayback", copy.Archive);
        StringAssert.EndsWith(copy.Url, "/archive/web/" + FakeArchive.Before + "/https://agency.example/report");
    }

    [TestMethod]
    public async Task FindAsync_NoBeforeMargin_CloserLaterCopyWins()
    {
        using var finder = Finder(o => o.PreferBeforeMargin = TimeSpan.Zero);

        var copy = await finder.FindAsync("https://agency.example/report", Accessed);

        Assert.AreEqual(new DateTimeOffset(2020, 6, 5, 0, 0, 0, TimeSpan.Zero), copy?.CapturedAt);
        Assert.IsFalse(copy!.IsBeforeReference);
    }

    [TestMethod]
    public async Task FindAsync_WithoutCdx_UsesClosestCaptureRedirect()
    {
        using var finder = Finder(o => o.UseWaybackCdx = false);

        var copy = await finder.FindAsync("https://agency.example/other", Accessed);

        Assert.AreEqual(new DateTimeOffset(2020, 5, 20, 0, 0, 0, TimeSpan.Zero), copy?.CapturedAt);
        Assert.IsTrue(copy!.Verified);
    }

    [TestMethod]
    public async Task FindAsync_MementoTimeMap_ClosestMementoBefore()
    {
        using var finder = Finder(o =>
        {
            o.WaybackEndpoint = null;
            o.MementoTimeMaps = [new Uri(Site.Url("/memento/timemap/link/", "archive.test"))];
        });

        var copy = await finder.FindAsync("https://agency.example/report", Accessed);

        Assert.AreEqual(new DateTimeOffset(2020, 5, 30, 0, 0, 0, TimeSpan.Zero), copy?.CapturedAt);
        Assert.AreEqual("memento:archive.test", copy!.Archive);
        Assert.IsTrue(copy.Verified);
    }

    [TestMethod]
    public async Task FindAsync_MementoTimeGate_FollowsAcceptDatetime()
    {
        using var finder = Finder(o =>
        {
            o.WaybackEndpoint = null;
            o.MementoTimeGates = [new Uri(Site.Url("/memento/timegate/", "archive.test"))];
        });

        var copy = await finder.FindAsync("https://agency.example/report", Accessed);

        Assert.AreEqual(new DateTimeOffset(2020, 5, 30, 0, 0, 0, TimeSpan.Zero), copy?.CapturedAt);
        Assert.IsTrue(copy!.Verified);
    }

    [TestMethod]
    public async Task FindAsync_NeverArchived_Null()
    {
        using var finder = Finder();

        var copy = await finder.FindAsync("https://agency.example/never-archived", Accessed);

        Assert.IsNull(copy);
    }

    [TestMethod]
    public async Task CheckAsync_GoneLinkWithAccessedDate_ArchivedCopyWithRobustLinks()
    {
        using var checker = TestChecker.Builder().WithArchives(TestChecker.ArchiveOptions(Site)).Build();
        var target = new LinkTarget(Site.Url("/missing", "archived.test")) { Accessed = CslDate.FromParts(2020, 6, 1) };

        var result = (await checker.CheckAllAsync([target])).Single();

        Assert.AreEqual(LinkVerdict.Gone, result.Verdict);
        Assert.IsNotNull(result.Archive);
        Assert.IsTrue(result.Archive.ReferenceIsAccessedDate);
        Assert.AreEqual(Accessed, result.Archive.Reference);
        var attributes = result.Archive.RobustLinkAttributes;
        Assert.AreEqual("2020-05-20", attributes["data-versiondate"]);
        Assert.AreEqual(result.Archive.Url, attributes["data-versionurl"]);
        Assert.AreEqual(result.Url, attributes["data-originalurl"]);
        StringAssert.Contains(result.Archive.ToRobustLinkHtml("CDC data"), "data-versiondate=\"2020-05-20\"");
    }

    [TestMethod]
    public async Task CheckAsync_AliveLink_NoArchiveLookup()
    {
        using var checker = TestChecker.Builder().WithArchives(TestChecker.ArchiveOptions(Site)).Build();

        var result = await checker.CheckAsync(Site.Url("/ok", "archived.test"));

        Assert.IsNull(result.Archive);
    }

    [TestMethod]
    public void ParseWaybackTimestamp_ShortAndLongForms_Parsed()
    {
        Assert.AreEqual(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), ArchiveFinder.ParseWaybackTimestamp("2020"));
        Assert.AreEqual(new DateTimeOffset(2020, 5, 20, 13, 14, 15, TimeSpan.Zero), ArchiveFinder.ParseWaybackTimestamp("20200520131415"));
        Assert.IsNull(ArchiveFinder.ParseWaybackTimestamp("2020x"));
        Assert.IsNull(ArchiveFinder.ParseWaybackTimestamp("20201345000000"));
    }

    [TestMethod]
    public void LinkFormatParse_TimeMap_MementosWithDates()
    {
        var entries = LinkFormat.Parse("""
            <http://a.example/>; rel="original",
            <http://arc.example/1/http://a.example/>; rel="first memento"; datetime="Tue, 01 Jan 2019 00:00:00 GMT",
            <http://arc.example/2/http://a.example/>;rel=memento;datetime="Sat, 30 May 2020 10:00:00 GMT"
            """);

        Assert.HasCount(3, entries);
        CollectionAssert.AreEqual(new[] { "first", "memento" }, entries[1].Relations.ToArray());
        Assert.AreEqual(new DateTimeOffset(2020, 5, 30, 10, 0, 0, TimeSpan.Zero), entries[2].Datetime);
        Assert.IsNull(entries[0].Datetime);
    }

    [TestMethod]
    public void Constructor_InvalidOptions_EveryErrorReported()
    {
        var options = new ArchiveOptions { Timeout = TimeSpan.Zero, MaxCandidates = 0, WaybackEndpoint = new Uri("ftp://archive.example/") };

        var error = Assert.ThrowsExactly<LinkOptionsException>(() => new ArchiveFinder(options));

        Assert.HasCount(3, error.Errors);
    }
}
