using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Citations.Links.Checking;
using Citations.Links.Extraction;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

// Link-check throughput benchmark (not a test): a server on 50 loopback addresses answering after 20 ms, our checker
// with 4 requests per host, and linkinator 6.1.2 on the same URLs in the same run. See README.md.
//   dotnet run -c Release --project tests/Citations.Links.Benchmark            the whole comparison
//   … -- serve PORT HOSTS LATENCY_MS                                            the server alone (a child process)
//   … -- ours FILE PER_HOST [warm]                                              our checker alone (a child process); warm: a first pass, then the measured one
return args.FirstOrDefault() switch
{
    "serve" => await Server.RunAsync(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture)),
    "ours" => await Ours.RunAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args.Length > 3 && args[3] == "warm"),
    _ => await Comparison.RunAsync(args),
};

/// <summary>The HTTP server: every host answers /page/N after the latency, 404 for anything else.</summary>
internal static class Server
{
    public static async Task<int> RunAsync(int port, int hosts, int latencyMs)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            for (var i = 1; i <= hosts; i++)
            {
                k.Listen(IPAddress.Parse("127.0.1." + i.ToString(CultureInfo.InvariantCulture)), port, o => o.Protocols = HttpProtocols.Http1);
            }

            k.Limits.MaxConcurrentConnections = 10_000;
        });
        var app = builder.Build();
        var page = "<!DOCTYPE html><html><head><title>Page</title></head><body><p>ok</p></body></html>"u8.ToArray();
        app.Run(async context =>
        {
            await Task.Delay(latencyMs, context.RequestAborted);
            var path = context.Request.Path.Value ?? string.Empty;
            if (!path.StartsWith("/page/", StringComparison.Ordinal) || path.Length == 6 || path.AsSpan(6).ContainsAnyExcept("0123456789"))
            {
                context.Response.StatusCode = 404;
                return;
            }

            context.Response.ContentType = "text/html";
            context.Response.ContentLength = page.Length;
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await context.Response.Body.WriteAsync(page, context.RequestAborted);
            }
        });
        await app.StartAsync();
        Console.WriteLine("ready");

        // Runs until the parent closes standard input (or dies).
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
        return 0;
    }
}

/// <summary>Our checker on the links of an HTML file; prints one line: urls seconds alive peakBytes.</summary>
internal static class Ours
{
    public static async Task<int> RunAsync(string file, int perHost, bool warm)
    {
        var targets = (await LinkTargetReader.ReadFileAsync(file)).GetValueOrThrow();
        if (Environment.GetEnvironmentVariable("BENCH_DEBUG") is not null)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"after reading: heap {GC.GetTotalMemory(false) / 1048576.0:0} MB, working set {Environment.WorkingSet / 1048576.0:0} MB"));
        }

        var options = new LinkCheckerOptions
        {
            AllowPrivateAddresses = true,
            PerHostConcurrency = perHost,
            GlobalConcurrency = 50 * perHost,
            PerHostMinimumInterval = TimeSpan.Zero,
        };
        using var checker = new LinkChecker(options);
        if (warm)
        {
            // JIT, tiering and connection set-up out of the way: the measured pass shows the steady state.
            await foreach (var _ in checker.CheckAsync(targets))
            {
            }
        }

        var watch = Stopwatch.StartNew();
        var alive = 0;
        var total = 0;
        var verdicts = new Dictionary<LinkVerdict, int>();
        await foreach (var result in checker.CheckAsync(targets))
        {
            total++;
            verdicts[result.Verdict] = verdicts.GetValueOrDefault(result.Verdict) + 1;
            if (result.Verdict == LinkVerdict.Alive)
            {
                alive++;
            }
        }

        watch.Stop();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{total} {watch.Elapsed.TotalSeconds:0.000} {alive} {self.PeakWorkingSet64} {string.Join(',', verdicts.Select(v => v.Key.ToReportName() + "=" + v.Value))}"));
        return alive == total ? 0 : 1;
    }
}

/// <summary>Runs the server, our checker (10,000 and 100,000 URLs) and linkinator, and prints the figures.</summary>
internal static class Comparison
{
    private const int Hosts = 50;
    private const int LatencyMs = 20;
    private const int PerHost = 4;

    public static async Task<int> RunAsync(string[] args)
    {
        var linkinatorDir = Environment.GetEnvironmentVariable("LINKINATOR_DIR") ?? Path.Combine(Path.GetTempPath(), "linkinator-6.1.2");
        var linkinatorConcurrency = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
        var self = Environment.ProcessPath!;
        var selfArgs = self.EndsWith("dotnet", StringComparison.Ordinal) ? typeof(Comparison).Assembly.Location + " " : string.Empty;
        var work = Directory.CreateTempSubdirectory("citations-links-bench-");
        var port = FreePort();
        try
        {
            var small = WriteHtml(Path.Combine(work.FullName, "urls-10000.html"), 10_000, port);
            var large = WriteHtml(Path.Combine(work.FullName, "urls-100000.html"), 100_000, port);
            using var server = Start(self, selfArgs + $"serve {port} {Hosts} {LatencyMs}", work.FullName, redirectInput: true);
            var ready = await server.StandardOutput.ReadLineAsync();
            if (ready != "ready")
            {
                throw new InvalidOperationException("The server did not start: " + ready + await server.StandardError.ReadToEndAsync());
            }

            var limit = Hosts * PerHost * 1000.0 / LatencyMs;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Hosts} hosts (127.0.1.1-127.0.1.{Hosts}:{port}), {LatencyMs} ms latency, {PerHost} per host: limit {limit:0} URLs/s"));

            var cold = await RunOursAsync(self, selfArgs, small, work.FullName, warm: false);
            Report("ours, cold process", cold, limit);
            var warmRun = await RunOursAsync(self, selfArgs, small, work.FullName, warm: true);
            Report("ours, warm (2nd pass)", warmRun, limit);

            var cli = Path.Combine(linkinatorDir, "node_modules", "linkinator", "build", "src", "cli.js");
            if (File.Exists(cli))
            {
                LinkinatorRun? best = null;
                foreach (var concurrency in new[] { linkinatorConcurrency, Hosts * PerHost })
                {
                    var run = await RunLinkinatorAsync(cli, small, concurrency, work.FullName);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"linkinator 6.1.2 --concurrency {concurrency}: process {run.Wall:0.000} s = {run.Checked / run.Wall:0} URLs/s; peak {run.PeakBytes / 1048576.0:0} MB; {run.Checked} links, {run.Passed} ok"));
                    best = best is null || run.Wall < best.Wall ? run : best;
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"ratio, whole-process wall time on the same 10,000 URLs: ours (cold) {best!.Wall / cold.Wall:0.00}x the faster linkinator run"));
            }
            else
            {
                Console.WriteLine($"linkinator not found at {cli}: install it with 'npm install --prefix {linkinatorDir} linkinator@6.1.2' (outside the repository).");
            }

            var big = await RunOursAsync(self, selfArgs, large, work.FullName, warm: false);
            Report("ours, 100,000 URLs, cold", big, limit);

            server.StandardInput.Close();
            await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            return 0;
        }
        finally
        {
            work.Delete(true);
        }
    }

    private static string WriteHtml(string path, int count, int port)
    {
        var html = new StringBuilder("<!DOCTYPE html><html><head><title>links</title></head><body>\n");
        for (var i = 0; i < count; i++)
        {
            var host = "127.0.1." + ((i % Hosts) + 1).ToString(CultureInfo.InvariantCulture);
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"http://{host}:{port}/page/{i}\">{i}</a>\n");
        }

        File.WriteAllText(path, html.Append("</body></html>\n").ToString());
        return path;
    }

    private static void Report(string label, OursRun run, double limit)
        => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {run.Urls} URLs, checking {run.Seconds:0.000} s = {run.Urls / run.Seconds:0} URLs/s ({100 * run.Urls / run.Seconds / limit:0.0}% of the limit); process {run.Wall:0.000} s; peak {run.PeakBytes / 1048576.0:0} MB; {run.Verdicts}"));

    private static async Task<OursRun> RunOursAsync(string self, string selfArgs, string file, string folder, bool warm)
    {
        var watch = Stopwatch.StartNew();
        using var process = Start(self, selfArgs + $"ours {file} {PerHost}{(warm ? " warm" : string.Empty)}", folder);
        var line = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        watch.Stop();
        var parts = line.Trim().Split(' ');
        if (parts.Length < 5)
        {
            throw new InvalidOperationException("Our checker failed: " + line + await process.StandardError.ReadToEndAsync());
        }

        return new OursRun(int.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture),
            long.Parse(parts[3], CultureInfo.InvariantCulture), watch.Elapsed.TotalSeconds, parts[4]);
    }

    private static async Task<LinkinatorRun> RunLinkinatorAsync(string cli, string file, int concurrency, string folder)
    {
        var watch = Stopwatch.StartNew();
        using var process = Start("node", $"{cli} {file} --concurrency {concurrency} --format json", folder);
        var peak = 0L;
        var output = process.StandardOutput.ReadToEndAsync();
        while (!process.HasExited)
        {
            peak = Math.Max(peak, HighWaterMark(process.Id));
            await Task.Delay(20);
        }

        var json = await output;
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        watch.Stop();
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var links = document.RootElement.GetProperty("links");
        var passed = links.EnumerateArray().Count(l => l.GetProperty("state").GetString() == "OK");

        // linkinator also reports the HTML file itself; count only the page links.
        var checkedLinks = links.EnumerateArray().Count(l => l.GetProperty("url").GetString()!.Contains("/page/", StringComparison.Ordinal));
        return new LinkinatorRun(checkedLinks, passed, watch.Elapsed.TotalSeconds, peak);
    }

    /// <summary>The peak resident set (VmHWM) of a process, from /proc; 0 once it is gone.</summary>
    private static long HighWaterMark(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }

    private static Process Start(string file, string arguments, string folder, bool redirectInput = false)
        => Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            WorkingDirectory = folder,
        })!;

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record OursRun(int Urls, double Seconds, long PeakBytes, double Wall, string Verdicts);

    private sealed record LinkinatorRun(int Checked, int Passed, double Wall, long PeakBytes);
}
