using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Citations.Links;
using Citations.Links.Checking;
using Citations.Links.Extraction;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

// Link-check throughput benchmark (not a test): a server on 50 loopback addresses answering after 20 ms, our checker
// with 4 requests per host, and linkinator 6.1.2 on the same URLs in the same run. See README.md.
//   dotnet run -c Release --project tests/Citations.Links.Benchmark [-- --runs N --linkinator-concurrency C --no-100k]
//                                                                               the whole comparison, N rounds, medians
//   … -- serve PORT HOSTS LATENCY_MS                                            the server alone (a child process)
//   … -- ours FILE PER_HOST [warm]                                              our checker alone (a child process); warm: a first pass, then the measured one
//   … -- plain FILE PER_HOST [METHOD]                                           a bare HttpClient loop (the ceiling; a child process)
//   … -- extract [--mb N] [--runs N]                                            link extraction: links/s and peak memory on generated
//                                                                               N-MB HTML and Markdown corpora, current readers and main's former ones
//   … -- html-load [--urls N] [--loads N] [--out DIR] [--reuse]                 the HTML reports of a 10,000-URL run opened in Chromium:
//                                                                               size, DOM nodes, median load event and first paint
//   … -- extract-one FILE former|current                                        one extraction (a child process)
//   … -- shared [--urls N --hosts H --latency MS --per-host N --concurrency C --workers 1,2,4]
//                                                                               shared runs in PostgreSQL (CITATIONS_TEST_POSTGRES):
//                                                                               1, 2, 4 worker processes, then one killed mid-way
//   … -- shared-worker CONNECTION RUN FILE PER_HOST CONCURRENCY LEASE_S         one worker of a shared run (a child process)
return args.FirstOrDefault() switch
{
    "html-load" => await Citations.Links.Benchmark.HtmlReportLoad.RunAsync(args),
    "extract" => await Citations.Links.Benchmark.ExtractionBenchmark.RunAsync(args),
    "shared" => await Citations.Links.Benchmark.SharedRunBenchmark.RunAsync(args),
    "shared-worker" => await Citations.Links.Benchmark.SharedRunBenchmark.WorkerAsync(args),
    "extract-one" => Citations.Links.Benchmark.ExtractionBenchmark.RunOne(args[1], args[2]),
    "serve" => await Server.RunAsync(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture)),
    "ours" => await Ours.RunAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args.Length > 3 && args[3] == "warm"),
    "plain" => await Plain.RunAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args.Length > 3 ? args[3] : "HEAD"),
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
            k.AddServerHeader = false;
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
            await Task.Delay(latencyMs);
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
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var collections = GC.CollectionCount(0);
        var alive = 0;
        var total = 0;
        var verdicts = new Dictionary<LinkVerdict, int>();
        var elapsed = new List<double>();
        var timeline = Environment.GetEnvironmentVariable("BENCH_DEBUG") is null ? null : new List<double>();
        await foreach (var result in checker.CheckAsync(targets))
        {
            total++;
            elapsed.Add(result.Evidence.Elapsed.TotalMilliseconds);
            timeline?.Add(watch.Elapsed.TotalMilliseconds);
            verdicts[result.Verdict] = verdicts.GetValueOrDefault(result.Verdict) + 1;
            if (result.Verdict == LinkVerdict.Alive)
            {
                alive++;
            }
        }

        watch.Stop();
        if (timeline is not null)
        {
            // Completions per 100 ms: where a run loses time (a slow start, a long tail).
            Console.Error.WriteLine(string.Join(' ', timeline.GroupBy(t => (int)(t / Ours.Bucket())).OrderBy(g => g.Key).Select(g => g.Count().ToString(CultureInfo.InvariantCulture))));
        }

        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{total} {watch.Elapsed.TotalSeconds:0.000} {alive} {self.PeakWorkingSet64} {string.Join(',', verdicts.Select(v => v.Key.ToReportName() + "=" + v.Value))} cpu={(self.TotalProcessorTime - cpu).TotalSeconds:0.00}s alloc={(GC.GetTotalAllocatedBytes() - allocated) / (double)total / 1024:0.0}KB/url gen0={GC.CollectionCount(0) - collections} check-ms={Percentiles(elapsed)}"));
        return alive == total ? 0 : 1;
    }

    /// <summary>The width in milliseconds of the timeline's buckets: <c>BENCH_DEBUG</c> when it is a number, else 100.</summary>
    internal static int Bucket() => int.TryParse(Environment.GetEnvironmentVariable("BENCH_DEBUG"), CultureInfo.InvariantCulture, out var ms) && ms > 0 ? ms : 100;

    /// <summary>The median and 90th percentile of a list of times, as <c>p50/p90</c>.</summary>
    internal static string Percentiles(List<double> values)
    {
        values.Sort();
        return values.Count == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{values[values.Count / 2]:0.0}/{values[values.Count * 9 / 10]:0.0}");
    }
}

/// <summary>
/// The ceiling: a bare HttpClient loop on the same URLs, exactly PER_HOST requests in flight per host, no checker logic.
/// Prints the same line as <see cref="Ours"/>.
/// </summary>
internal static class Plain
{
    public static async Task<int> RunAsync(string file, int perHost, string method)
    {
        var urls = System.Text.RegularExpressions.Regex.Matches(await File.ReadAllTextAsync(file), "href=\"([^\"]+)\"")
            .Select(m => new Uri(m.Groups[1].Value)).ToList();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = perHost, UseProxy = false, AllowAutoRedirect = false });
        var watch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var ok = 0;
        var times = new List<double>(urls.Count);
        var timeline = Environment.GetEnvironmentVariable("BENCH_DEBUG") is null ? null : new List<double>();
        var workers = urls.GroupBy(u => u.Authority)
            .SelectMany(host => Enumerable.Range(0, perHost).Select(w => host.Where((_, i) => i % perHost == w).ToList()))
            .Select(list => Task.Run(async () =>
            {
                foreach (var url in list)
                {
                    var started = Stopwatch.GetTimestamp();
                    using var request = new HttpRequestMessage(new HttpMethod(method), url);
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                    if (response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref ok);
                    }

                    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    lock (times)
                    {
                        times.Add(ms);
                        timeline?.Add(watch.Elapsed.TotalMilliseconds);
                    }
                }
            }))
            .ToArray();
        await Task.WhenAll(workers);
        watch.Stop();
        if (timeline is not null)
        {
            Console.Error.WriteLine(string.Join(' ', timeline.GroupBy(t => (int)(t / Ours.Bucket())).OrderBy(g => g.Key).Select(g => g.Count().ToString(CultureInfo.InvariantCulture))));
        }

        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{urls.Count} {watch.Elapsed.TotalSeconds:0.000} {ok} {self.PeakWorkingSet64} alive={ok} cpu={(self.TotalProcessorTime - cpu).TotalSeconds:0.00}s alloc={(GC.GetTotalAllocatedBytes() - allocated) / (double)urls.Count / 1024:0.0}KB/url request-ms={Ours.Percentiles(times)}"));
        return ok == urls.Count ? 0 : 1;
    }
}

/// <summary>
/// Runs the server, then round after round (3 by default) of: the plain-client ceiling, our checker cold and warm on
/// 10,000 URLs, linkinator at two concurrencies, and the ceiling and our checker on 100,000 URLs; prints every run and
/// the medians.
/// Rounds interleave the contenders so that a change in the machine's load hits them alike.
/// </summary>
internal static class Comparison
{
    private const int Hosts = 50;
    private const int LatencyMs = 20;
    private const int PerHost = 4;

    /// <summary>The server's process id, to report the CPU time it spends serving each run.</summary>
    private static int _serverPid;

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = Option(args, "--runs", 3);
        var linkinatorConcurrency = Option(args, "--linkinator-concurrency", 100);
        var skipLarge = args.Contains("--no-100k");
        var linkinatorDir = Environment.GetEnvironmentVariable("LINKINATOR_DIR") ?? Path.Combine(Path.GetTempPath(), "linkinator-6.1.2");
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

            _serverPid = server.Id;
            var limit = Hosts * PerHost * 1000.0 / LatencyMs;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Hosts} hosts (127.0.1.1-127.0.1.{Hosts}:{port}), {LatencyMs} ms latency, {PerHost} per host: limit {limit:0} URLs/s; {Environment.ProcessorCount} cores; load average {LoadAverage()}"));
            var cli = Path.Combine(linkinatorDir, "node_modules", "linkinator", "build", "src", "cli.js");
            if (!File.Exists(cli))
            {
                Console.WriteLine($"linkinator not found at {cli}: install it with 'npm install --prefix {linkinatorDir} linkinator@6.1.2' (outside the repository).");
            }

            var plain = new List<OursRun>();
            var cold = new List<OursRun>();
            var warm = new List<OursRun>();
            var big = new List<OursRun>();
            var plainBig = new List<OursRun>();
            var linkinator = new Dictionary<int, List<LinkinatorRun>>();
            for (var round = 1; round <= runs; round++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round} (load average {LoadAverage()})"));
                plain.Add(Report("  plain HttpClient HEAD loop (ceiling)", await RunChildAsync(self, selfArgs + $"plain {small} {PerHost} HEAD", work.FullName), limit));
                cold.Add(Report("  ours, cold process", await RunChildAsync(self, selfArgs + $"ours {small} {PerHost}", work.FullName), limit));
                warm.Add(Report("  ours, warm (2nd pass)", await RunChildAsync(self, selfArgs + $"ours {small} {PerHost} warm", work.FullName), limit));
                if (File.Exists(cli))
                {
                    foreach (var concurrency in new[] { linkinatorConcurrency, Hosts * PerHost }.Distinct())
                    {
                        var run = await RunLinkinatorAsync(cli, small, concurrency, work.FullName);
                        (linkinator.TryGetValue(concurrency, out var list) ? list : linkinator[concurrency] = []).Add(run);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  linkinator 6.1.2 --concurrency {concurrency}: process {run.Wall:0.000} s = {run.Checked / run.Wall:0} URLs/s; peak {run.PeakBytes / 1048576.0:0} MB; {run.Checked} links, {run.Passed} ok"));
                    }
                }

                if (!skipLarge)
                {
                    plainBig.Add(Report("  plain HttpClient HEAD loop, 100,000 URLs (ceiling)", await RunChildAsync(self, selfArgs + $"plain {large} {PerHost} HEAD", work.FullName), limit));
                    big.Add(Report("  ours, 100,000 URLs, cold", await RunChildAsync(self, selfArgs + $"ours {large} {PerHost}", work.FullName), limit));
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"medians of {runs} round(s) (load average now {LoadAverage()}):"));
            Median("plain HttpClient HEAD loop (ceiling)", plain, limit);
            var coldMedian = Median("ours, cold process, 10,000", cold, limit);
            Median("ours, warm (2nd pass), 10,000", warm, limit);
            foreach (var (concurrency, list) in linkinator)
            {
                var wall = MedianOf(list.Select(r => r.Wall));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  linkinator --concurrency {concurrency}: process {wall:0.000} s = {list[0].Checked / wall:0} URLs/s; peak {MedianOf(list.Select(r => (double)r.PeakBytes)) / 1048576.0:0} MB; ours (cold, whole process) is {wall / coldMedian:0.00}x faster"));
            }

            if (big.Count > 0)
            {
                Median("plain HttpClient HEAD loop, 100,000 (ceiling)", plainBig, limit);
                Median("ours, cold process, 100,000", big, limit);
            }

            server.StandardInput.Close();
            await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            return 0;
        }
        finally
        {
            work.Delete(true);
        }
    }

    internal static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    internal static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    internal static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Prints the medians of several runs; returns the median whole-process wall time.</summary>
    private static double Median(string label, List<OursRun> runs, double limit)
    {
        var seconds = MedianOf(runs.Select(r => r.Seconds));
        var wall = MedianOf(runs.Select(r => r.Wall));
        var peak = MedianOf(runs.Select(r => (double)r.PeakBytes));
        var urls = runs[0].Urls;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {label}: checking {seconds:0.000} s = {urls / seconds:0} URLs/s ({100 * urls / seconds / limit:0.0}% of the limit); process {wall:0.000} s; peak {peak / 1048576.0:0} MB (runs: {string.Join(", ", runs.Select(r => (100 * urls / r.Seconds / limit).ToString("0.0", CultureInfo.InvariantCulture) + "%"))})"));
        return wall;
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

    private static OursRun Report(string label, OursRun run, double limit)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {run.Urls} URLs, checking {run.Seconds:0.000} s = {run.Urls / run.Seconds:0} URLs/s ({100 * run.Urls / run.Seconds / limit:0.0}% of the limit); process {run.Wall:0.000} s; peak {run.PeakBytes / 1048576.0:0} MB; {run.Details}"));
        return run;
    }

    /// <summary>Runs this program in a child process (mode <c>ours</c> or <c>plain</c>) and reads its one-line result.</summary>
    private static async Task<OursRun> RunChildAsync(string self, string arguments, string folder)
    {
        var serverCpu = CpuSeconds(_serverPid);
        var watch = Stopwatch.StartNew();
        using var process = Start(self, arguments, folder);
        var error = process.StandardError.ReadToEndAsync();
        var line = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        watch.Stop();
        line = line.Trim() + string.Create(CultureInfo.InvariantCulture, $" server-cpu={CpuSeconds(_serverPid) - serverCpu:0.00}s");
        var parts = line.Trim().Split(' ');
        if (parts.Length < 5)
        {
            throw new InvalidOperationException("The child failed: " + line + await error);
        }

        return new OursRun(int.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture),
            long.Parse(parts[3], CultureInfo.InvariantCulture), watch.Elapsed.TotalSeconds, string.Join(' ', parts[4..]));
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

    /// <summary>The CPU time (user + system) a process has used so far, from /proc; 0 when unknown.</summary>
    private static double CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
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

    private sealed record OursRun(int Urls, double Seconds, long PeakBytes, double Wall, string Details);

    private sealed record LinkinatorRun(int Checked, int Passed, double Wall, long PeakBytes);
}
