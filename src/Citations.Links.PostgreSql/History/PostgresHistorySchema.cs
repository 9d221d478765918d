using System.Globalization;
using Citations.Diagnostics;
using Npgsql;

namespace Citations.Links.PostgreSql.History;

/// <summary>
/// The PostgreSQL history's tables, created and migrated by the library inside one PostgreSQL schema (default
/// <c>citations</c>), with a marker table that says what the schema holds and at which version.
/// </summary>
/// <remarks>
/// <para>Version 1 (this version): <c>citations_history_meta</c> (<c>component</c>, <c>version</c>: the row
/// <c>link-history</c> = 1; other components of the library may add rows of their own), <c>history_checks</c> (one
/// row per check, the history's row format: columns as in the SQLite file, times in Unix milliseconds) and
/// <c>history_urls</c> (one row per URL: the rot state, the last conclusive check and the last page fingerprint).</para>
/// <para>Safety: a schema that holds tables but no marker is another application's and is refused untouched; so is a
/// database with other tables where the schema does not exist yet (create the schema to share the database on
/// purpose; the schemas of other histories, which have the marker, do not count). A newer version than this library knows is refused, never downgraded.</para>
/// <para>Preparation runs in one transaction under an advisory lock, so processes opening a new database at the same
/// time create it once.</para>
/// </remarks>
internal static class PostgresHistorySchema
{
    /// <summary>The version this code writes.</summary>
    public const int Version = 1;

    /// <summary>The marker table's name.</summary>
    public const string MarkerTable = "citations_history_meta";

    /// <summary>The marker row of the link history.</summary>
    public const string Component = "link-history";

    /// <summary>The advisory lock held while a schema is prepared: the ASCII letters <c>CITL</c>, as in SQLite's application id.</summary>
    private const long PrepareLock = 0x4349544C;

    /// <summary>The migrations, by the version they make: index 0 makes version 1 from nothing.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE history_checks (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            url text NOT NULL,
            checked_at bigint NOT NULL,
            verdict text NOT NULL,
            status integer,
            final_url text,
            error_kind text,
            fingerprint text,
            format integer NOT NULL,
            detail text NOT NULL);
        CREATE INDEX history_checks_by_url ON history_checks (url, checked_at, id);
        CREATE TABLE history_urls (
            url text PRIMARY KEY,
            checks integer NOT NULL,
            first_checked bigint NOT NULL,
            last_checked bigint NOT NULL,
            last_verdict text NOT NULL,
            last_conclusive_check bigint,
            last_conclusive_at bigint,
            last_alive bigint,
            first_failing bigint,
            spaced_failures integer NOT NULL,
            last_spaced_failure bigint,
            fingerprint text,
            simhash bigint,
            text_length integer,
            fingerprint_at bigint);
        CREATE INDEX history_urls_failing ON history_urls (first_failing) WHERE first_failing IS NOT NULL;
        """,
    ];

    /// <summary>Creates the schema and tables, or migrates older ones, or checks that they are of this version.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="target">Where, for the schema's name and for messages.</param>
    /// <param name="createIfMissing">Whether a missing history is created; when not, it is an error.</param>
    /// <exception cref="CitationsException">Not a history, a newer version, or no history and not to be created.</exception>
    public static void Prepare(NpgsqlConnection connection, PostgresHistoryTarget target, bool createIfMissing)
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({PrepareLock})"));
        // The shared runs' tables (same package, same default schema, their own marker) are ours, not another
        // application's; without their marker, tables of those names are not taken for them.
        var tables = Tables(connection, transaction, "n.nspname = @schema", target.Schema);
        if (tables.Contains(SharedRuns.SharedRunSchema.MarkerTable))
        {
            tables.RemoveAll(SharedRuns.SharedRunSchema.TableNames.Contains);
        }
        int? stored = null;
        if (tables.Contains(MarkerTable))
        {
            using var read = new NpgsqlCommand($"SELECT version FROM \"{target.Schema}\".{MarkerTable} WHERE component = @component", connection, transaction);
            read.Parameters.AddWithValue("component", Component);
            stored = read.ExecuteScalar() is int version ? version : null;
        }
        else if (tables.Count > 0)
        {
            throw NotAHistory(target, $"its schema '{target.Schema}' holds tables ({List(tables)}) but no {MarkerTable} marker");
        }
        else if (!SchemaExists(connection, transaction, target.Schema)
                 && Tables(connection, transaction,
                     $"n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' AND NOT EXISTS (SELECT 1 FROM pg_class m WHERE m.relnamespace = n.oid AND m.relname IN ('{MarkerTable}', '{SharedRuns.SharedRunSchema.MarkerTable}'))",
                     null) is { Count: > 0 } others)
        {
            throw NotAHistory(target, $"the database holds other tables ({List(others)}) and no schema '{target.Schema}' "
                + $"(to keep the history in this database on purpose, create its schema first: CREATE SCHEMA {target.Schema})");
        }

        if (stored > Version)
        {
            throw new CitationsException(string.Create(CultureInfo.InvariantCulture,
                $"The link history {target.Display} has schema version {stored}; this library reads versions 1 to {Version}. Use a newer version of Citations.Links.PostgreSql (the history was left untouched)."));
        }

        if (stored is null && !createIfMissing)
        {
            throw new CitationsException($"There is no link history in {target.Display} (run 'citations check --db' on it to make one).");
        }

        if (stored == Version)
        {
            transaction.Commit();
            return;
        }

        Execute(connection, transaction, $"""
            CREATE SCHEMA IF NOT EXISTS "{target.Schema}";
            SET LOCAL search_path TO "{target.Schema}";
            CREATE TABLE IF NOT EXISTS {MarkerTable} (component text PRIMARY KEY, version integer NOT NULL, updated_at timestamptz NOT NULL DEFAULT now());
            """);
        for (var version = (stored ?? 0) + 1; version <= Version; version++)
        {
            Execute(connection, transaction, Migrations[version - 1]);
        }

        using (var write = new NpgsqlCommand($"""
            INSERT INTO {MarkerTable} (component, version) VALUES (@component, @version)
            ON CONFLICT (component) DO UPDATE SET version = excluded.version, updated_at = now()
            """, connection, transaction))
        {
            write.Parameters.AddWithValue("component", Component);
            write.Parameters.AddWithValue("version", Version);
            write.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static List<string> Tables(NpgsqlConnection connection, NpgsqlTransaction transaction, string condition, string? schema)
    {
        using var command = new NpgsqlCommand($"""
            SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND {condition}
            ORDER BY n.nspname, c.relname LIMIT 11
            """, connection, transaction);
        if (schema is not null)
        {
            command.Parameters.AddWithValue("schema", schema);
        }

        var tables = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            tables.Add(schema is null ? reader.GetString(0) + "." + reader.GetString(1) : reader.GetString(1));
        }

        return tables;
    }

    private static bool SchemaExists(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema)
    {
        using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = @schema)", connection, transaction);
        command.Parameters.AddWithValue("schema", schema);
        return command.ExecuteScalar() is true;
    }

    private static string List(List<string> tables) => string.Join(", ", tables.Take(10)) + (tables.Count > 10 ? ", …" : string.Empty);

    private static CitationsException NotAHistory(PostgresHistoryTarget target, string why)
        => new($"The PostgreSQL database '{target.Database}' on {target.Server} is not a link history: {why}. It was left untouched; "
               + "give another database or schema for the history (an empty one is set up).");

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
