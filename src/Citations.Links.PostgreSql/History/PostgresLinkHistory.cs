using Citations.Links.History;
using Npgsql;

namespace Citations.Links.PostgreSql.History;

/// <summary>
/// Opens a <see cref="LinkHistory"/> kept in a PostgreSQL database instead of a SQLite file: one history shared by
/// every machine and process that checks links, with the same rot policy, queries and incremental skipping.
/// </summary>
/// <remarks>
/// <para>The library creates its tables in a PostgreSQL schema of their own (default <c>citations</c>; set it with
/// <c>schema=</c>) and migrates them when a newer version of the library opens them; a marker table
/// (<c>citations_history_meta</c>) holds the version. A schema with other tables and no marker, or a database with other
/// tables where the schema does not exist yet, is refused untouched; so is a history of a newer version.</para>
/// <para>Writes are safe from many processes at once: each check is recorded in one transaction with its URL's row locked.</para>
/// </remarks>
public static class PostgresLinkHistory
{
    /// <summary>The PostgreSQL schema used when none is given: <c>citations</c>.</summary>
    public const string DefaultSchema = PostgresHistoryTarget.DefaultSchema;

    /// <summary>
    /// Opens (creating if needed) the history in a PostgreSQL database, from a URI
    /// (<c>postgresql://user:password@host:5432/database?schema=citations</c>, also <c>postgres://</c>; the URI takes
    /// <c>schema</c>, <c>sslmode</c>, <c>application_name</c> and <c>connect_timeout</c>) or an Npgsql connection string
    /// (<c>Host=…;Database=…;Username=…;Password=…</c>, with one more keyword, <c>Schema</c>).
    /// </summary>
    /// <param name="connection">The URI or connection string. Messages never show its password.</param>
    /// <param name="policy">When failures make rot; <see cref="RotPolicy.Default"/> when <see langword="null"/>.</param>
    /// <param name="createIfMissing">Whether a database or schema without a history gets one; when <see langword="false"/>, that is an error (for read-only uses).</param>
    /// <exception cref="LinkOptionsException">The policy is invalid.</exception>
    /// <exception cref="Diagnostics.CitationsException">
    /// The connection cannot be read, the server cannot be reached or refuses the login, or the database is not a link history.
    /// </exception>
    public static LinkHistory Open(string connection, RotPolicy? policy = null, bool createIfMissing = true)
    {
        ArgumentNullException.ThrowIfNull(connection);
        policy ??= RotPolicy.Default;
        policy.Validate();
        var target = PostgresHistoryTarget.Parse(connection);
        var dataSource = NpgsqlDataSource.Create(target.ConnectionString);
        return new LinkHistory(PostgresLinkHistoryStore.Open(dataSource, ownsDataSource: true, target, createIfMissing), policy);
    }

    /// <summary>
    /// Opens (creating if needed) the history on a data source the caller owns and configured (pooling, TLS,
    /// authentication): it is not disposed with the history.
    /// </summary>
    /// <param name="dataSource">The data source.</param>
    /// <param name="schema">The PostgreSQL schema of the history's tables: lower-case letters, digits and '_', at most 63.</param>
    /// <param name="policy">When failures make rot; <see cref="RotPolicy.Default"/> when <see langword="null"/>.</param>
    /// <param name="createIfMissing">Whether a database or schema without a history gets one.</param>
    /// <exception cref="LinkOptionsException">The policy is invalid.</exception>
    /// <exception cref="Diagnostics.CitationsException">The schema name is invalid, the server cannot be reached, or the database is not a link history.</exception>
    public static LinkHistory Open(NpgsqlDataSource dataSource, string schema = DefaultSchema, RotPolicy? policy = null, bool createIfMissing = true)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(schema);
        policy ??= RotPolicy.Default;
        policy.Validate();
        var target = PostgresHistoryTarget.From(new NpgsqlConnectionStringBuilder(dataSource.ConnectionString), schema);
        return new LinkHistory(PostgresLinkHistoryStore.Open(dataSource, ownsDataSource: false, target, createIfMissing), policy);
    }
}
