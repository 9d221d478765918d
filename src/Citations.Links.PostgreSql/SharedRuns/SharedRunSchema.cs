using Npgsql;

namespace Citations.Links.PostgreSql.SharedRuns;

/// <summary>
/// The shared-run tables, in the <c>citations</c> schema, with a version marker of their own
/// (<c>citations.shared_run_schema</c>) so that they change apart from the link history's tables.
/// </summary>
/// <remarks>
/// <para><c>shared_runs</c>: one row per run (its name, a digest of its URL set, the per-host limits it was started
/// with). <c>shared_run_hosts</c>: one row per host of a run, with the lease (<c>lease_owner</c> until
/// <c>lease_expires</c>, database clock) and <c>done</c> once every URL of the host has its result.
/// <c>shared_run_urls</c>: one row per URL of a run, its host, its input position, how often a worker took it, and the
/// result once recorded (the report's JSON form of the result, <c>result IS NULL</c> while open).</para>
/// <para>Created under a transaction-level advisory lock, so that workers starting together do not race.</para>
/// </remarks>
internal static class SharedRunSchema
{
    /// <summary>The version these tables are at.</summary>
    public const int Version = 1;

    /// <summary>The marker table: a schema holding it holds shared runs (the history's safety check knows them).</summary>
    public const string MarkerTable = "shared_run_schema";

    /// <summary>Every table of shared runs, the marker included.</summary>
    public static readonly IReadOnlySet<string> TableNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "shared_runs", "shared_run_hosts", "shared_run_urls", MarkerTable,
    };

    // Any fixed number: the lock only serialises the creation of these tables.
    private const long CreationLock = 0x43_69_74_52_75_6E_01;

    private const string Tables = """
        CREATE TABLE citations.shared_runs (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name text NOT NULL UNIQUE,
            url_set text NOT NULL,
            urls integer NOT NULL,
            per_host integer NOT NULL,
            host_interval_ms double precision NOT NULL,
            created_by text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            finished_at timestamptz);
        CREATE TABLE citations.shared_run_hosts (
            run_id bigint NOT NULL REFERENCES citations.shared_runs (id) ON DELETE CASCADE,
            host text NOT NULL,
            done boolean NOT NULL DEFAULT false,
            lease_owner text,
            lease_expires timestamptz,
            leases integer NOT NULL DEFAULT 0,
            PRIMARY KEY (run_id, host));
        CREATE TABLE citations.shared_run_urls (
            run_id bigint NOT NULL REFERENCES citations.shared_runs (id) ON DELETE CASCADE,
            url text NOT NULL,
            host text NOT NULL,
            position integer NOT NULL,
            taken integer NOT NULL DEFAULT 0,
            taken_by text,
            checked_by text,
            recorded_at timestamptz,
            verdict text,
            broken boolean,
            result jsonb,
            PRIMARY KEY (run_id, url));
        CREATE INDEX shared_run_urls_open ON citations.shared_run_urls (run_id, host, position) WHERE result IS NULL;
        CREATE INDEX shared_run_urls_position ON citations.shared_run_urls (run_id, position);
        """;

    /// <summary>Creates the tables when they are missing; refuses a newer version.</summary>
    /// <exception cref="SharedRunException">The database holds a newer version of the tables.</exception>
    public static async Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({CreationLock})", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "CREATE SCHEMA IF NOT EXISTS citations; CREATE TABLE IF NOT EXISTS citations.shared_run_schema (version integer NOT NULL)", cancellationToken).ConfigureAwait(false);
        await using (var read = new NpgsqlCommand("SELECT max(version) FROM citations.shared_run_schema", connection))
        {
            var found = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (found is int version)
            {
                if (version > Version)
                {
                    throw new SharedRunException($"The database's shared-run tables are at version {version}; this program reads version {Version}. Use a newer program.");
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        await ExecuteAsync(connection, Tables, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"INSERT INTO citations.shared_run_schema (version) VALUES ({Version})", cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the tables exist (for readers, which create nothing).</summary>
    public static async Task<bool> ExistsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass('citations.shared_run_schema') IS NOT NULL", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
