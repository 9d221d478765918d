using Citations.Links.Checking;

namespace Citations.Links.Tests.Checking;

/// <summary>The pure part of the soft-404 detector; the probing itself is tested against the test site in <see cref="LinkCheckerTests"/>.</summary>
[TestClass]
public sealed class Soft404DetectorTests
{
    [TestMethod]
    [DataRow("https://a.example/")]
    [DataRow("https://a.example")]
    [DataRow("https://a.example/index.html")]
    [DataRow("https://a.example/Default.aspx")]
    [DataRow("https://a.example/home/")]
    [DataRow("https://a.example/en/")]
    [DataRow("https://a.example/fr")]
    [DataRow("https://a.example/en-US/")]
    [DataRow("https://a.example/pt_br")]
    public void IsRootPath_FrontPage_True(string url)
    {
        Assert.IsTrue(Soft404Detector.IsRootPath(new Uri(url)));
    }

    [TestMethod]
    [DataRow("https://a.example/ok")]
    [DataRow("https://a.example/go/")]
    [DataRow("https://a.example/en/page")]
    [DataRow("https://a.example/en-u1")]
    [DataRow("https://a.example/xx-yy")]
    [DataRow("https://a.example/a-very-long-segment")]
    [DataRow("https://a.example/index.html/more")]
    public void IsRootPath_OrdinaryPage_False(string url)
    {
        Assert.IsFalse(Soft404Detector.IsRootPath(new Uri(url)));
    }

    [TestMethod]
    [DataRow("Page Not Found | Agency")]
    [DataRow("404")]
    [DataRow("404 | Agency")]
    [DataRow("404 - Page missing")]
    [DataRow("Error 404")]
    [DataRow("Agency: error (404)")]
    [DataRow("This page no longer available")]
    [DataRow("The page could not be found")]
    public void SaysNotFound_NotFoundTitle_True(string title)
    {
        Assert.IsTrue(Soft404Detector.SaysNotFound(title));
    }

    [TestMethod]
    [DataRow("Route 404 timetable")]
    [DataRow("Flight AF404 arrivals")]
    [DataRow("Report 4040")]
    [DataRow("Annual report 2024")]
    [DataRow("")]
    public void SaysNotFound_OrdinaryTitle_False(string title)
    {
        Assert.IsFalse(Soft404Detector.SaysNotFound(title));
    }
}
