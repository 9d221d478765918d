using Citations.Links.Checking;
using Citations.Links.Http;
using Citations.Links.PostgreSql.SharedRuns;
using Citations.Links.PostgreSql.Tests.TestSupport;
using Citations.Links.Reports;
using Npgsql;

namespace Citations.Links.PostgreSql.Tests.SharedRuns;

/// <summary>Workers sharing one run through a real PostgreSQL database, checking a real loopback Kestrel server.</summary>
[TestClass]
public sealed class SharedLinkRunTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [TestMethod]
    public async Task CheckAsync_TwoWorkersSharingOneRun_EachUrlCheckedOnceAndPerHostLimitHeld()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var server = await CountingServer.StartAsync(TimeSpan.FromMilliseconds(20));
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var targets = Targets(server, hosts: 6, perHost: 50);
        using var bound = new CancellationTokenSource(Bound);

        using var checkerA = Checker(globalConcurrency: 4);
        using var checkerB = Checker(globalConcurrency: 4);
        var a = new SharedLinkRun(dataSource, "run-1", new SharedRunOptions { WorkerName = "a", PollInterval = TimeSpan.FromMilliseconds(50) });
        var b = new SharedLinkRun(dataSource, "run-1", new SharedRunOptions { WorkerName = "b", PollInterval = TimeSpan.FromMilliseconds(50) });
        var results = await Task.WhenAll(CollectAsync(a, checkerA, targets, bound.Token), CollectAsync(b, checkerB, targets, bound.Token));

        var all = results[0].Concat(results[1]).Select(r => r.Url).ToList();
        Assert.HasCount(300, all, "every URL recorded once, by one of the workers");
        Assert.HasCount(300, all.Distinct(StringComparer.Ordinal));
        Assert.IsNotEmpty(results[0], "worker a recorded results");
        Assert.IsNotEmpty(results[1], "worker b recorded results");
        Assert.IsTrue(server.Hits.Values.All(n => n == 1), "no URL was requested twice");
        Assert.HasCount(300, server.Hits);
        Assert.IsTrue(server.MaxConcurrent.Values.All(n => n <= 2), $"per-host concurrency across workers: {string.Join(", ", server.MaxConcurrent)}");

        var status = await a.ReadAsync(bound.Token);
        Assert.IsNotNull(status);
        Assert.IsTrue(status.IsComplete);
        Assert.IsNotNull(status.FinishedAt);
        Assert.AreEqual(2, status.Workers);
        Assert.AreEqual(targets[0].Url, status.Results[0].Url, "results in input order");
        CollectionAssert.AreEqual(targets.Select(t => t.Url).ToList(), status.Results.Select(r => r.Url).ToList());
    }

    [TestMethod]
    public async Task ReadAsync_ResultsFromTheDatabase_SameReportAsTheResultsChecked()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var server = await CountingServer.StartAsync(TimeSpan.Zero);
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var targets = Targets(server, hosts: 2, perHost: 5)
            .Select((t, i) => t with { SourceId = $"s{i}", Quotes = i % 2 == 0 ? ["Page"] : ["not on the page"], File = "refs.md", Line = i + 1 })
            .Append(new LinkTarget("http://[bad") { SourceId = "bad" })
            .ToList();
        using var bound = new CancellationTokenSource(Bound);
        using var checker = Checker(globalConcurrency: 8);
        var run = new SharedLinkRun(dataSource, "report", new SharedRunOptions { PollInterval = TimeSpan.FromMilliseconds(50) });

        var checkedHere = await CollectAsync(run, checker, targets, bound.Token);
        var status = await run.ReadAsync(bound.Token);

        Assert.IsNotNull(status);
        Assert.AreEqual(11, status.Urls);
        Assert.HasCount(10, checkedHere, "the URL that is not valid got its result when the run was enqueued");
        var at = DateTimeOffset.UnixEpoch;
        var fromDatabase = await ReportJsonAsync(new LinkReport(status.Results.Where(r => r.Url != "http://[bad").OrderBy(r => r.Url, StringComparer.Ordinal), at));
        var fromChecker = await ReportJsonAsync(new LinkReport(checkedHere.OrderBy(r => r.Url, StringComparer.Ordinal), at));
        Assert.AreEqual(fromChecker, fromDatabase);
        Assert.IsTrue(status.Results.Any(r => r.HasMissingQuote), "quotes survive the round trip");
        Assert.AreEqual(LinkVerdict.InvalidUrl, status.Results.Single(r => r.Targets[0].SourceId == "bad").Verdict);
    }

    [TestMethod]
    public async Task CheckAsync_WorkerStoppedMidRun_AnotherTakesItsHostsWhenTheLeasesExpire()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var server = await CountingServer.StartAsync(TimeSpan.FromMilliseconds(50));
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var targets = Targets(server, hosts: 3, perHost: 20);
        using var bound = new CancellationTokenSource(Bound);
        using var checkerA = Checker(globalConcurrency: 6);
        using var checkerB = Checker(globalConcurrency: 6);
        var lease = new SharedRunOptions { WorkerName = "a", LeaseDuration = TimeSpan.FromSeconds(2), PollInterval = TimeSpan.FromMilliseconds(50) };

        // Worker a stops after 5 results without giving its hosts back, as a crashed worker would.
        var a = new SharedLinkRun(dataSource, "crash", lease);
        using var stopA = CancellationTokenSource.CreateLinkedTokenSource(bound.Token);
        var fromA = new List<LinkCheckResult>();
        try
        {
            await foreach (var result in a.CheckAsync(checkerA, targets, null, stopA.Token))
            {
                fromA.Add(result);
                if (fromA.Count == 5)
                {
                    await stopA.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException) when (stopA.IsCancellationRequested)
        {
        }

        var held = await ScalarAsync(database, "SELECT count(*) FROM citations.shared_run_hosts WHERE lease_owner = 'a'");
        Assert.AreEqual(3L, held, "the stopped worker still holds its hosts");

        var b = new SharedLinkRun(dataSource, "crash", new SharedRunOptions { WorkerName = "b", PollInterval = TimeSpan.FromMilliseconds(50) });
        var fromB = await CollectAsync(b, checkerB, targets, bound.Token);

        var status = await b.ReadAsync(bound.Token);
        Assert.IsNotNull(status);
        Assert.IsTrue(status.IsComplete);
        Assert.HasCount(60, status.Results);
        var recordedByA = await ScalarAsync(database, "SELECT count(*) FROM citations.shared_run_urls WHERE checked_by = 'a'");
        Assert.AreEqual(60L, recordedByA + fromB.Count, "each URL recorded by exactly one worker");
        Assert.IsGreaterThanOrEqualTo(5L, recordedByA);
        Assert.IsTrue(server.MaxConcurrent.Values.All(n => n <= 2), $"per-host concurrency across workers: {string.Join(", ", server.MaxConcurrent)}");

        // Taken twice: only URLs that a had taken and not recorded (in flight or waiting in its share when it stopped).
        var twice = await ScalarAsync(database, "SELECT count(*) FROM citations.shared_run_urls WHERE taken > 1 AND checked_by = 'b'");
        var takenByANotRecorded = 60 - recordedByA;
        Assert.IsTrue(twice <= takenByANotRecorded);
        Assert.AreEqual(0L, await ScalarAsync(database, "SELECT count(*) FROM citations.shared_run_urls WHERE taken > 1 AND checked_by = 'a'"));
        foreach (var result in fromA)
        {
            Assert.AreEqual(1, server.Hits[new Uri(result.Url).Host + new Uri(result.Url).AbsolutePath], "a URL recorded by a was not checked again");
        }
    }

    [TestMethod]
    public async Task CheckAsync_ResultsAsTheyCome_VisibleBeforeTheRunEnds()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var server = await CountingServer.StartAsync(TimeSpan.FromMilliseconds(20));
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var targets = Targets(server, hosts: 1, perHost: 100);
        using var bound = new CancellationTokenSource(Bound);
        using var checker = Checker(globalConcurrency: 1);
        var run = new SharedLinkRun(dataSource, "stream", new SharedRunOptions { PollInterval = TimeSpan.FromMilliseconds(50) });

        SharedRunStatus? midway = null;
        var count = 0;
        await foreach (var _ in run.CheckAsync(checker, targets, null, bound.Token))
        {
            if (++count == 3)
            {
                await using var other = NpgsqlDataSource.Create(database.ConnectionString);
                midway = await SharedLinkRun.ReadAsync(other, "stream", bound.Token);
            }
        }

        Assert.IsNotNull(midway);
        Assert.IsGreaterThanOrEqualTo(3, midway.Results.Count, "each yielded result was committed");
        Assert.IsFalse(midway.IsComplete);
        Assert.IsNull(midway.FinishedAt);
        Assert.AreEqual(100, count);
    }

    [TestMethod]
    public async Task CheckAsync_JoiningAFinishedRun_ChecksNothingAgain()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var server = await CountingServer.StartAsync(TimeSpan.Zero);
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var targets = Targets(server, hosts: 2, perHost: 10);
        using var bound = new CancellationTokenSource(Bound);
        using var checker = Checker(globalConcurrency: 4);
        Assert.HasCount(20, await CollectAsync(new SharedLinkRun(dataSource, "once"), checker, targets, bound.Token));

        var again = await CollectAsync(new SharedLinkRun(dataSource, "once"), checker, targets, bound.Token);

        Assert.IsEmpty(again);
        Assert.IsTrue(server.Hits.Values.All(n => n == 1));
    }

    [TestMethod]
    public async Task CheckAsync_WorkerWithOtherLinks_Refused()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var server = await CountingServer.StartAsync(TimeSpan.Zero);
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        using var bound = new CancellationTokenSource(Bound);
        using var checker = Checker(globalConcurrency: 4);
        await CollectAsync(new SharedLinkRun(dataSource, "mine"), checker, Targets(server, 1, 3), bound.Token);

        var error = await Assert.ThrowsExactlyAsync<SharedRunException>(() => CollectAsync(new SharedLinkRun(dataSource, "mine"), checker, Targets(server, 1, 4), bound.Token));

        StringAssert.Contains(error.Message, "another set of links (3 URLs)");
        Assert.AreEqual(3, server.Hits.Count);
    }

    [TestMethod]
    public async Task ReadAsync_NoSuchRun_Null()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);

        Assert.IsNull(await SharedLinkRun.ReadAsync(dataSource, "nothing"));
    }

    [TestMethod]
    public void Constructor_BadNameOrOptions_Refused()
    {
        using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1");
        Assert.ThrowsExactly<ArgumentException>(() => new SharedLinkRun(dataSource, " "));
        var error = Assert.ThrowsExactly<LinkOptionsException>(() => new SharedLinkRun(dataSource, "x", new SharedRunOptions { LeaseDuration = TimeSpan.Zero, UrlsPerTake = 0 }));
        Assert.HasCount(2, error.Errors);
    }

    internal static List<LinkTarget> Targets(CountingServer server, int hosts, int perHost)
        => [.. Enumerable.Range(0, perHost).SelectMany(i => Enumerable.Range(0, hosts).Select(h => new LinkTarget(server.Url($"h{h}.localhost", $"/p{i}"))))];

    private static LinkChecker Checker(int globalConcurrency)
        => new LinkCheckerBuilder
        {
            Options = new LinkCheckerOptions
            {
                AllowPrivateAddresses = true,
                GlobalConcurrency = globalConcurrency,
                PerHostConcurrency = 2,
                PerHostMinimumInterval = TimeSpan.Zero,
                MaxRetries = 0,
            },
        }.WithHostResolver(HostResolver.LoopbackOnly).WithConnectivityProbe(ConnectivityProbe.Fixed(true)).Build();

    private static async Task<List<LinkCheckResult>> CollectAsync(SharedLinkRun run, LinkChecker checker, IEnumerable<LinkTarget> targets, CancellationToken cancellationToken)
    {
        var results = new List<LinkCheckResult>();
        await foreach (var result in run.CheckAsync(checker, targets, null, cancellationToken))
        {
            results.Add(result);
        }

        return results;
    }

    private static async Task<string> ReportJsonAsync(LinkReport report)
    {
        using var buffer = new MemoryStream();
        await JsonLinkReportWriter.Indented.WriteAsync(report, buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static async Task<long> ScalarAsync(PostgresTestDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
