using Citations.Diagnostics;
using Citations.Links.History;

namespace Citations.Links.PostgreSql.History;

/// <summary>
/// Opens a link history from one value, as a command line's <c>--db</c> gives it: a file path opens a SQLite file
/// (<see cref="LinkHistory.Open"/>); a <c>postgresql://</c> or <c>postgres://</c> URI, or an Npgsql connection string
/// (starting with a keyword such as <c>Host=</c>), opens a PostgreSQL database (<see cref="PostgresLinkHistory.Open(string, RotPolicy?, bool)"/>).
/// </summary>
public static class LinkHistoryDatabase
{
    /// <summary>
    /// Whether a value names a PostgreSQL database: it starts with <c>postgresql://</c> or <c>postgres://</c>, or
    /// with a connection-string keyword and '=' (<c>Host=</c>, <c>Server=</c>, <c>Database=</c>, <c>Username=</c>,
    /// <c>User Id=</c>, <c>Port=</c>, <c>Password=</c>, <c>Schema=</c>). Anything else is a file path; write
    /// <c>./Host=x</c> for a file so named.
    /// </summary>
    /// <param name="database">The value.</param>
    public static bool IsPostgreSql(string? database) => PostgresHistoryTarget.IsPostgreSql(database);

    /// <summary>
    /// Opens the history the value names, creating it if needed (unless <paramref name="createIfMissing"/> is false).
    /// </summary>
    /// <param name="database">A file path (relative to the current directory), a PostgreSQL URI or an Npgsql connection string; the SQLite default file (<see cref="LinkHistory.DefaultFileName"/>) when <see langword="null"/>.</param>
    /// <param name="policy">When failures make rot; <see cref="RotPolicy.Default"/> when <see langword="null"/>.</param>
    /// <param name="createIfMissing">Whether a missing history is created; when <see langword="false"/>, a missing file or an empty database is an error.</param>
    /// <exception cref="LinkOptionsException">The policy is invalid.</exception>
    /// <exception cref="CitationsException">The history cannot be opened, is missing (and not to be created), or is not a link history.</exception>
    public static LinkHistory Open(string? database, RotPolicy? policy = null, bool createIfMissing = true)
    {
        if (IsPostgreSql(database))
        {
            return PostgresLinkHistory.Open(database!, policy, createIfMissing);
        }

        var path = Path.GetFullPath(database ?? LinkHistory.DefaultFileName);
        if (!createIfMissing && !File.Exists(path))
        {
            throw new CitationsException($"{path}: no such link history.");
        }

        return LinkHistory.Open(path, policy);
    }
}
