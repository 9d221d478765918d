using System.Security.Cryptography;
using System.Text;
using Citations.Links.Reports;
using Npgsql;
using NpgsqlTypes;

namespace Citations.Links.PostgreSql.SharedRuns;

/// <summary>One URL of a run as enqueued: its key (the checker's normalised URL), its host key, its input position.</summary>
/// <param name="Url">The normalised URL (for a URL that is not valid, the result's URL).</param>
/// <param name="Host">The host key (empty for a URL that is not valid).</param>
/// <param name="Result">The result already known at enqueue time (a URL that is not valid), or <see langword="null"/>.</param>
internal sealed record RunUrl(string Url, string Host, LinkCheckResult? Result);

/// <summary>
/// The statements of one worker in one run. Every lease check and every expiry uses the database's clock
/// (<c>now()</c>); the worker's clock only measures how long ago its last renewal was confirmed.
/// </summary>
/// <remarks>Thread-safe: each call takes its own pooled connection.</remarks>
internal sealed class SharedRunStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeSpan _lease;

    private SharedRunStore(NpgsqlDataSource dataSource, long runId, string worker, TimeSpan lease, int urls, int doneAtJoin)
    {
        _dataSource = dataSource;
        RunId = runId;
        Worker = worker;
        _lease = lease;
        Urls = urls;
        DoneAtJoin = doneAtJoin;
    }

    public long RunId { get; }

    public string Worker { get; }

    /// <summary>How many URLs the run has.</summary>
    public int Urls { get; }

    /// <summary>How many had their result when this worker joined.</summary>
    public int DoneAtJoin { get; }

    /// <summary>
    /// Creates the run and enqueues its URLs in one transaction (so other workers see all of it or none), or joins the
    /// run of that name after checking that its URL set and per-host limits are this worker's.
    /// </summary>
    public static async Task<SharedRunStore> JoinAsync(NpgsqlDataSource dataSource, string name, IReadOnlyList<RunUrl> urls, int perHost, TimeSpan hostInterval,
        string worker, TimeSpan lease, CancellationToken cancellationToken)
    {
        var digest = Digest(urls);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long? created;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO citations.shared_runs (name, url_set, urls, per_host, host_interval_ms, created_by)
            VALUES (@name, @digest, @urls, @perHost, @interval, @worker)
            ON CONFLICT (name) DO NOTHING RETURNING id
            """, connection))
        {
            insert.Parameters.AddWithValue("name", name);
            insert.Parameters.AddWithValue("digest", digest);
            insert.Parameters.AddWithValue("urls", urls.Count);
            insert.Parameters.AddWithValue("perHost", perHost);
            insert.Parameters.AddWithValue("interval", hostInterval.TotalMilliseconds);
            insert.Parameters.AddWithValue("worker", worker);
            created = (long?)await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }

        if (created is { } id)
        {
            await EnqueueAsync(connection, id, urls, worker, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new SharedRunStore(dataSource, id, worker, lease, urls.Count, urls.Count(u => u.Result is not null));
        }

        await using var read = new NpgsqlCommand("""
            SELECT id, url_set, urls, per_host, host_interval_ms,
                   (SELECT count(*) FROM citations.shared_run_urls u WHERE u.run_id = r.id AND u.result IS NOT NULL)
            FROM citations.shared_runs r WHERE name = @name
            """, connection);
        read.Parameters.AddWithValue("name", name);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new SharedRunException($"The run '{name}' could be neither created nor found; try again.");
        }

        var (runId, runDigest, runUrls, runPerHost, runInterval, done) =
            (reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetDouble(4), reader.GetInt64(5));
        if (runDigest != digest)
        {
            throw new SharedRunException($"The run '{name}' checks another set of links ({runUrls} URLs) than this worker was given ({urls.Count} URLs): "
                + "give every worker of a run the same inputs and options, or name a new run.");
        }

        if (runPerHost != perHost || Math.Abs(runInterval - hostInterval.TotalMilliseconds) > 0.5)
        {
            throw new SharedRunException($"The run '{name}' was started with {runPerHost} request(s) at once per host and {runInterval} ms between them; "
                + $"this worker has {perHost} and {hostInterval.TotalMilliseconds} ms. Give every worker the same --per-host and --host-interval.");
        }

        return new SharedRunStore(dataSource, runId, worker, lease, runUrls, (int)done);
    }

    private static async Task EnqueueAsync(NpgsqlConnection connection, long runId, IReadOnlyList<RunUrl> urls, string worker, CancellationToken cancellationToken)
    {
        var importer = await connection.BeginBinaryImportAsync(
            "COPY citations.shared_run_urls (run_id, url, host, position, result, verdict, broken, checked_by, recorded_at, taken) FROM STDIN (FORMAT BINARY)",
            cancellationToken).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            for (var i = 0; i < urls.Count; i++)
            {
                var url = urls[i];
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(runId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(url.Url, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(url.Host, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(i, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                if (url.Result is { } result)
                {
                    await importer.WriteAsync(LinkResultJson.ToJson(result), NpgsqlDbType.Jsonb, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(result.Verdict.ToReportName(), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(result.IsBroken, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(worker, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(DateTime.UtcNow, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    for (var column = 0; column < 5; column++)
                    {
                        await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                    }

                    await importer.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                }
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var hosts = new NpgsqlCommand("""
            INSERT INTO citations.shared_run_hosts (run_id, host, done)
            SELECT run_id, host, bool_and(result IS NOT NULL) FROM citations.shared_run_urls WHERE run_id = @run GROUP BY run_id, host
            """, connection);
        hosts.Parameters.AddWithValue("run", runId);
        await hosts.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Leases up to <paramref name="count"/> hosts that have open URLs and whose lease is free or expired.</summary>
    public async Task<IReadOnlyList<string>> ClaimHostsAsync(int count, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            UPDATE citations.shared_run_hosts h
            SET lease_owner = @worker, lease_expires = now() + @lease, leases = h.leases + 1
            FROM (SELECT host FROM citations.shared_run_hosts
                  WHERE run_id = @run AND NOT done AND (lease_owner IS NULL OR lease_expires < now())
                  ORDER BY leases, host LIMIT @count FOR UPDATE SKIP LOCKED) c
            WHERE h.run_id = @run AND h.host = c.host
            RETURNING h.host
            """);
        command.Parameters.AddWithValue("worker", Worker);
        command.Parameters.AddWithValue("lease", _lease);
        command.Parameters.AddWithValue("run", RunId);
        command.Parameters.AddWithValue("count", count);
        return await ReadStringsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes up to <paramref name="count"/> open URLs of a host this worker still holds (none once the lease is gone).</summary>
    public async Task<IReadOnlyList<string>> TakeUrlsAsync(string host, int count, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            UPDATE citations.shared_run_urls u SET taken = u.taken + 1, taken_by = @worker
            FROM (SELECT url FROM citations.shared_run_urls
                  WHERE run_id = @run AND host = @host AND result IS NULL
                    AND EXISTS (SELECT 1 FROM citations.shared_run_hosts
                                WHERE run_id = @run AND host = @host AND lease_owner = @worker AND lease_expires > now())
                  ORDER BY position LIMIT @count) c
            WHERE u.run_id = @run AND u.url = c.url
            RETURNING u.url
            """);
        command.Parameters.AddWithValue("worker", Worker);
        command.Parameters.AddWithValue("run", RunId);
        command.Parameters.AddWithValue("host", host);
        command.Parameters.AddWithValue("count", count);
        return await ReadStringsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records a URL's result unless it has one already: whether this one was recorded.</summary>
    public async Task<bool> RecordAsync(string url, LinkCheckResult result, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            UPDATE citations.shared_run_urls
            SET result = @result, verdict = @verdict, broken = @broken, checked_by = @worker, recorded_at = now()
            WHERE run_id = @run AND url = @url AND result IS NULL
            """);
        command.Parameters.AddWithValue("result", NpgsqlDbType.Jsonb, LinkResultJson.ToJson(result));
        command.Parameters.AddWithValue("verdict", result.Verdict.ToReportName());
        command.Parameters.AddWithValue("broken", result.IsBroken);
        command.Parameters.AddWithValue("worker", Worker);
        command.Parameters.AddWithValue("run", RunId);
        command.Parameters.AddWithValue("url", url);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Renews every lease this worker holds that has not expired: the hosts it still holds.</summary>
    public async Task<IReadOnlyList<string>> RenewAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            UPDATE citations.shared_run_hosts SET lease_expires = now() + @lease
            WHERE run_id = @run AND lease_owner = @worker AND lease_expires > now()
            RETURNING host
            """);
        command.Parameters.AddWithValue("lease", _lease);
        command.Parameters.AddWithValue("run", RunId);
        command.Parameters.AddWithValue("worker", Worker);
        return await ReadStringsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives a host back, marking it done when every URL of it has its result.</summary>
    public async Task ReleaseAsync(string host, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            UPDATE citations.shared_run_hosts SET lease_owner = NULL, lease_expires = NULL,
                done = NOT EXISTS (SELECT 1 FROM citations.shared_run_urls WHERE run_id = @run AND host = @host AND result IS NULL)
            WHERE run_id = @run AND host = @host AND lease_owner = @worker
            """);
        command.Parameters.AddWithValue("run", RunId);
        command.Parameters.AddWithValue("host", host);
        command.Parameters.AddWithValue("worker", Worker);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How many URLs of the run have no result; marks the run finished when none is left.</summary>
    public async Task<long> RemainingAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            WITH open AS (SELECT count(*) AS n FROM citations.shared_run_urls WHERE run_id = @run AND result IS NULL),
                 finish AS (UPDATE citations.shared_runs SET finished_at = now()
                            WHERE id = @run AND finished_at IS NULL AND (SELECT n FROM open) = 0 RETURNING id)
            SELECT n FROM open
            """);
        command.Parameters.AddWithValue("run", RunId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>A run with every result recorded so far, or <see langword="null"/> when there is no run of that name.</summary>
    public static async Task<SharedRunStatus?> ReadAsync(NpgsqlDataSource dataSource, string name, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (!await SharedRunSchema.ExistsAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        long runId;
        DateTimeOffset createdAt;
        DateTimeOffset? finishedAt;
        int urls;
        await using (var run = new NpgsqlCommand("SELECT id, created_at, finished_at, urls FROM citations.shared_runs WHERE name = @name", connection))
        {
            run.Parameters.AddWithValue("name", name);
            await using var reader = await run.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            runId = reader.GetInt64(0);
            createdAt = reader.GetFieldValue<DateTimeOffset>(1);
            finishedAt = reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2);
            urls = reader.GetInt32(3);
        }

        var results = new List<LinkCheckResult>();
        var workers = new HashSet<string>(StringComparer.Ordinal);
        await using (var rows = new NpgsqlCommand(
            "SELECT url, result::text, checked_by FROM citations.shared_run_urls WHERE run_id = @run AND result IS NOT NULL ORDER BY position", connection))
        {
            rows.Parameters.AddWithValue("run", runId);
            await using var reader = await rows.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    results.Add(LinkResultJson.Read(reader.GetString(1)));
                }
                catch (System.Text.Json.JsonException e)
                {
                    throw new SharedRunException($"The run '{name}' holds a result for {reader.GetString(0)} that this program cannot read: {e.Message}", e);
                }

                if (!reader.IsDBNull(2))
                {
                    workers.Add(reader.GetString(2));
                }
            }
        }

        return new SharedRunStatus(name, createdAt, finishedAt, urls, results, workers.Count);
    }

    /// <summary>The SHA-256 of the run's URL keys, sorted: two workers with the same inputs and options get the same digest.</summary>
    private static string Digest(IReadOnlyList<RunUrl> urls)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var url in urls.Select(u => u.Url).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(url));
            hash.AppendData([0]);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static async Task<IReadOnlyList<string>> ReadStringsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
