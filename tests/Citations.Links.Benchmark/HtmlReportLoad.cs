using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Citations.Links.History;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Citations.Links.Benchmark;

/// <summary>
/// How fast the HTML reports of a large run open in Chromium (a measurement, not a test). Makes a real run: 10,000
/// URLs in 10 Markdown articles, served by Kestrel on 50 loopback addresses (2 % answer 404), checked by the real
/// <c>citations check --html</c> into a history that already holds three earlier runs ten days apart (the gone URLs
/// were alive in the first, gone from the second), then <c>citations history --html</c>. Opens each page in the
/// system Chromium (Playwright, as the CLI tests do) several times, each in a fresh page, and prints the median load
/// time (the load event), first paint and first contentful paint, the file size and the DOM node count.
/// </summary>
internal static class HtmlReportLoad
{
    private const int Hosts = 50;
    private const int Articles = 10;

    public static async Task<int> RunAsync(string[] args)
    {
        var urls = IntOption(args, "--urls", 10_000);
        var loads = IntOption(args, "--loads", 5);
        var folder = StringOption(args, "--out") ?? Directory.CreateTempSubdirectory("citations-html-load-").FullName;
        var chromium = Environment.GetEnvironmentVariable("CITATIONS_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            await Console.Error.WriteLineAsync($"no Chromium at {chromium}: install it (apt-get install chromium) or set CITATIONS_CHROMIUM.");
            return 2;
        }

        Directory.CreateDirectory(folder);
        var check = Path.Combine(folder, "check.html");
        var history = Path.Combine(folder, "history.html");
        if (!args.Contains("--reuse") || !File.Exists(check) || !File.Exists(history))
        {
            var made = await MakeReportsAsync(folder, urls);
            if (made != 0)
            {
                return made;
            }
        }

        Console.WriteLine($"Chromium {chromium}, {loads} load(s) per page, median (min–max):");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
        });
        Console.WriteLine("| page | size | DOM elements | load event | first paint | first contentful paint |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, file) in new[] { ("check", check), ("history", history) })
        {
            var samples = new List<double[]>();
            var nodes = 0;
            for (var i = 0; i < loads; i++)
            {
                var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
                var page = await context.NewPageAsync();
                await page.GotoAsync(new Uri(file).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 120_000 });
                // Paint entries are recorded once the frame is drawn, which may be after the load event: wait for the
                // first contentful paint (buffered, so one already recorded counts), or give up after 10 s (-1 then).
                var figures = await page.EvaluateAsync<double[]>("""
                    () => new Promise(done => {
                      const nav = performance.getEntriesByType('navigation')[0];
                      const paint = name => { const e = performance.getEntriesByName(name)[0]; return e ? e.startTime : -1; };
                      let finished = false;
                      const finish = () => { if (!finished) { finished = true; done([nav.loadEventStart, paint('first-paint'), paint('first-contentful-paint'), document.getElementsByTagName('*').length]); } };
                      new PerformanceObserver((list, observer) => { if (list.getEntriesByName('first-contentful-paint').length) { observer.disconnect(); finish(); } })
                        .observe({ type: 'paint', buffered: true });
                      setTimeout(finish, 10000);
                    })
                    """);
                nodes = (int)figures[3];
                samples.Add(figures);
                await context.CloseAsync();
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {new FileInfo(file).Length / 1_000_000.0:0.00} MB | {nodes:N0} | {Stat(samples, 0)} | {Stat(samples, 1)} | {Stat(samples, 2)} |"));
        }

        Console.WriteLine($"pages: {folder}");
        return 0;
    }

    private static string Stat(List<double[]> samples, int index)
    {
        var values = samples.Select(s => s[index]).Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{values[values.Count / 2] / 1000:0.000} s ({values[0] / 1000:0.000}–{values[^1] / 1000:0.000})");
    }

    /// <summary>The run: a server, the articles, a history with three earlier runs, then check and history through the real CLI.</summary>
    private static async Task<int> MakeReportsAsync(string folder, int urls)
    {
        // One port on all 50 addresses (another is tried when it is taken).
        await using var app = await StartServerAsync();
        var port = new Uri(app.Urls.First()).Port;
        string Url(int n) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.1.{(n % Hosts) + 1}:{port}/page/{n}");
        static bool Gone(int n) => n % 50 == 7;

        var perArticle = (urls + Articles - 1) / Articles;
        var articles = new List<string>();
        for (var a = 0; a < Articles; a++)
        {
            var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"article-{a + 1:00}.md"));
            var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"# Article {a + 1}\n\n"));
            for (var n = a * perArticle; n < Math.Min(urls, (a + 1) * perArticle); n++)
            {
                text.Append(CultureInfo.InvariantCulture, $"Paragraph {n} cites [source {n}]({Url(n)}).\n\n");
            }

            await File.WriteAllTextAsync(path, text.ToString());
            articles.Add(path);
        }

        var db = Path.Combine(folder, "links.db");
        File.Delete(db);
        var clock = Stopwatch.StartNew();
        using (var links = LinkHistory.Open(db))
        {
            var start = DateTimeOffset.UtcNow.AddDays(-30);
            for (var run = 0; run < 3; run++)
            {
                var at = start.AddDays(10 * run);
                for (var n = 0; n < urls; n++)
                {
                    var verdict = Gone(n) && run > 0 ? LinkVerdict.Gone : LinkVerdict.Alive;
                    await links.RecordAsync(new LinkCheckResult
                    {
                        Url = Url(n),
                        Targets = [new LinkTarget(Url(n))],
                        Verdict = verdict,
                        Evidence = new LinkEvidence { StatusCode = verdict == LinkVerdict.Alive ? 200 : 404, Requests = 1 },
                        CheckedAt = at.AddMilliseconds(n),
                    });
                }
            }
        }

        Console.WriteLine($"{urls:N0} URLs in {Articles} articles, {urls / 50:N0} gone; three earlier runs recorded in {clock.Elapsed.TotalSeconds:0.0} s");
        var cli = FindCli();
        clock.Restart();
        var (checkExit, checkOut) = await RunCliAsync(cli, folder, [
            "check", .. articles, "--allow-private", "--no-archives", "--db", db, "--max-age", "0", "--host-interval", "0",
            "--concurrency", "200", "--quiet", "--html", Path.Combine(folder, "check.html")]);
        Console.WriteLine($"check (exit {checkExit}) in {clock.Elapsed.TotalSeconds:0.0} s: {checkOut.Trim().Split('\n').LastOrDefault()}");
        var (historyExit, historyOut) = await RunCliAsync(cli, folder, ["history", "--db", db, "--html", Path.Combine(folder, "history.html")]);
        Console.WriteLine($"history (exit {historyExit}): {string.Join(" / ", historyOut.Trim().Split('\n').Take(3))}");
        return checkExit is 0 or 1 && historyExit is 0 or 1 ? 0 : 1;

        async Task<WebApplication> StartServerAsync()
        {
            for (var attempt = 0; ; attempt++)
            {
                var port = Random.Shared.Next(20_000, 60_000);
                var b = WebApplication.CreateSlimBuilder();
                b.Logging.ClearProviders();
                b.WebHost.ConfigureKestrel(k =>
                {
                    k.AddServerHeader = false;
                    for (var i = 1; i <= Hosts; i++)
                    {
                        k.Listen(IPAddress.Parse("127.0.1." + i.ToString(CultureInfo.InvariantCulture)), port, o => o.Protocols = HttpProtocols.Http1);
                    }
                });
                var server = b.Build();
                server.Run(async http =>
                {
                    var path = http.Request.Path.Value ?? string.Empty;
                    if (!path.StartsWith("/page/", StringComparison.Ordinal) || !int.TryParse(path.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || Gone(n))
                    {
                        http.Response.StatusCode = 404;
                        return;
                    }

                    http.Response.ContentType = "text/html; charset=utf-8";
                    await http.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html><head><title>Source {n}</title></head><body><p>Page {n}.</p></body></html>"));
                });
                try
                {
                    await server.StartAsync();
                    return server;
                }
                catch (IOException) when (attempt < 5)
                {
                    await server.DisposeAsync();
                }
            }
        }
    }

    private static async Task<(int Exit, string Out)> RunCliAsync(string cli, string folder, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(cli);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["CITATIONS_LINKS_RESOLVER"] = "loopback";
        start.Environment["CITATIONS_LINKS_PROBE"] = "online";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output + await error;
        return (process.ExitCode, text);
    }

    /// <summary>The CLI's own build output (its deps.json names its dependencies): tests/X/bin/CONFIGURATION/TFM → src/Citations.Cli/bin/CONFIGURATION/TFM.</summary>
    private static string FindCli()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Citations.sln")))
        {
            root = root.Parent;
        }

        return root is null
            ? Path.Combine(AppContext.BaseDirectory, "Citations.Cli.dll")
            : Path.Combine(root.FullName, "src", "Citations.Cli", "bin", output.Parent!.Name, output.Name, "Citations.Cli.dll");
    }

    private static int IntOption(string[] args, string name, int fallback)
        => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

    private static string? StringOption(string[] args, string name)
        => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
