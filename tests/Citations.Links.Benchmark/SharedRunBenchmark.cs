using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Citations.Links.Checking;
using Citations.Links.Http;
using Citations.Links.PostgreSql.SharedRuns;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Citations.Links.Benchmark;

/// <summary>
/// Scale-out of shared runs (not a test): URLs over loopback host names (<c>hN.localhost</c>, one Kestrel server in
/// this process answering after a latency and recording, per host, the most requests at once and, per method and
/// path, every request), checked by 1, 2, 4 … worker processes sharing one run in PostgreSQL
/// (<c>CITATIONS_TEST_POSTGRES</c>); then a round with two workers where one is killed with SIGKILL mid-way.
/// </summary>
internal static class SharedRunBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var urls = Option(args, "--urls", 100_000);
        var hosts = Option(args, "--hosts", 200);
        var latency = Option(args, "--latency", 20);
        var perHost = Option(args, "--per-host", 2);
        var concurrency = Option(args, "--concurrency", 100);
        var workerCounts = (Value(args, "--workers") ?? "1,2,4").Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray();
        var server = Environment.GetEnvironmentVariable("CITATIONS_TEST_POSTGRES")
                     ?? throw new InvalidOperationException("CITATIONS_TEST_POSTGRES names the PostgreSQL server (build/postgres-test-server.sh start DIR).");

        await using var site = await CountingSite.StartAsync(latency);
        var work = Directory.CreateTempSubdirectory("citations-shared-bench-");
        var file = Path.Combine(work.FullName, "urls.txt");
        await File.WriteAllLinesAsync(file, Enumerable.Range(0, urls).Select(i => $"http://h{i % hosts}.localhost:{site.Port}/page/{i}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{urls} URLs over {hosts} hosts answering after {latency} ms; per host {perHost} at once; {concurrency} at once per worker ({concurrency / perHost} hosts leased at a time); {Environment.ProcessorCount} cores"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the run's limit: {hosts} hosts x {perHost} / {latency} ms = {hosts * perHost * 1000.0 / latency:0} URLs/s"));
        Console.WriteLine("workers | seconds (run, database clock) | URLs/s | share of the limit the leased hosts allow | share of the run's limit | peak MB per worker | results | max per host");
        try
        {
            foreach (var count in workerCounts)
            {
                site.Reset();
                var database = await CreateDatabaseAsync(server, $"bench_w{count}");
                var workers = Enumerable.Range(0, count).Select(_ => Worker.Start(database, "bench", file, perHost, concurrency, 30)).ToList();
                foreach (var worker in workers)
                {
                    await worker.WaitAsync();
                }

                var (seconds, results, _) = await RunFiguresAsync(database);
                var rate = results / seconds;
                var leasedLimit = Math.Min(hosts, count * (concurrency / perHost)) * perHost * 1000.0 / latency;
                var runLimit = hosts * perHost * 1000.0 / latency;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{count} | {seconds:0.0} | {rate:0} | {rate / leasedLimit:P1} | {rate / runLimit:P1} | {string.Join(" ", workers.Select(w => (w.PeakBytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture)))} | {results} | {site.MaxConcurrent.Values.DefaultIfEmpty(0).Max()}"));
                if (workers.Any(w => w.ExitCode != 0))
                {
                    Console.WriteLine("  a worker failed: " + string.Join(" | ", workers.Select(w => w.Error.Trim())));
                }
            }

            await KillRoundAsync(server, site, file, urls, perHost, concurrency);
        }
        finally
        {
            work.Delete(recursive: true);
        }

        return 0;
    }

    private static async Task KillRoundAsync(string server, CountingSite site, string file, int urls, int perHost, int concurrency)
    {
        site.Reset();
        var database = await CreateDatabaseAsync(server, "bench_kill");
        var lease = 5;
        var victim = Worker.Start(database, "kill", file, perHost, concurrency, lease);
        var survivor = Worker.Start(database, "kill", file, perHost, concurrency, lease);
        long recorded;
        var bound = Stopwatch.StartNew();
        while ((recorded = await CountAsync(database, "SELECT count(*) FROM citations.shared_run_urls WHERE result IS NOT NULL")) < urls / 2 && bound.Elapsed < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(100);
        }

        var inFlightAtKill = site.InFlight();
        victim.Kill();
        await victim.WaitAsync();
        await survivor.WaitAsync();
        var (seconds, results, distinctUrls) = await RunFiguresAsync(database);
        var repeated = site.Requests.Where(r => r.Value > 1).Select(r => r.Key.Path).ToHashSet(StringComparer.Ordinal);
        var retaken = await StringsAsync(database, "SELECT url FROM citations.shared_run_urls WHERE taken > 1");
        var retakenPaths = retaken.Select(u => new Uri(u).AbsolutePath).ToHashSet(StringComparer.Ordinal);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"kill round: 2 workers (lease {lease}s), one killed with SIGKILL after {recorded} of {urls} results; the other finished (exit {survivor.ExitCode}) in {seconds:0.0} s (run, database clock)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  results: {results} for {distinctUrls} distinct URLs of {urls}; URLs requested more than once (same method): {repeated.Count}; requests in flight at the server at the kill: {inFlightAtKill.Count}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  URLs taken again after the kill (the killed worker's taken, unrecorded share): {retaken.Count}; repeated URLs outside that share: {repeated.Count(p => !retakenPaths.Contains(p))}; repeated URLs that were in flight at the kill: {repeated.Count(inFlightAtKill.Contains)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  most requests at once per host, over both workers: {site.MaxConcurrent.Values.DefaultIfEmpty(0).Max()} (limit {perHost})"));
    }

    /// <summary>One worker process: <c>shared-worker CONNECTION RUN FILE PER_HOST CONCURRENCY LEASE_SECONDS</c>; prints its result count.</summary>
    public static async Task<int> WorkerAsync(string[] args)
    {
        var targets = (await File.ReadAllLinesAsync(args[3])).Where(l => l.Length > 0).Select(l => new LinkTarget(l)).ToList();
        var options = new LinkCheckerOptions
        {
            AllowPrivateAddresses = true,
            PerHostConcurrency = int.Parse(args[4], CultureInfo.InvariantCulture),
            GlobalConcurrency = int.Parse(args[5], CultureInfo.InvariantCulture),
            PerHostMinimumInterval = TimeSpan.Zero,
            PageText = PageTextMode.WhenNeeded,
        };
        using var checker = new LinkCheckerBuilder { Options = options }.WithHostResolver(HostResolver.LoopbackOnly).WithConnectivityProbe(ConnectivityProbe.Fixed(true)).Build();
        await using var dataSource = NpgsqlDataSource.Create(args[1]);
        var run = new SharedLinkRun(dataSource, args[2], new SharedRunOptions
        {
            LeaseDuration = TimeSpan.FromSeconds(int.Parse(args[6], CultureInfo.InvariantCulture)),
            PollInterval = TimeSpan.FromMilliseconds(200),
        });
        var recorded = 0;
        await foreach (var _ in run.CheckAsync(checker, targets))
        {
            recorded++;
        }

        Console.WriteLine(recorded.ToString(CultureInfo.InvariantCulture));
        return 0;
    }

    private static async Task<string> CreateDatabaseAsync(string server, string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 9)];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 200 }.ConnectionString;
    }

    private static async Task<(double Seconds, long Results, long DistinctUrls)> RunFiguresAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT extract(epoch FROM (r.finished_at - r.created_at)),
                   (SELECT count(*) FROM citations.shared_run_urls u WHERE u.run_id = r.id AND u.result IS NOT NULL),
                   (SELECT count(DISTINCT url) FROM citations.shared_run_urls u WHERE u.run_id = r.id AND u.result IS NOT NULL)
            FROM citations.shared_runs r
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.IsDBNull(0) ? double.NaN : (double)reader.GetDecimal(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT to_regclass('citations.shared_run_urls') IS NOT NULL", connection);
        if (!(bool)(await exists.ExecuteScalarAsync())!)
        {
            return 0;
        }

        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> StringsAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static string? Value(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static int Option(string[] args, string name, int fallback)
        => Value(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    /// <summary>A worker child process, its peak memory sampled from /proc while it runs.</summary>
    private sealed class Worker
    {
        private readonly Process _process;
        private readonly Task _sampler;
        private readonly Task<string> _error;

        private Worker(Process process)
        {
            _process = process;
            _error = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            _sampler = Task.Run(async () =>
            {
                while (!_process.HasExited)
                {
                    PeakBytes = Math.Max(PeakBytes, HighWaterMark(_process.Id));
                    await Task.Delay(200);
                }
            });
        }

        public long PeakBytes { get; private set; }

        public int ExitCode => _process.ExitCode;

        public string Error => _error.IsCompleted ? _error.Result : string.Empty;

        public static Worker Start(string database, string run, string file, int perHost, int concurrency, int leaseSeconds)
        {
            var self = Environment.ProcessPath!;
            var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            if (self.EndsWith("dotnet", StringComparison.Ordinal))
            {
                start.ArgumentList.Add(typeof(SharedRunBenchmark).Assembly.Location);
            }

            foreach (var arg in new[] { "shared-worker", database, run, file, perHost.ToString(CultureInfo.InvariantCulture), concurrency.ToString(CultureInfo.InvariantCulture), leaseSeconds.ToString(CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(arg);
            }

            return new Worker(Process.Start(start)!);
        }

        public void Kill() => _process.Kill();

        public async Task WaitAsync()
        {
            await _process.WaitForExitAsync();
            await _sampler;
            await _error;
        }

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
                // The process is gone.
            }

            return 0;
        }
    }

    /// <summary>The loopback server: <c>/page/N</c> on any host name answers 200 after the latency, anything else 404.</summary>
    private sealed class CountingSite : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private ConcurrentDictionary<string, int[]> _hosts = new(StringComparer.Ordinal);
        private ConcurrentDictionary<(string Method, string Path), int> _requests = new();
        private ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);

        private CountingSite(WebApplication app) => _app = app;

        public int Port { get; private set; }

        public IReadOnlyDictionary<string, int> MaxConcurrent => _hosts.ToDictionary(p => p.Key, p => Volatile.Read(ref p.Value[1]), StringComparer.Ordinal);

        public IReadOnlyDictionary<(string Method, string Path), int> Requests => _requests;

        public HashSet<string> InFlight() => [.. _inFlight.Where(p => p.Value > 0).Select(p => p.Key)];

        public void Reset()
        {
            _hosts = new(StringComparer.Ordinal);
            _requests = new();
            _inFlight = new(StringComparer.Ordinal);
        }

        public static async Task<CountingSite> StartAsync(int latencyMs)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.AddServerHeader = false;
                k.Listen(IPAddress.Loopback, 0);
                k.Limits.MaxConcurrentConnections = 10_000;
            });
            var app = builder.Build();
            var site = new CountingSite(app);
            var page = "<!DOCTYPE html><html><head><title>Page</title></head><body><p>ok</p></body></html>"u8.ToArray();
            app.Run(async context =>
            {
                var path = context.Request.Path.Value ?? string.Empty;
                var isPage = path.StartsWith("/page/", StringComparison.Ordinal) && path.Length > 6 && !path.AsSpan(6).ContainsAnyExcept("0123456789");
                var counters = site._hosts.GetOrAdd(context.Request.Host.Host, _ => new int[2]);
                var now = Interlocked.Increment(ref counters[0]);
                int max;
                while ((max = Volatile.Read(ref counters[1])) < now && Interlocked.CompareExchange(ref counters[1], now, max) != max)
                {
                }

                if (isPage)
                {
                    site._requests.AddOrUpdate((context.Request.Method, path), 1, (_, n) => n + 1);
                    site._inFlight.AddOrUpdate(path, 1, (_, n) => n + 1);
                }

                try
                {
                    await Task.Delay(latencyMs);
                    if (!isPage)
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
                }
                finally
                {
                    Interlocked.Decrement(ref counters[0]);
                    if (isPage)
                    {
                        site._inFlight.AddOrUpdate(path, 0, (_, n) => n - 1);
                    }
                }
            });
            await app.StartAsync();
            site.Port = new Uri(app.Urls.First()).Port;
            return site;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
