using Citations.Links.PostgreSql.Tests.TestSupport;
using Npgsql;

namespace Citations.Links.PostgreSql.Tests;

/// <summary>The test server itself: reachable, and each test gets a database of its own.</summary>
[TestClass]
public sealed class ServerTests
{
    [TestMethod]
    public async Task CreateAsync_FreshDatabase_EmptyAndDroppedAfter()
    {
        string name;
        await using (var database = await PostgresTestDatabase.CreateAsync())
        {
            name = database.Name;
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", connection);
            Assert.AreEqual(0L, (long)(await count.ExecuteScalarAsync())!);
        }

        await using var server = new NpgsqlConnection(PostgresTestDatabase.ServerConnectionString());
        await server.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", server);
        exists.Parameters.AddWithValue("name", name);
        Assert.AreEqual(0L, (long)(await exists.ExecuteScalarAsync())!);
    }
}
