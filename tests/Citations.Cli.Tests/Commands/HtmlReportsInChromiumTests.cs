using System.Globalization;
using Citations.Cli.Tests.TestSupport;
using Microsoft.Playwright;

namespace Citations.Cli.Tests.Commands;

/// <summary>
/// The three HTML reports opened in the system's Chromium (see <see cref="HeadlessChromium"/>): each opens with no
/// console error and no request beyond its own file, shows the expected rows, filters and sorts, fits a phone's
/// width, and leaves a screenshot in the test results for a person to look at.
/// </summary>
[TestClass]
public sealed class HtmlReportsInChromiumTests
{
    private static HeadlessChromium? _chromium;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) => _chromium = await HeadlessChromium.StartAsync();

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task CheckHtml_InChromium_RowsVisibleNoRequestsNoErrors()
    {
        var made = await SampleReports.GetAsync();

        var opened = await OpenAsync(made.Check);

        await AssertCleanAsync(opened);
        Assert.IsTrue(await opened.Page.Locator("tr[data-verdict=gone]").First.IsVisibleAsync());
        Assert.IsTrue(await opened.Page.Locator("tr[data-verdict=not-checkable]").IsVisibleAsync());
        Assert.AreEqual("Link check", await opened.Page.Locator("h1").TextContentAsync());
        var title = await opened.Page.Locator("tr[data-verdict=not-checkable] td").Nth(1).TextContentAsync();
        StringAssert.Contains(title, SampleReports.HostileTitle, "the markup is shown as text");
        await ScreenshotAsync(opened, "check");
    }

    [TestMethod]
    public async Task CheckHtml_UncheckAlive_AliveRowsHidden()
    {
        var made = await SampleReports.GetAsync();
        var opened = await OpenAsync(made.Check);
        var alive = opened.Page.Locator("tr[data-verdict=alive]");
        Assert.IsTrue(await alive.First.IsVisibleAsync());

        await opened.Page.Locator("fieldset.filter input[value=alive]").UncheckAsync();

        Assert.AreEqual(0, await opened.Page.Locator("tr[data-verdict=alive]:visible").CountAsync());
        Assert.IsTrue(await opened.Page.Locator("tr[data-verdict=gone]").First.IsVisibleAsync());
        await ScreenshotAsync(opened, "check-filtered");
    }

    [TestMethod]
    public async Task CheckHtml_SortByVerdict_RowsReordered()
    {
        var made = await SampleReports.GetAsync();
        var opened = await OpenAsync(made.Check);
        var header = opened.Page.Locator("#sources + .table th button", new PageLocatorOptions { HasTextString = "Verdict" });

        await header.ClickAsync();
        var ascending = await opened.Page.Locator("#sources + .table tbody tr th").AllTextContentsAsync();
        await header.ClickAsync();
        var descending = await opened.Page.Locator("#sources + .table tbody tr th").AllTextContentsAsync();

        // Sorted by the verdict's name; rows with the same verdict keep their order (by source id) both ways.
        CollectionAssert.AreEqual(new[] { "data", "drifted", "old", "brief" }, ascending.ToArray());
        CollectionAssert.AreEqual(new[] { "brief", "old", "data", "drifted" }, descending.ToArray());
    }

    [TestMethod]
    public async Task CheckHtml_PhoneWidth_NoHorizontalScrollOfThePage()
    {
        var made = await SampleReports.GetAsync();

        var opened = await OpenAsync(made.Check, width: 375);

        var widths = await opened.Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.IsLessThanOrEqualTo(widths[1], widths[0], "the tables scroll inside their box, the page does not");
        await ScreenshotAsync(opened, "check-phone");
    }

    [TestMethod]
    public async Task CheckHtml_VerdictBadges_ContrastAtLeast4Point5()
    {
        var made = await SampleReports.GetAsync();
        var opened = await OpenAsync(made.Check);

        var pairs = await opened.Page.EvaluateAsync<string[][]>(
            "() => Array.from(document.querySelectorAll('.verdict')).map(e => { const s = getComputedStyle(e); return [e.className, s.color, s.backgroundColor]; })");

        Assert.IsNotEmpty(pairs);
        foreach (var pair in pairs)
        {
            var ratio = Contrast(pair[1], pair[2]);
            Assert.IsGreaterThanOrEqualTo(4.5, ratio, $"{pair[0]}: {pair[1]} on {pair[2]} is {ratio:0.00}:1");
        }
    }

    [TestMethod]
    public async Task ReportHtml_InChromium_ClaimRowsVisibleNoRequestsNoErrors()
    {
        var made = await SampleReports.GetAsync();

        var opened = await OpenAsync(made.Report);

        await AssertCleanAsync(opened);
        StringAssert.StartsWith(await opened.Page.Locator("h1").TextContentAsync(), "Claim coverage: ");
        Assert.IsGreaterThan(0, await opened.Page.Locator("table").First.Locator("tbody tr").CountAsync());
        Assert.IsTrue(await opened.Page.GetByText("primary data (not cited in article)").First.IsVisibleAsync());
        await ScreenshotAsync(opened, "report");
    }

    [TestMethod]
    public async Task HistoryHtml_InChromium_ChartAndRowsVisibleNoRequestsNoErrors()
    {
        var made = await SampleReports.GetAsync();

        var opened = await OpenAsync(made.History);

        await AssertCleanAsync(opened);
        Assert.IsTrue(await opened.Page.Locator("svg[role=img]").IsVisibleAsync());
        Assert.AreEqual(4, await opened.Page.Locator("svg circle").CountAsync());
        var rotting = opened.Page.Locator("tr[data-verdict=gone]");
        Assert.IsTrue(await rotting.IsVisibleAsync());
        StringAssert.Contains(await rotting.TextContentAsync(), "rot");
        Assert.IsFalse(await opened.Page.Locator("details.runs table").IsVisibleAsync(), "the runs table is folded away until opened");
        await opened.Page.Locator("details.runs summary").ClickAsync();
        Assert.IsTrue(await opened.Page.Locator("details.runs table").IsVisibleAsync());
        await ScreenshotAsync(opened, "history");
    }

    [TestMethod]
    public async Task HistoryHtml_AliveAtEveryCheck_FoldedUntilOpenedAndFiltered()
    {
        var made = await SampleReports.GetAsync();
        var opened = await OpenAsync(made.History);
        var stable = opened.Page.Locator("details.fold tbody tr");

        Assert.AreEqual(0, await stable.CountAsync(), "folded: the rows are built when the fold is first opened");
        await opened.Page.Locator("details.fold summary").ClickAsync();
        await stable.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 10_000 });
        Assert.AreEqual(1, await stable.CountAsync());
        StringAssert.Contains(await stable.TextContentAsync(), "/stable");
        await opened.Page.Locator("fieldset.filter input[value=alive]").UncheckAsync();

        Assert.IsFalse(await opened.Page.Locator("details.fold").IsVisibleAsync(), "the fold goes with the alive filter");
        Assert.IsTrue(await opened.Page.Locator("tr[data-verdict=gone]").IsVisibleAsync());
        await AssertCleanAsync(opened);
    }

    [TestMethod]
    public async Task CheckHtml_AliveLinks_FoldedUntilOpenedSortableAndFiltered()
    {
        var made = await SampleReports.GetAsync();
        var opened = await OpenAsync(made.Check);
        var folded = opened.Page.Locator("details.fold tbody tr");

        Assert.AreEqual(0, await folded.CountAsync(), "the alive link is folded away: its row is built when the fold is first opened");
        Assert.IsFalse(await opened.Page.Locator("details.fold").GetByText("/data").IsVisibleAsync());
        Assert.IsTrue(await opened.Page.Locator("h2 ~ .table tr[data-verdict=gone]").Last.IsVisibleAsync(), "the broken link shows");
        await opened.Page.Locator("details.fold summary").ClickAsync();
        await folded.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 10_000 });
        Assert.AreEqual(1, await folded.CountAsync());
        StringAssert.Contains(await folded.TextContentAsync(), "/data");
        await opened.Page.Locator("details.fold th button", new PageLocatorOptions { HasTextString = "URL" }).ClickAsync();
        Assert.AreEqual("ascending", await opened.Page.Locator("details.fold th").First.GetAttributeAsync("aria-sort"));
        await ScreenshotAsync(opened, "check-fold-open");

        await opened.Page.Locator("fieldset.filter input[value=alive]").UncheckAsync();

        Assert.IsFalse(await opened.Page.Locator("details.fold").IsVisibleAsync(), "the fold goes with the alive filter");
        await AssertCleanAsync(opened);
    }

    private static async Task<HeadlessChromium.OpenedPage> OpenAsync(string file, int width = 1280)
    {
        Assert.IsNotNull(_chromium);
        return await _chromium.OpenAsync(file, width);
    }

    private static async Task AssertCleanAsync(HeadlessChromium.OpenedPage opened)
    {
        // Give a late request or error (an image, a font) the chance to show before judging.
        await opened.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.IsEmpty(opened.ConsoleErrors, string.Join("\n", opened.ConsoleErrors));
        Assert.IsEmpty(opened.OtherRequests, "requests: " + string.Join(", ", opened.OtherRequests));
        Assert.AreEqual(1, opened.Requests.Count, "the page itself is the one request");
    }

    /// <summary>A full-page screenshot in this test's results folder, attached to its result.</summary>
    private async Task ScreenshotAsync(HeadlessChromium.OpenedPage opened, string name)
    {
        var folder = TestContext.TestResultsDirectory ?? Path.GetTempPath();
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "html-report-" + name + ".png");
        await opened.Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddResultFile(path);
        Assert.IsGreaterThan(1000L, new FileInfo(path).Length);
    }

    /// <summary>The WCAG contrast ratio of two CSS <c>rgb(…)</c> colours.</summary>
    private static double Contrast(string foreground, string background)
    {
        var a = Luminance(foreground);
        var b = Luminance(background);
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    private static double Luminance(string css)
    {
        var parts = css[(css.IndexOf('(') + 1)..css.IndexOf(')')].Split(',');
        var channels = parts.Take(3).Select(p => double.Parse(p.Trim(), CultureInfo.InvariantCulture) / 255).Select(c => c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4)).ToArray();
        return (0.2126 * channels[0]) + (0.7152 * channels[1]) + (0.0722 * channels[2]);
    }
}
