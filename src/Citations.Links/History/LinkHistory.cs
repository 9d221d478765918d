using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text;
using Citations.Links.Reports;
using Microsoft.Data.Sqlite;

namespace Citations.Links.History;

/// <summary>
/// The history of link checks in a SQLite file: every check of every URL with its verdict and evidence, and per URL
/// when it was first seen failing, last seen alive, its last page fingerprint and whether it has rotted.
/// </summary>
/// <remarks>
/// <para>Each result is committed as it is recorded (write-ahead log), so a run killed midway loses nothing already
/// checked and the next run, with <see cref="LinkCheckerOptions.MaxAge"/>, resumes where it stopped.</para>
/// <para>Thread-safe: calls are serialised on one connection. Several processes may share a file (SQLite locking,
/// with a busy timeout).</para>
/// </remarks>
public sealed class LinkHistory : IDisposable, IAsyncDisposable
{
    /// <summary>The file name used when no path is given: <c>citations-links.db</c> in the current directory.</summary>
    public const string DefaultFileName = "citations-links.db";

    private const int SchemaVersion = 1;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;

    private LinkHistory(SqliteConnection connection, string path, RotPolicy policy)
    {
        _connection = connection;
        Path = path;
        Policy = policy;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>When failures make rot.</summary>
    public RotPolicy Policy { get; }

    /// <summary>Opens (creating if needed) a history file.</summary>
    /// <param name="path">The file; <see cref="DefaultFileName"/> in the current directory when <see langword="null"/>.</param>
    /// <param name="policy">When failures make rot; <see cref="RotPolicy.Default"/> when <see langword="null"/>.</param>
    /// <exception cref="LinkOptionsException">The policy is invalid.</exception>
    /// <exception cref="Diagnostics.CitationsException">The file cannot be opened or is not a history database.</exception>
    public static LinkHistory Open(string? path = null, RotPolicy? policy = null)
    {
        policy ??= RotPolicy.Default;
        policy.Validate();
        path = System.IO.Path.GetFullPath(path ?? DefaultFileName);
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
            Execute(connection, """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
                PRAGMA busy_timeout = 10000;
                CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS checks (
                    id INTEGER PRIMARY KEY,
                    url TEXT NOT NULL,
                    checked_at INTEGER NOT NULL,
                    verdict TEXT NOT NULL,
                    status INTEGER,
                    final_url TEXT,
                    error_kind TEXT,
                    fingerprint TEXT,
                    result TEXT NOT NULL);
                CREATE INDEX IF NOT EXISTS checks_by_url ON checks (url, checked_at);
                CREATE TABLE IF NOT EXISTS urls (
                    url TEXT PRIMARY KEY,
                    checks INTEGER NOT NULL,
                    first_checked INTEGER NOT NULL,
                    last_checked INTEGER NOT NULL,
                    last_verdict TEXT NOT NULL,
                    last_conclusive_check INTEGER,
                    last_conclusive_at INTEGER,
                    last_alive INTEGER,
                    first_failing INTEGER,
                    spaced_failures INTEGER NOT NULL,
                    last_spaced_failure INTEGER,
                    fingerprint TEXT,
                    simhash INTEGER,
                    text_length INTEGER,
                    fingerprint_at INTEGER);
                """);
            using (var version = connection.CreateCommand())
            {
                version.CommandText = "INSERT INTO meta (key, value) VALUES ('schema', $v) ON CONFLICT (key) DO NOTHING; SELECT value FROM meta WHERE key = 'schema';";
                version.Parameters.AddWithValue("$v", SchemaVersion.ToString(CultureInfo.InvariantCulture));
                var stored = Convert.ToString(version.ExecuteScalar(), CultureInfo.InvariantCulture);
                if (stored != SchemaVersion.ToString(CultureInfo.InvariantCulture))
                {
                    throw new Diagnostics.CitationsException($"The link history '{path}' has schema version {stored}; this library reads version {SchemaVersion}.");
                }
            }

            return new LinkHistory(connection, path, policy);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new Diagnostics.CitationsException($"The link history '{path}' cannot be opened: {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Records a check, committing it at once, and returns the URL's updated summary.</summary>
    /// <param name="result">The result (its <see cref="LinkCheckResult.History"/> is ignored).</param>
    /// <param name="cancellationToken">Cancels waiting for the database.</param>
    public async Task<LinkHistorySummary> RecordAsync(LinkCheckResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var json = Serialize(result);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = _connection.BeginTransaction();
            var now = result.CheckedAt.ToUnixTimeMilliseconds();
            long checkId;
            using (var insert = _connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = """
                    INSERT INTO checks (url, checked_at, verdict, status, final_url, error_kind, fingerprint, result)
                    VALUES ($url, $at, $verdict, $status, $final, $error, $fingerprint, $result) RETURNING id;
                    """;
                insert.Parameters.AddWithValue("$url", result.Url);
                insert.Parameters.AddWithValue("$at", now);
                insert.Parameters.AddWithValue("$verdict", result.Verdict.ToReportName());
                insert.Parameters.AddWithValue("$status", (object?)result.Evidence.StatusCode ?? DBNull.Value);
                insert.Parameters.AddWithValue("$final", (object?)result.Evidence.FinalUrl ?? DBNull.Value);
                insert.Parameters.AddWithValue("$error", result.Evidence.Error is { } error ? ReportNames.Kebab(error.Kind) : DBNull.Value);
                insert.Parameters.AddWithValue("$fingerprint", (object?)result.Content?.Fingerprint.Sha256 ?? DBNull.Value);
                insert.Parameters.AddWithValue("$result", json);
                checkId = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
            }

            var row = ReadUrlRow(result.Url, transaction);
            var updated = Advance(row, result, checkId, now);
            WriteUrlRow(updated, transaction);
            transaction.Commit();
            return updated.ToSummary(Policy);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>What the history knows about a URL, or <see langword="null"/> when it was never checked.</summary>
    /// <param name="url">The normalised URL.</param>
    /// <param name="cancellationToken">Cancels waiting for the database.</param>
    public async Task<LinkHistorySummary?> GetSummaryAsync(string url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return ReadUrlRow(url, null)?.ToSummary(Policy);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every recorded check of a URL, oldest first (citations and history are not stored with them).</summary>
    /// <param name="url">The normalised URL.</param>
    /// <param name="cancellationToken">Cancels waiting for the database.</param>
    public async Task<IReadOnlyList<LinkCheckResult>> GetChecksAsync(string url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT result FROM checks WHERE url = $url ORDER BY checked_at, id";
            command.Parameters.AddWithValue("$url", url);
            var results = new List<LinkCheckResult>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                results.Add(Deserialize(reader.GetString(0), []));
            }

            return results;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>How many checks the history holds, over all URLs.</summary>
    /// <param name="cancellationToken">Cancels waiting for the database.</param>
    public async Task<long> CountChecksAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM checks";
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>What the checker needs before checking a URL: a recent conclusive result to reuse, and the last fingerprint.</summary>
    internal async Task<PriorState?> GetPriorAsync(string url, DateTimeOffset now, TimeSpan? maxAge, IReadOnlyList<LinkTarget> targets, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var row = ReadUrlRow(url, null);
            if (row is null)
            {
                return null;
            }

            LinkCheckResult? recent = null;
            if (maxAge is { } age && row.LastConclusiveCheck is { } id && row.LastConclusiveAt is { } at
                && now.ToUnixTimeMilliseconds() - at <= (long)age.TotalMilliseconds)
            {
                using var command = _connection.CreateCommand();
                command.CommandText = "SELECT result FROM checks WHERE id = $id";
                command.Parameters.AddWithValue("$id", id);
                if (command.ExecuteScalar() is string json)
                {
                    recent = Deserialize(json, targets) with { FromHistory = true, History = row.ToSummary(Policy) };
                }
            }

            PageFingerprint? fingerprint = row.Fingerprint is { } sha
                ? new PageFingerprint(sha, unchecked((ulong)(row.SimHash ?? 0)), (int)(row.TextLength ?? 0))
                : null;
            return new PriorState(recent, fingerprint, row.FingerprintAt is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : null);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
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

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Serialize(LinkCheckResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            LinkResultJson.Write(json, result, includeCitations: false, includeHistory: false);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static LinkCheckResult Deserialize(string json, IReadOnlyList<LinkTarget> targets)
    {
        using var document = JsonDocument.Parse(json);
        return LinkResultJson.Read(document.RootElement, targets);
    }

    private UrlRow Advance(UrlRow? row, LinkCheckResult result, long checkId, long now)
    {
        var r = row ?? new UrlRow { Url = result.Url, FirstChecked = now };
        r.Checks++;
        r.LastChecked = now;
        r.LastVerdict = result.Verdict;
        if (result.Verdict is not LinkVerdict.Inconclusive)
        {
            r.LastConclusiveCheck = checkId;
            r.LastConclusiveAt = now;
        }

        if (result.Verdict.IsAlive())
        {
            r.LastAlive = now;
            r.FirstFailing = null;
            r.SpacedFailures = 0;
            r.LastSpacedFailure = null;
        }
        else if (result.Verdict.CountsAsFailure())
        {
            r.FirstFailing ??= now;
            if (r.LastSpacedFailure is not { } last || now - last >= (long)Policy.MinimumSpacing.TotalMilliseconds)
            {
                r.SpacedFailures++;
                r.LastSpacedFailure = now;
            }
        }

        if (result.Content is { } content)
        {
            r.Fingerprint = content.Fingerprint.Sha256;
            r.SimHash = unchecked((long)content.Fingerprint.SimHash);
            r.TextLength = content.Fingerprint.TextLength;
            r.FingerprintAt = now;
        }

        return r;
    }

    private UrlRow? ReadUrlRow(string url, SqliteTransaction? transaction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT checks, first_checked, last_checked, last_verdict, last_conclusive_check, last_conclusive_at, last_alive,
                   first_failing, spaced_failures, last_spaced_failure, fingerprint, simhash, text_length, fingerprint_at
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
            Checks = reader.GetInt32(0),
            FirstChecked = reader.GetInt64(1),
            LastChecked = reader.GetInt64(2),
            LastVerdict = LinkVerdictExtensions.TryParseReportName(reader.GetString(3), out var v) ? v : LinkVerdict.Inconclusive,
            LastConclusiveCheck = Nullable(reader, 4),
            LastConclusiveAt = Nullable(reader, 5),
            LastAlive = Nullable(reader, 6),
            FirstFailing = Nullable(reader, 7),
            SpacedFailures = reader.GetInt32(8),
            LastSpacedFailure = Nullable(reader, 9),
            Fingerprint = reader.IsDBNull(10) ? null : reader.GetString(10),
            SimHash = Nullable(reader, 11),
            TextLength = Nullable(reader, 12),
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
        p.AddWithValue("$url", r.Url);
        p.AddWithValue("$checks", r.Checks);
        p.AddWithValue("$first", r.FirstChecked);
        p.AddWithValue("$last", r.LastChecked);
        p.AddWithValue("$verdict", r.LastVerdict.ToReportName());
        p.AddWithValue("$cc", (object?)r.LastConclusiveCheck ?? DBNull.Value);
        p.AddWithValue("$ca", (object?)r.LastConclusiveAt ?? DBNull.Value);
        p.AddWithValue("$alive", (object?)r.LastAlive ?? DBNull.Value);
        p.AddWithValue("$failing", (object?)r.FirstFailing ?? DBNull.Value);
        p.AddWithValue("$spaced", r.SpacedFailures);
        p.AddWithValue("$lastSpaced", (object?)r.LastSpacedFailure ?? DBNull.Value);
        p.AddWithValue("$fp", (object?)r.Fingerprint ?? DBNull.Value);
        p.AddWithValue("$sim", (object?)r.SimHash ?? DBNull.Value);
        p.AddWithValue("$len", (object?)r.TextLength ?? DBNull.Value);
        p.AddWithValue("$fpAt", (object?)r.FingerprintAt ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed class UrlRow
    {
        public required string Url { get; init; }

        public int Checks { get; set; }

        public long FirstChecked { get; set; }

        public long LastChecked { get; set; }

        public LinkVerdict LastVerdict { get; set; }

        public long? LastConclusiveCheck { get; set; }

        public long? LastConclusiveAt { get; set; }

        public long? LastAlive { get; set; }

        public long? FirstFailing { get; set; }

        public int SpacedFailures { get; set; }

        public long? LastSpacedFailure { get; set; }

        public string? Fingerprint { get; set; }

        public long? SimHash { get; set; }

        public long? TextLength { get; set; }

        public long? FingerprintAt { get; set; }

        public LinkHistorySummary ToSummary(RotPolicy policy) => new(
            Url,
            Checks,
            DateTimeOffset.FromUnixTimeMilliseconds(FirstChecked),
            DateTimeOffset.FromUnixTimeMilliseconds(LastChecked),
            LastVerdict,
            LastAlive is { } alive ? DateTimeOffset.FromUnixTimeMilliseconds(alive) : null,
            FirstFailing is { } failing ? DateTimeOffset.FromUnixTimeMilliseconds(failing) : null,
            SpacedFailures,
            SpacedFailures >= policy.Failures);
    }
}

/// <summary>What the history holds for a URL before it is checked.</summary>
/// <param name="Recent">A conclusive result young enough to reuse, or <see langword="null"/>.</param>
/// <param name="Fingerprint">The last page fingerprint, or <see langword="null"/>.</param>
/// <param name="FingerprintAt">When it was taken.</param>
internal sealed record PriorState(LinkCheckResult? Recent, PageFingerprint? Fingerprint, DateTimeOffset? FingerprintAt);
