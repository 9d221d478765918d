using Npgsql;

namespace Citations.Links.PostgreSql.SharedRuns;

/// <summary>
/// Reads a <c>postgresql://user:password@host:port/database?option=value</c> URI (libpq's form; <c>postgres://</c>
/// too) into an Npgsql connection string. The options are Npgsql's keywords (<c>sslmode</c>, <c>timeout</c>, …).
/// </summary>
internal static class PostgresUri
{
    /// <summary>Whether the text is meant as a PostgreSQL URI (its scheme), valid or not.</summary>
    public static bool IsPostgresUri(string text)
        => text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The connection string, or <see langword="null"/> and what is wrong (the password is never repeated).</summary>
    public static string? TryParse(string text, out string problem)
    {
        problem = string.Empty;
        if (!IsPostgresUri(text) || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            problem = "not a PostgreSQL URI (postgresql://user@host:port/database).";
            return null;
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host.Trim('[', ']') };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            try
            {
                builder[key] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                problem = $"the option '{key}' is not one Npgsql knows, or its value is invalid.";
                return null;
            }
        }

        return builder.ConnectionString;
    }
}
