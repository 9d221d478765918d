using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Citations.Diagnostics;
using Npgsql;

namespace Citations.Links.PostgreSql.History;

/// <summary>
/// Where a PostgreSQL history is: the Npgsql connection string, the PostgreSQL schema that holds its tables, and a name
/// for messages without the password. Made from a <c>postgresql://</c> URI or an Npgsql keyword string.
/// </summary>
/// <param name="ConnectionString">The Npgsql connection string (with the password, if any: never shown).</param>
/// <param name="Schema">The PostgreSQL schema of the history's tables.</param>
/// <param name="Display">The server, database and schema as <c>postgresql://user@host:port/database?schema=name</c>.</param>
/// <param name="Server">The server as <c>host:port</c>, for messages.</param>
/// <param name="Database">The database's name, for messages (the user name when none is given, as the server does).</param>
internal sealed partial record PostgresHistoryTarget(string ConnectionString, string Schema, string Display, string Server, string Database)
{
    /// <summary>The schema used when none is given.</summary>
    public const string DefaultSchema = "citations";

    /// <summary>The longest PostgreSQL identifier (NAMEDATALEN - 1).</summary>
    public const int MaxSchemaLength = 63;

    /// <summary>The longest connection value read (a URI or keyword string is a few hundred characters).</summary>
    public const int MaxLength = 4096;

    private const int DefaultPort = 5432;

    /// <summary>Whether a <c>--db</c> value names a PostgreSQL database rather than a file.</summary>
    /// <param name="value">A file path, a <c>postgresql://</c> or <c>postgres://</c> URI, or an Npgsql keyword string.</param>
    public static bool IsPostgreSql(string? value)
        => value is not null && (IsUri(value) || KeywordStart().IsMatch(value));

    /// <summary>Reads a URI or keyword string.</summary>
    /// <param name="value">The value.</param>
    /// <exception cref="CitationsException">It is not a usable PostgreSQL connection (the message never shows a password).</exception>
    public static PostgresHistoryTarget Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > MaxLength)
        {
            throw new CitationsException(string.Create(CultureInfo.InvariantCulture,
                $"The PostgreSQL connection for the link history is {value.Length} characters long; at most {MaxLength} are read."));
        }

        var (builder, schema) = IsUri(value) ? FromUri(value) : FromKeywords(value);
        return From(builder, schema ?? DefaultSchema);
    }

    /// <summary>The target of a connection string already read and a schema.</summary>
    /// <param name="builder">The connection string.</param>
    /// <param name="schema">The schema.</param>
    /// <exception cref="CitationsException">The schema name is not usable.</exception>
    public static PostgresHistoryTarget From(NpgsqlConnectionStringBuilder builder, string schema)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(schema);
        if (!SchemaName().IsMatch(schema))
        {
            throw new CitationsException(string.Create(CultureInfo.InvariantCulture,
                $"'{Shorten(schema)}' is not a schema name the link history uses: give 1 to {MaxSchemaLength} lower-case letters, digits or '_', starting with a letter or '_'."));
        }

        var port = builder.Port;
        var host = builder.Host ?? "localhost";
        var server = host.Contains(',', StringComparison.Ordinal) ? host : string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");
        var database = builder.Database ?? builder.Username ?? Environment.UserName;
        var user = builder.Username is { } u ? Uri.EscapeDataString(u) + "@" : string.Empty;
        var display = string.Create(CultureInfo.InvariantCulture, $"postgresql://{user}{server}/{Uri.EscapeDataString(database)}?schema={schema}");
        return new PostgresHistoryTarget(builder.ConnectionString, schema, display, server, database);
    }

    /// <summary>The display form: a record would print every member, the password of the connection string included.</summary>
    public override string ToString() => Display;

    private static bool IsUri(string value)
        => value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// <c>postgresql://[user[:password]@]host[:port][/database][?schema=…&amp;sslmode=…&amp;application_name=…&amp;connect_timeout=…]</c>,
    /// with percent-encoding in the user, password and database.
    /// </summary>
    private static (NpgsqlConnectionStringBuilder Builder, string? Schema) FromUri(string value)
    {
        // Never echo the value: it may hold a password.
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw new CitationsException("The postgresql:// URI given for the link history is not a valid URI (it is not shown: it may hold a password). "
                + "Write postgresql://user:password@host:port/database?schema=name, with special characters in the password percent-encoded; "
                + "for several hosts give an Npgsql connection string (Host=a,b;Database=…).");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.IdnHost, Port = uri.Port > 0 ? uri.Port : DefaultPort };
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        var path = uri.AbsolutePath.TrimStart('/');
        if (path.Length > 0)
        {
            builder.Database = Uri.UnescapeDataString(path);
        }

        string? schema = null;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var text = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            switch (key)
            {
                case "schema":
                    schema = text;
                    break;
                case "sslmode" when Enum.TryParse<SslMode>(text.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var mode):
                    builder.SslMode = mode;
                    break;
                case "application_name":
                    builder.ApplicationName = text;
                    break;
                case "connect_timeout" when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0 and <= 1024:
                    builder.Timeout = seconds;
                    break;
                case "sslmode" or "connect_timeout":
                    throw new CitationsException($"The postgresql:// URI given for the link history has an invalid {key} ('{Shorten(text)}').");
                default:
                    throw new CitationsException($"The postgresql:// URI given for the link history has the parameter '{Shorten(key)}', which is not read: "
                        + "the URI takes schema, sslmode, application_name and connect_timeout (give an Npgsql connection string for other settings).");
            }
        }

        return (builder, schema);
    }

    /// <summary>An Npgsql keyword string, with one more keyword: <c>Schema</c>.</summary>
    private static (NpgsqlConnectionStringBuilder Builder, string? Schema) FromKeywords(string value)
    {
        try
        {
            var generic = new DbConnectionStringBuilder { ConnectionString = value };
            string? schema = null;
            if (generic.TryGetValue("schema", out var given))
            {
                schema = Convert.ToString(given, CultureInfo.InvariantCulture);
                generic.Remove("schema");
            }

            return (new NpgsqlConnectionStringBuilder(generic.ConnectionString), schema);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            // Npgsql's and the framework's messages name the keyword, not the value.
            throw new CitationsException($"The PostgreSQL connection string given for the link history cannot be read: {e.Message}", e);
        }
    }

    private static string Shorten(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Take(64))
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }

        return builder.ToString();
    }

    /// <summary>An Npgsql keyword string starts with a keyword and '=' (a file is named by a path, which does not).</summary>
    [GeneratedRegex(@"^\s*(?:host|server|database|username|user id|userid|user|port|password|schema)\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeywordStart();

    [GeneratedRegex(@"^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaName();
}
