using System.Runtime.CompilerServices;
using Citations.Links.History;
using Npgsql;

namespace Citations.Links.PostgreSql.History;

/// <summary>
/// The history in a PostgreSQL schema (see <see cref="PostgresHistorySchema"/>), through a pooled
/// <see cref="NpgsqlDataSource"/>: calls run in parallel on connections of their own; many processes may record at
/// once. A check and its URL's row are written in one transaction with the URL's row locked (<c>FOR UPDATE</c>), so
/// concurrent writers of one URL take turns and none loses the other's count.
/// </summary>
internal sealed class PostgresLinkHistoryStore : LinkHistoryStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly string _checks;
    private readonly string _urls;

    private PostgresLinkHistoryStore(NpgsqlDataSource dataSource, bool ownsDataSource, PostgresHistoryTarget target)
    {
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        Target = target;
        _checks = $"\"{target.Schema}\".history_checks";
        _urls = $"\"{target.Schema}\".history_urls";
    }

    /// <summary>Where the history is.</summary>
    public PostgresHistoryTarget Target { get; }

    /// <inheritdoc/>
    public override string Location => Target.Display;

    /// <inheritdoc/>
    public override string RepairAdvice
        => $"See the PostgreSQL server's log for database '{Target.Database}' on {Target.Server}; restore it from a backup or reindex it, "
           + $"or reset the history by dropping its schema (DROP SCHEMA {Target.Schema} CASCADE; its history is then lost).";

    /// <summary>Opens the history on a data source, preparing its schema.</summary>
    /// <param name="dataSource">The data source.</param>
    /// <param name="ownsDataSource">Whether the store disposes it.</param>
    /// <param name="target">Where, for the schema and messages.</param>
    /// <param name="createIfMissing">Whether a missing history is created.</param>
    /// <exception cref="Diagnostics.CitationsException">The server cannot be reached or the database is not a history.</exception>
    public static PostgresLinkHistoryStore Open(NpgsqlDataSource dataSource, bool ownsDataSource, PostgresHistoryTarget target, bool createIfMissing)
    {
        try
        {
            using (var connection = dataSource.OpenConnection())
            {
                PostgresHistorySchema.Prepare(connection, target, createIfMissing);
            }

            return new PostgresLinkHistoryStore(dataSource, ownsDataSource, target);
        }
        catch (NpgsqlException e)
        {
            if (ownsDataSource)
            {
                dataSource.Dispose();
            }

            var reason = e.InnerException is { } inner && e is not PostgresException ? $"{e.Message} ({inner.Message})" : e.Message;
            throw new Diagnostics.CitationsException(
                $"The link history on the PostgreSQL server {target.Server} (database '{target.Database}', schema '{target.Schema}') cannot be opened: {reason}", e);
        }
        catch
        {
            if (ownsDataSource)
            {
                dataSource.Dispose();
            }

            throw;
        }
    }

    /// <inheritdoc/>
    public override async Task<UrlRow> RecordAsync(CheckRow row, Func<UrlRow?, long, UrlRow> update, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long checkId;
        await using (var insert = new NpgsqlCommand($"""
            INSERT INTO {_checks} ({HistoryRows.CheckColumns}) VALUES (@url, @at, @verdict, @status, @final, @error, @fingerprint, @format, @detail) RETURNING id
            """, connection, transaction))
        {
            var p = insert.Parameters;
            p.AddWithValue("url", row.Url);
            p.AddWithValue("at", row.CheckedAt);
            p.AddWithValue("verdict", row.Verdict);
            p.AddWithValue("status", NpgsqlTypes.NpgsqlDbType.Integer, (object?)row.Status ?? DBNull.Value);
            p.AddWithValue("final", NpgsqlTypes.NpgsqlDbType.Text, (object?)row.FinalUrl ?? DBNull.Value);
            p.AddWithValue("error", NpgsqlTypes.NpgsqlDbType.Text, (object?)row.ErrorKind ?? DBNull.Value);
            p.AddWithValue("fingerprint", NpgsqlTypes.NpgsqlDbType.Text, (object?)row.Fingerprint ?? DBNull.Value);
            p.AddWithValue("format", row.DetailFormat);
            p.AddWithValue("detail", row.Detail);
            checkId = (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        // The URL's row is locked while it is worked out and written. A URL seen for the first time has no row to
        // lock: its insert waits for, then loses to, a concurrent first insert, and the loop reads that row locked.
        for (var attempt = 0; ; attempt++)
        {
            var stored = await ReadUrlRowAsync(connection, transaction, row.Url, forUpdate: true, cancellationToken).ConfigureAwait(false);
            var updated = update(stored, checkId);
            if (await WriteUrlRowAsync(connection, transaction, updated, insert: stored is null, cancellationToken).ConfigureAwait(false))
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return updated;
            }

            if (attempt == 2)
            {
                throw new InvalidOperationException($"The row of {row.Url} in {Location} changed under a row lock three times; nothing was recorded.");
            }
        }
    }

    /// <inheritdoc/>
    public override async Task<UrlRow?> ReadUrlAsync(string url, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadUrlRowAsync(connection, null, url, forUpdate: false, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override async Task<IReadOnlyList<CheckRow>> ReadChecksAsync(string url, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {HistoryRows.CheckColumns} FROM {_checks} WHERE url = @url ORDER BY checked_at, id");
        command.Parameters.AddWithValue("url", url);
        var rows = new List<CheckRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(HistoryRows.ReadCheck(reader));
        }

        return rows;
    }

    /// <inheritdoc/>
    public override async Task<CheckRow?> ReadCheckAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {HistoryRows.CheckColumns} FROM {_checks} WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? HistoryRows.ReadCheck(reader) : null;
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<(string Url, RecordedCheck Check)> ReadTimelineChecksAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // COLLATE "C": the same order as SQLite's and as the timelines' ordinal comparison, whatever the database's collation.
        await using var command = _dataSource.CreateCommand($"SELECT url, checked_at, verdict, status FROM {_checks} ORDER BY url COLLATE \"C\", checked_at, id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var verdict = LinkVerdictExtensions.TryParseReportName(reader.GetString(2), out var parsed) ? parsed : LinkVerdict.Inconclusive;
            yield return (reader.GetString(0),
                new RecordedCheck(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), verdict, reader.IsDBNull(3) ? null : reader.GetInt32(3)));
        }
    }

    /// <inheritdoc/>
    public override async Task<long> CountChecksAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT count(*) FROM {_checks}");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc/>
    public override async Task<IReadOnlyList<(string Url, RotState Rot)>> ReadFailingAsync(DateTimeOffset? failingSince, int minimumSpacedFailures,
        CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"""
            SELECT {HistoryRows.RotColumns}, url FROM {_urls}
            WHERE first_failing IS NOT NULL AND (@since::bigint IS NULL OR first_failing <= @since::bigint) AND spaced_failures >= @failures
            ORDER BY first_failing, url COLLATE "C"
            """);
        command.Parameters.AddWithValue("since", NpgsqlTypes.NpgsqlDbType.Bigint, (object?)failingSince?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("failures", minimumSpacedFailures);
        var rows = new List<(string, RotState)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add((reader.GetString(10), HistoryRows.ReadRot(reader)));
        }

        return rows;
    }

    /// <inheritdoc/>
    public override bool IsStoreFailure(Exception exception) => exception is NpgsqlException;

    /// <inheritdoc/>
    public override bool IsDamage(Exception exception)
        // Class XX: internal error, data_corrupted (XX001) and index_corrupted (XX002).
        => exception is PostgresException { SqlState: "XX001" or "XX002" };

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsDataSource)
        {
            _dataSource.Dispose();
        }
    }

    private async Task<UrlRow?> ReadUrlRowAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string url, bool forUpdate, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT {HistoryRows.RotColumns}, fingerprint, simhash, text_length, fingerprint_at
            FROM {_urls} WHERE url = @url{(forUpdate ? " FOR UPDATE" : string.Empty)}
            """, connection, transaction);
        command.Parameters.AddWithValue("url", url);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new UrlRow
        {
            Url = url,
            Rot = HistoryRows.ReadRot(reader),
            LastConclusiveCheck = Nullable(reader, 4),
            LastConclusiveAt = Nullable(reader, 5),
            Fingerprint = reader.IsDBNull(10) ? null : new PageFingerprint(reader.GetString(10), unchecked((ulong)(Nullable(reader, 11) ?? 0)), reader.IsDBNull(12) ? 0 : reader.GetInt32(12)),
            FingerprintAt = Nullable(reader, 13),
        };

        static long? Nullable(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetInt64(i);
    }

    /// <summary>Writes a URL's row: an insert that does nothing when another writer inserted it first (then false), or an update.</summary>
    private async Task<bool> WriteUrlRowAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, UrlRow r, bool insert, CancellationToken cancellationToken)
    {
        const string Columns = "checks = @checks, first_checked = @first, last_checked = @last, last_verdict = @verdict, last_conclusive_check = @cc, "
                               + "last_conclusive_at = @ca, last_alive = @alive, first_failing = @failing, spaced_failures = @spaced, "
                               + "last_spaced_failure = @lastSpaced, fingerprint = @fp, simhash = @sim, text_length = @len, fingerprint_at = @fpAt";
        await using var command = new NpgsqlCommand(insert
            ? $"""
              INSERT INTO {_urls} (url, checks, first_checked, last_checked, last_verdict, last_conclusive_check, last_conclusive_at,
                                   last_alive, first_failing, spaced_failures, last_spaced_failure, fingerprint, simhash, text_length, fingerprint_at)
              VALUES (@url, @checks, @first, @last, @verdict, @cc, @ca, @alive, @failing, @spaced, @lastSpaced, @fp, @sim, @len, @fpAt)
              ON CONFLICT (url) DO NOTHING
              """
            : $"UPDATE {_urls} SET {Columns} WHERE url = @url", connection, transaction);
        var p = command.Parameters;
        var rot = r.Rot;
        p.AddWithValue("url", r.Url);
        p.AddWithValue("checks", rot.Checks);
        p.AddWithValue("first", rot.FirstCheckedAt.ToUnixTimeMilliseconds());
        p.AddWithValue("last", rot.LastCheckedAt.ToUnixTimeMilliseconds());
        p.AddWithValue("verdict", rot.LastVerdict.ToReportName());
        p.AddWithValue("cc", NpgsqlTypes.NpgsqlDbType.Bigint, (object?)r.LastConclusiveCheck ?? DBNull.Value);
        p.AddWithValue("ca", NpgsqlTypes.NpgsqlDbType.Bigint, (object?)r.LastConclusiveAt ?? DBNull.Value);
        p.AddWithValue("alive", NpgsqlTypes.NpgsqlDbType.Bigint, (object?)rot.LastSeenAlive?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        p.AddWithValue("failing", NpgsqlTypes.NpgsqlDbType.Bigint, (object?)rot.FirstSeenFailing?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        p.AddWithValue("spaced", rot.SpacedFailures);
        p.AddWithValue("lastSpaced", NpgsqlTypes.NpgsqlDbType.Bigint, (object?)rot.LastSpacedFailure?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        p.AddWithValue("fp", NpgsqlTypes.NpgsqlDbType.Text, (object?)r.Fingerprint?.Sha256 ?? DBNull.Value);
        p.AddWithValue("sim", NpgsqlTypes.NpgsqlDbType.Bigint, r.Fingerprint is { } f ? unchecked((long)f.SimHash) : DBNull.Value);
        p.AddWithValue("len", NpgsqlTypes.NpgsqlDbType.Integer, (object?)r.Fingerprint?.TextLength ?? DBNull.Value);
        p.AddWithValue("fpAt", NpgsqlTypes.NpgsqlDbType.Bigint, (object?)r.FingerprintAt ?? DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }
}
