using System.Globalization;
using System.Text.Json;
using Citations.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Citations.Links.History;

/// <summary>
/// The history database's tables, the SQL for its check rows, and the migrations that bring a file written by an
/// earlier version up to date when it is opened.
/// </summary>
/// <remarks>
/// <para>Every history carries the SQLite application id <see cref="ApplicationId"/>; a file with another id, or
/// without one and with other tables, is refused untouched. Schema 2 (this version): <c>meta</c> (<c>schema</c> = 2), <c>checks</c> (one row per check, in the history's
/// own row format: see <see cref="CheckRow"/>) and <c>urls</c> (one row per URL: the rot state, the last conclusive
/// check and the last page fingerprint).</para>
/// <para>Schema 1 stored each check as the report's JSON in a <c>result</c> column. Opening such a file converts
/// every check to the row format in one transaction (all or nothing), keeping ids, times and the <c>urls</c> table.</para>
/// </remarks>
internal static class HistorySchema
{
    /// <summary>The schema this code writes.</summary>
    public const int Version = 2;

    /// <summary>
    /// The SQLite application id (<c>PRAGMA application_id</c>, the header field that tells applications' files apart)
    /// of a link history: the ASCII letters <c>CITL</c>.
    /// </summary>
    public const int ApplicationId = 0x4349544C;

    private const string CreateChecks = """
        CREATE TABLE checks (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL,
            checked_at INTEGER NOT NULL,
            verdict TEXT NOT NULL,
            status INTEGER,
            final_url TEXT,
            error_kind TEXT,
            fingerprint TEXT,
            format INTEGER NOT NULL,
            detail TEXT NOT NULL);
        CREATE INDEX checks_by_url ON checks (url, checked_at);
        """;

    private const string CreateUrls = """
        CREATE TABLE urls (
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
        """;

    /// <summary>Creates the tables of a new file, or migrates an older one, or checks that the file is of this schema.</summary>
    /// <param name="connection">The open connection.</param>
    /// <param name="path">The file, for messages.</param>
    /// <exception cref="CitationsException">The file has a newer or unknown schema, or an old check cannot be read.</exception>
    public static void Prepare(SqliteConnection connection, string path)
    {
        // Before anything is written (WAL included): a file of another application is refused as it is.
        Execute(connection, null, "PRAGMA busy_timeout = 10000;");
        EnsureHistoryOrEmpty(connection, path);
        Execute(connection, null, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");

        // A write transaction from the start: two processes opening an old file do not both migrate it.
        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);");
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT value FROM meta WHERE key = 'schema'";
            var stored = read.ExecuteScalar() as string;
            switch (stored)
            {
                case null:
                    Execute(connection, transaction, CreateChecks + CreateUrls);
                    break;
                case "1":
                    MigrateFromOne(connection, transaction, path);
                    break;
                case "2":
                    break;
                default:
                    throw new CitationsException(string.Create(CultureInfo.InvariantCulture,
                        $"The link history '{path}' has schema version {stored}; this library reads versions 1 to {Version}."));
            }
        }

        Execute(connection, transaction, string.Create(CultureInfo.InvariantCulture,
            $"INSERT INTO meta (key, value) VALUES ('schema', '{Version}') ON CONFLICT (key) DO UPDATE SET value = excluded.value; PRAGMA application_id = {ApplicationId};"));
        transaction.Commit();
    }

    /// <summary>
    /// Refuses a database that is not a link history: one with another application's id, or (without an id) with
    /// tables that are not a history's. An empty database (a new or zero-length file) is accepted, and so is a history
    /// written before the id was set (schema 1 or 2 with its <c>meta</c>, <c>checks</c> and <c>urls</c> tables), which
    /// gets the id when <see cref="Prepare"/> commits.
    /// </summary>
    /// <exception cref="CitationsException">The file is another application's database.</exception>
    private static void EnsureHistoryOrEmpty(SqliteConnection connection, string path)
    {
        long id;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA application_id;";
            id = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        var tables = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        if (id == ApplicationId || (id == 0 && tables.Count == 0))
        {
            return;
        }

        if (id != 0)
        {
            throw NotAHistory(path, string.Create(CultureInfo.InvariantCulture, $"it belongs to another application (SQLite application id 0x{id:x8}; a link history has 0x{ApplicationId:x8})"));
        }

        var schema = tables.Contains("meta") && tables.Contains("checks") && tables.Contains("urls") ? StoredSchema(connection) : null;
        if (schema is not ("1" or "2"))
        {
            throw NotAHistory(path, "its tables are not a link history's (" + string.Join(", ", tables.Take(10)) + (tables.Count > 10 ? ", …" : string.Empty) + ")");
        }
    }

    private static string? StoredSchema(SqliteConnection connection)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT value FROM meta WHERE key = 'schema'";
            return command.ExecuteScalar() as string;
        }
        catch (SqliteException)
        {
            // A "meta" table of another shape.
            return null;
        }
    }

    private static CitationsException NotAHistory(string path, string why)
        => new($"'{path}' is not a link history: {why}. It was left untouched; give another file for the history (a new file is created).");

    /// <summary>Inserts a check row and returns its id.</summary>
    public static long InsertCheck(SqliteConnection connection, SqliteTransaction transaction, CheckRow row, long? id = null)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO checks (id, {HistoryRows.CheckColumns}) VALUES ($id, $url, $at, $verdict, $status, $final, $error, $fingerprint, $format, $detail) RETURNING id;";
        var p = insert.Parameters;
        p.AddWithValue("$id", (object?)id ?? DBNull.Value);
        p.AddWithValue("$url", row.Url);
        p.AddWithValue("$at", row.CheckedAt);
        p.AddWithValue("$verdict", row.Verdict);
        p.AddWithValue("$status", (object?)row.Status ?? DBNull.Value);
        p.AddWithValue("$final", (object?)row.FinalUrl ?? DBNull.Value);
        p.AddWithValue("$error", (object?)row.ErrorKind ?? DBNull.Value);
        p.AddWithValue("$fingerprint", (object?)row.Fingerprint ?? DBNull.Value);
        p.AddWithValue("$format", row.DetailFormat);
        p.AddWithValue("$detail", row.Detail);
        return Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Schema 1 → 2: each check's report JSON becomes a row in the history's own format; everything else stays.</summary>
    private static void MigrateFromOne(SqliteConnection connection, SqliteTransaction transaction, string path)
    {
        Execute(connection, transaction, "DROP INDEX IF EXISTS checks_by_url; ALTER TABLE checks RENAME TO checks_schema1;" + CreateChecks);
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT id, url, checked_at, verdict, status, final_url, error_kind, fingerprint, result FROM checks_schema1 ORDER BY id";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                var url = reader.GetString(1);
                CheckRow converted;
                try
                {
                    converted = CheckRow.From(SchemaOneRows.Read(reader.GetString(8)));
                }
                catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException)
                {
                    throw new CitationsException(string.Create(CultureInfo.InvariantCulture,
                        $"The link history '{path}' cannot be brought up to schema {Version}: check {id} ({url}) is not readable: {e.Message} The file is unchanged."), e);
                }

                // The columns are kept as stored; only the report JSON is rewritten.
                var row = converted with
                {
                    Url = url,
                    CheckedAt = reader.GetInt64(2),
                    Verdict = reader.GetString(3),
                    Status = reader.IsDBNull(4) ? null : reader.GetInt32(4),
                    FinalUrl = reader.IsDBNull(5) ? null : reader.GetString(5),
                    ErrorKind = reader.IsDBNull(6) ? null : reader.GetString(6),
                    Fingerprint = reader.IsDBNull(7) ? null : reader.GetString(7),
                };
                InsertCheck(connection, transaction, row, id);
            }
        }

        Execute(connection, transaction, "DROP TABLE checks_schema1;");
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
