using Microsoft.Data.Sqlite;

namespace Citations.Links.PostgreSql.Tests.History;

/// <summary>The store tests against the SQLite store: a history file in a temporary folder.</summary>
[TestClass]
public sealed class SqliteHistoryStoreTests : HistoryStoreTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "citations-store-" + Guid.NewGuid().ToString("N"));

    [TestCleanup]
    public void DeleteFolder()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    protected override Task<string> NewDatabaseAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.FromResult(Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db"));
    }

    protected override Task AddForeignTableAsync(string database)
        => ExecuteAsync(database, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('Ada');");

    protected override async Task<bool> ForeignTableIntactAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM customers";
        return await command.ExecuteScalarAsync() is "Ada";
    }

    protected override Task SetStoredVersionAsync(string database, int version)
        => ExecuteAsync(database, $"UPDATE meta SET value = '{version}' WHERE key = 'schema'");

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
