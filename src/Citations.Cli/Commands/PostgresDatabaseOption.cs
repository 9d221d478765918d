using Citations.Diagnostics;
using Citations.Links.PostgreSql.History;

namespace Citations.Cli.Commands;

/// <summary>A <c>--db</c> value that must name a PostgreSQL database (shared runs and their reports).</summary>
internal static class PostgresDatabaseOption
{
    /// <summary>
    /// The Npgsql connection string of a <c>--db</c> value naming a PostgreSQL database (a <c>postgresql://</c> URI or
    /// an Npgsql keyword string), read by the one parser the history uses.
    /// </summary>
    /// <param name="db">The value.</param>
    /// <param name="need">What the command needs, said when the value is not a PostgreSQL database.</param>
    /// <exception cref="UsageException">It is not one, or not a usable one (the message never shows a password).</exception>
    public static string ConnectionString(string? db, string need)
    {
        if (db is null || !LinkHistoryDatabase.IsPostgreSql(db))
        {
            throw new UsageException(need);
        }

        try
        {
            return PostgresHistoryTarget.Parse(db).ConnectionString;
        }
        catch (CitationsException e)
        {
            throw new UsageException("--db: " + e.Message);
        }
    }
}
