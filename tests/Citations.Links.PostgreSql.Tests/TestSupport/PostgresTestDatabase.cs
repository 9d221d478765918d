using Npgsql;

namespace Citations.Links.PostgreSql.Tests.TestSupport;

/// <summary>
/// A fresh database on the test PostgreSQL server, dropped on dispose. The server is the one <c>test.sh</c> starts
/// (<c>build/postgres-test-server.sh</c>), named by <c>CITATIONS_TEST_POSTGRES</c> as an Npgsql connection string.
/// Without it the test fails under <c>CI=true</c> and is inconclusive elsewhere: never a silent skip in CI.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string EnvironmentVariable = "CITATIONS_TEST_POSTGRES";

    private readonly string _serverConnectionString;

    private PostgresTestDatabase(string serverConnectionString, string name, string connectionString)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The database's name (unique per call).</summary>
    public string Name { get; }

    /// <summary>An Npgsql connection string to this database.</summary>
    public string ConnectionString { get; }

    /// <summary>The server's connection string, or the test's end (fail in CI, inconclusive elsewhere).</summary>
    public static string ServerConnectionString()
    {
        var value = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value;
        }

        const string message = EnvironmentVariable + " is not set: run the tests through test.sh, which starts a "
            + "PostgreSQL server (build/postgres-test-server.sh start DIR prints the connection string).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Inconclusive(message);
        return "";
    }

    /// <summary>Creates an empty database with a unique name on the test server.</summary>
    public static async Task<PostgresTestDatabase> CreateAsync(string prefix = "citations_test")
    {
        var server = ServerConnectionString();
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new PostgresTestDatabase(server, name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
