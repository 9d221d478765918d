using System.Diagnostics;
using System.Text.Json;
using Citations.Cli.Tests.TestSupport;
using Citations.Links.PostgreSql.Tests.TestSupport;
using Npgsql;

namespace Citations.Cli.Tests.Commands;

/// <summary>
/// <c>check --run NAME --db postgresql://…</c> with real worker processes sharing one run in a real PostgreSQL server,
/// checking a loopback Kestrel server, and <c>run-report</c> building the run's report from the database.
/// </summary>
[TestClass]
public sealed class SharedRunCommandTests
{
    [TestMethod]
    public async Task Check_TwoWorkerProcessesOneKilled_EveryUrlOnceAndPerHostLimitHeld()
    {
        const int hosts = 10;
        const int pages = 300;
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var server = await CountingServer.StartAsync(TimeSpan.FromMilliseconds(20));
        using var files = new TempFiles();
        var list = files.Write("urls.txt", string.Join('\n', Enumerable.Range(0, pages).SelectMany(p => Enumerable.Range(0, hosts).Select(h => server.Url($"h{h}.localhost", $"/p{p}")))));
        var uri = Uri(database);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        string[] args = ["check", list, "--db", uri, "--run", "ci", "--lease", "2s", "--allow-private", "--no-archives", "--head-only", "--retries", "0",
            "--concurrency", "8", "--per-host", "2", "--host-interval", "0", "--quiet"];

        using var first = Start(files.Folder, args);
        using var second = Start(files.Folder, args);
        var total = hosts * pages;
        long recorded;
        var polls = new List<string>();
        var clock = Stopwatch.StartNew();
        while ((recorded = await CountAsync(database, "SELECT count(*) FROM citations.shared_run_urls WHERE result IS NOT NULL")) < total / 5)
        {
            polls.Add($"{clock.ElapsedMilliseconds}:{recorded}");
            if (first.HasExited)
            {
                Assert.Fail("the first worker ended before it was killed: " + await first.StandardError.ReadToEndAsync(bound.Token));
            }

            await Task.Delay(50, bound.Token);
        }

        first.Kill(); // SIGKILL: no lease is given back, nothing is flushed.
        await first.WaitForExitAsync(bound.Token);
        var secondError = second.StandardError.ReadToEndAsync(bound.Token);
        var secondOut = second.StandardOutput.ReadToEndAsync(bound.Token);
        await second.WaitForExitAsync(bound.Token);
        Assert.AreEqual(0, second.ExitCode, await secondError + await secondOut);
        Assert.IsLessThan(total, recorded, "the first worker was killed mid-run: " + string.Join(' ', polls.TakeLast(5)) + $" {clock.ElapsedMilliseconds}:{recorded}");

        Assert.AreEqual((long)total, await CountAsync(database, "SELECT count(*) FROM citations.shared_run_urls WHERE result IS NOT NULL"), "every URL has its result");
        // The link history is kept in the same database (rot and --max-age across workers): every URL of the run is in it.
        Assert.AreEqual((long)total, await CountAsync(database, "SELECT count(*) FROM citations.history_urls"), "the history has every URL, whichever worker checked it");
        Assert.AreEqual(2L, await CountAsync(database, "SELECT count(DISTINCT checked_by) FROM citations.shared_run_urls"), "both workers recorded results");
        Assert.IsTrue(server.MaxConcurrent.Values.All(n => n <= 2), $"per-host concurrency across workers: {string.Join(", ", server.MaxConcurrent)}");
        Assert.HasCount(total, server.Hits, "every page was asked");
        var repeated = server.Hits.Count(h => h.Value > 1);
        var retaken = await CountAsync(database, "SELECT count(*) FROM citations.shared_run_urls WHERE taken > 1");
        Assert.IsLessThanOrEqualTo(retaken, repeated, "a page asked twice was one the killed worker had taken and not recorded");

        var (exit, output, error) = await CliRunner.RunInAsync(files.Folder, "run-report", "ci", "--db", uri, "--json", "report.json", "--junit", "report.xml");
        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(output, $"Run 'ci': {total} of {total} URL(s) checked by 2 worker(s); finished.");
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(files.Folder, "report.json"), bound.Token));
        var urls = report.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("url").GetString()).ToList();
        Assert.HasCount(total, urls);
        Assert.HasCount(total, urls.Distinct(StringComparer.Ordinal));
        Assert.IsTrue(File.Exists(Path.Combine(files.Folder, "report.xml")));
    }

    [TestMethod]
    public async Task Check_RunWithoutPostgresDatabase_WrongCommandLine()
    {
        var (exit, _, error) = await CliRunner.RunAsync("check", "README.md", "--run", "x");
        var (fileDb, _, fileError) = await CliRunner.RunAsync("check", "README.md", "--run", "x", "--db", "links.db");
        var (lease, _, leaseError) = await CliRunner.RunAsync("check", "README.md", "--lease", "5s", "--no-db");

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "--run needs --db postgresql://");
        Assert.AreEqual(2, fileDb, fileError);
        Assert.AreEqual(2, lease);
        StringAssert.Contains(leaseError, "--lease applies only to a shared run");
    }

    [TestMethod]
    public async Task RunReport_NoSuchRun_NothingDone()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();

        var (exit, _, error) = await CliRunner.RunAsync("run-report", "missing", "--db", Uri(database));
        var (noDb, _, noDbError) = await CliRunner.RunAsync("run-report", "missing");

        Assert.AreEqual(2, exit, error);
        StringAssert.Contains(error, "no shared run named 'missing'");
        Assert.AreEqual(2, noDb);
        StringAssert.Contains(noDbError, "--db postgresql://");
    }

    private static string Uri(PostgresTestDatabase database)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        return $"postgresql://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
    }

    private static Process Start(string folder, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in CliRunner.Environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(CliRunner.CliPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    private static async Task<long> CountAsync(PostgresTestDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT to_regclass('citations.shared_run_urls') IS NOT NULL", connection);
        if (!(bool)(await command.ExecuteScalarAsync())!)
        {
            return 0;
        }

        await using var count = new NpgsqlCommand(sql, connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
