using System.Globalization;
using System.Runtime.CompilerServices;
using Citations.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Citations.Links.History;

/// <summary>
/// The history in a SQLite file (see <see cref="HistorySchema"/>): one connection, calls serialised on it; several
/// processes may share the file (SQLite locking, with a busy timeout).
/// </summary>
internal sealed class SqliteLinkHistoryStore : LinkHistoryStore
{
    /// <summary>SQLite's result codes for a damaged file: <c>SQLITE_CORRUPT</c> and <c>SQLITE_NOTADB</c>.</summary>
    private const int SqliteCorrupt = 11;

    private const int SqliteNotADatabase = 26;

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;

    private SqliteLinkHistoryStore(SqliteConnection connection, string path)
    {
        _connection = connection;
        Location = path;
    }

    /// <inheritdoc/>
    public override string Location { get; }

    /// <inheritdoc/>
    public override string RepairAdvice => string.Create(CultureInfo.InvariantCulture,
        $"Repair it with `sqlite3 \"{Location}\" \".recover\" | sqlite3 \"{Location}.recovered\"` and put the recovered file in its place, or reset it by deleting the file (its history is then lost).");

    /// <summary>Opens (creating if needed) a history file, migrating an older schema.</summary>
    /// <param name="path">The full path.</param>
    /// <exception cref="CitationsException">The file cannot be opened or is not a history database.</exception>
    public static SqliteLinkHistoryStore Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        try
        {
            connection.Open();
            HistorySchema.Prepare(connection, path);
            return new SqliteLinkHistoryStore(connection, path);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new CitationsException($"The link history '{path}' cannot be opened: {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public override async Task<UrlRow> RecordAsync(CheckRow row, Func<UrlRow?, long, UrlRow> update, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = _connection.BeginTransaction();
            var checkId = HistorySchema.InsertCheck(_connection, transaction, row);
            var updated = update(ReadUrlRow(row.Url, transaction), checkId);
            WriteUrlRow(updated, transaction);
            transaction.Commit();
            return updated;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public override Task<UrlRow?> ReadUrlAsync(string url, CancellationToken cancellationToken)
        => UnderGateAsync(() => ReadUrlRow(url, null), cancellationToken);

    /// <inheritdoc/>
    public override Task<IReadOnlyList<CheckRow>> ReadChecksAsync(string url, CancellationToken cancellationToken)
        => UnderGateAsync<IReadOnlyList<CheckRow>>(() =>
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT {HistoryRows.CheckColumns} FROM checks WHERE url = $url ORDER BY checked_at, id";
            command.Parameters.AddWithValue("$url", url);
            var rows = new List<CheckRow>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(HistoryRows.ReadCheck(reader));
            }

            return rows;
        }, cancellationToken);

    /// <inheritdoc/>
    public override Task<CheckRow?> ReadCheckAsync(long id, CancellationToken cancellationToken)
        => UnderGateAsync(() =>
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT {HistoryRows.CheckColumns} FROM checks WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            using var reader = command.ExecuteReader();
            return reader.Read() ? HistoryRows.ReadCheck(reader) : null;
        }, cancellationToken);

    /// <inheritdoc/>
    public override async IAsyncEnumerable<(string Url, RecordedCheck Check)> ReadTimelineChecksAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT url, checked_at, verdict, status FROM checks ORDER BY url, checked_at, id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var verdict = LinkVerdictExtensions.TryParseReportName(reader.GetString(2), out var parsed) ? parsed : LinkVerdict.Inconclusive;
                yield return (reader.GetString(0),
                    new RecordedCheck(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), verdict, reader.IsDBNull(3) ? null : reader.GetInt32(3)));
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public override Task<long> CountChecksAsync(CancellationToken cancellationToken)
        => UnderGateAsync(() =>
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM checks";
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }, cancellationToken);

    /// <inheritdoc/>
    public override Task<IReadOnlyList<(string Url, RotState Rot)>> ReadFailingAsync(DateTimeOffset? failingSince, int minimumSpacedFailures,
        CancellationToken cancellationToken)
        => UnderGateAsync<IReadOnlyList<(string Url, RotState Rot)>>(() =>
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"""
                SELECT {HistoryRows.RotColumns}, url FROM urls
                WHERE first_failing IS NOT NULL AND ($since IS NULL OR first_failing <= $since) AND spaced_failures >= $failures
                ORDER BY first_failing, url
                """;
            command.Parameters.AddWithValue("$since", (object?)failingSince?.ToUnixTimeMilliseconds() ?? DBNull.Value);
            command.Parameters.AddWithValue("$failures", minimumSpacedFailures);
            var rows = new List<(string, RotState)>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetString(10), HistoryRows.ReadRot(reader)));
            }

            return rows;
        }, cancellationToken);

    /// <inheritdoc/>
    public override bool IsStoreFailure(Exception exception) => exception is SqliteException;

    /// <inheritdoc/>
    public override bool IsDamage(Exception exception) => exception is SqliteException { SqliteErrorCode: SqliteCorrupt or SqliteNotADatabase };

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        _gate.Wait();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _connection.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<T> UnderGateAsync<T>(Func<T> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return read();
        }
        finally
        {
            _gate.Release();
        }
    }

    private UrlRow? ReadUrlRow(string url, SqliteTransaction? transaction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            SELECT {HistoryRows.RotColumns}, fingerprint, simhash, text_length, fingerprint_at
            FROM urls WHERE url = $url
            """;
        command.Parameters.AddWithValue("$url", url);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new UrlRow
        {
            Url = url,
            Rot = HistoryRows.ReadRot(reader),
            LastConclusiveCheck = Nullable(reader, 4),
            LastConclusiveAt = Nullable(reader, 5),
            Fingerprint = reader.IsDBNull(10) ? null : new PageFingerprint(reader.GetString(10), unchecked((ulong)(Nullable(reader, 11) ?? 0)), (int)(Nullable(reader, 12) ?? 0)),
            FingerprintAt = Nullable(reader, 13),
        };

        static long? Nullable(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetInt64(i);
    }

    private void WriteUrlRow(UrlRow r, SqliteTransaction transaction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO urls (url, checks, first_checked, last_checked, last_verdict, last_conclusive_check, last_conclusive_at,
                              last_alive, first_failing, spaced_failures, last_spaced_failure, fingerprint, simhash, text_length, fingerprint_at)
            VALUES ($url, $checks, $first, $last, $verdict, $cc, $ca, $alive, $failing, $spaced, $lastSpaced, $fp, $sim, $len, $fpAt)
            ON CONFLICT (url) DO UPDATE SET
                checks = excluded.checks, last_checked = excluded.last_checked, last_verdict = excluded.last_verdict,
                last_conclusive_check = excluded.last_conclusive_check, last_conclusive_at = excluded.last_conclusive_at,
                last_alive = excluded.last_alive, first_failing = excluded.first_failing, spaced_failures = excluded.spaced_failures,
                last_spaced_failure = excluded.last_spaced_failure, fingerprint = excluded.fingerprint, simhash = excluded.simhash,
                text_length = excluded.text_length, fingerprint_at = excluded.fingerprint_at
            """;
        var p = command.Parameters;
        var rot = r.Rot;
        p.AddWithValue("$url", r.Url);
        p.AddWithValue("$checks", rot.Checks);
        p.AddWithValue("$first", rot.FirstCheckedAt.ToUnixTimeMilliseconds());
        p.AddWithValue("$last", rot.LastCheckedAt.ToUnixTimeMilliseconds());
        p.AddWithValue("$verdict", rot.LastVerdict.ToReportName());
        p.AddWithValue("$cc", (object?)r.LastConclusiveCheck ?? DBNull.Value);
        p.AddWithValue("$ca", (object?)r.LastConclusiveAt ?? DBNull.Value);
        p.AddWithValue("$alive", (object?)rot.LastSeenAlive?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        p.AddWithValue("$failing", (object?)rot.FirstSeenFailing?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        p.AddWithValue("$spaced", rot.SpacedFailures);
        p.AddWithValue("$lastSpaced", (object?)rot.LastSpacedFailure?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        p.AddWithValue("$fp", (object?)r.Fingerprint?.Sha256 ?? DBNull.Value);
        p.AddWithValue("$sim", r.Fingerprint is { } f ? unchecked((long)f.SimHash) : DBNull.Value);
        p.AddWithValue("$len", (object?)r.Fingerprint?.TextLength ?? DBNull.Value);
        p.AddWithValue("$fpAt", (object?)r.FingerprintAt ?? DBNull.Value);
        command.ExecuteNonQuery();
    }
}
