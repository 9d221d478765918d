using Microsoft.Playwright;

namespace Citations.Cli.Tests.TestSupport;

/// <summary>
/// The system's Chromium, driven by Playwright (its Node driver ships in the package; no browser is downloaded), for
/// the tests that open the HTML reports. Started so it never reaches outside the machine: background networking,
/// component updates and sync off, and every host name resolved to nothing except 127.0.0.1.
/// </summary>
/// <remarks>
/// The browser is named by <c>CITATIONS_CHROMIUM</c> (the repository's <c>test.sh</c> sets it). Without it the tests
/// are inconclusive on a developer machine and fail under CI (<c>CI=true</c>), where a missing browser must not skip
/// them silently. A separate launcher from the one in <c>src/Citations.Links/Rendering</c> (rendered link checks), to be
/// unified later.
/// </remarks>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    /// <summary>The switches every start uses.</summary>
    public static readonly string[] Switches =
    [
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ];

    private readonly IPlaywright _playwright;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>The browser's executable from <c>CITATIONS_CHROMIUM</c>, or stops the test (inconclusive, or failed under CI).</summary>
    public static string RequireExecutable()
    {
        var path = Environment.GetEnvironmentVariable("CITATIONS_CHROMIUM");
        if (!string.IsNullOrEmpty(path) && File.Exists(path))
        {
            return path;
        }

        var message = string.IsNullOrEmpty(path)
            ? "CITATIONS_CHROMIUM is not set: run the tests with ./test.sh (it installs Chromium and sets it), or set it to a Chromium executable."
            : $"CITATIONS_CHROMIUM names {path}, which does not exist.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Inconclusive(message);
        return path!;
    }

    public static async Task<HeadlessChromium> StartAsync()
    {
        var executable = RequireExecutable();
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = Switches,
                Timeout = 60_000,
            });
            return new HeadlessChromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Opens a report file in a new page and records every request, console error and script error.</summary>
    /// <param name="file">The HTML file.</param>
    /// <param name="width">The viewport's width in CSS pixels (375 is a phone).</param>
    public async Task<OpenedPage> OpenAsync(string file, int width = 1280)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        var opened = new OpenedPage(page, new Uri(file).AbsoluteUri);
        page.Request += (_, request) => opened.Requests.Add(request.Url);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                opened.ConsoleErrors.Add(message.Type + ": " + message.Text);
            }
        };
        page.PageError += (_, error) => opened.ConsoleErrors.Add("page error: " + error);
        await page.GotoAsync(opened.Address, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 30_000 });
        return opened;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }

    /// <summary>A page and what it asked for.</summary>
    public sealed class OpenedPage(IPage page, string address)
    {
        public IPage Page { get; } = page;

        public string Address { get; } = address;

        public List<string> Requests { get; } = [];

        public List<string> ConsoleErrors { get; } = [];

        /// <summary>The requests other than the page itself.</summary>
        public IReadOnlyList<string> OtherRequests => [.. Requests.Where(r => r != Address)];
    }
}
