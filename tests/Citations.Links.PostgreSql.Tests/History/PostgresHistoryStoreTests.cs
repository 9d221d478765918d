using Citations.Links.PostgreSql.Tests.TestSupport;
using Npgsql;

namespace Citations.Links.PostgreSql.Tests.History;

/// <summary>The store tests against the PostgreSQL store: a fresh database per test on the test server.</summary>
[TestClass]
public sealed class PostgresHistoryStoreTests : HistoryStoreTests
{
    private readonly List<PostgresTestDatabase> _databases = [];

    [TestCleanup]
    public async Task DropDatabasesAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }

    protected override async Task<string> NewDatabaseAsync()
    {
        var database = await PostgresTestDatabase.CreateAsync("citations_store");
        _databases.Add(database);
        return database.ConnectionString;
    }

    protected override Task AddForeignTableAsync(string database)
        => ExecuteAsync(database, "CREATE TABLE public.customers (id serial PRIMARY KEY, name text); INSERT INTO public.customers (name) VALUES ('Ada');");

    protected override async Task<bool> ForeignTableIntactAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT name FROM public.customers", connection);
        var intact = await command.ExecuteScalarAsync() is "Ada";
        await using var schema = new NpgsqlCommand("SELECT count(*) FROM pg_namespace WHERE nspname = 'citations'", connection);
        return intact && (long)(await schema.ExecuteScalarAsync())! == 0;
    }

    protected override Task SetStoredVersionAsync(string database, int version)
        => ExecuteAsync(database, $"UPDATE citations.citations_history_meta SET version = {version} WHERE component = 'link-history'");

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
