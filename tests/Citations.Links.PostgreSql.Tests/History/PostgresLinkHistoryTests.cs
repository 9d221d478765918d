using Citations.Diagnostics;
using Citations.Links.History;
using Citations.Links.PostgreSql.History;
using Citations.Links.PostgreSql.Tests.TestSupport;
using Npgsql;

namespace Citations.Links.PostgreSql.Tests.History;

/// <summary>
/// What only the PostgreSQL history has: URIs and connection strings, its own schema, the marker, the server's
/// errors, and passwords kept out of every message.
/// </summary>
[TestClass]
public sealed class PostgresLinkHistoryTests
{
    private static LinkCheckResult Alive(string url) => new()
    {
        Url = url, Targets = [], Verdict = LinkVerdict.Alive, Evidence = new LinkEvidence { StatusCode = 200 }, CheckedAt = DateTimeOffset.UnixEpoch,
    };

    private static string Uri(NpgsqlConnectionStringBuilder server, string database, string query)
        => $"postgresql://{server.Username}{(server.Password is { } p ? ":" + System.Uri.EscapeDataString(p) : "")}@{server.Host}:{server.Port}/{database}{query}";

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [TestMethod]
    [DataRow("postgresql://u:p@db.example:5432/links", true)]
    [DataRow("POSTGRES://db.example/links", true)]
    [DataRow("Host=db.example;Database=links", true)]
    [DataRow("  server = db.example ; database=links", true)]
    [DataRow("Username=u;Host=h", true)]
    [DataRow("links.db", false)]
    [DataRow("/var/lib/citations/links.db", false)]
    [DataRow("C:\\data\\links.db", false)]
    [DataRow("./Host=x.db", false)]
    [DataRow("postgresql.db", false)]
    public void IsPostgreSql_Value_FileOrDatabase(string value, bool expected)
        => Assert.AreEqual(expected, LinkHistoryDatabase.IsPostgreSql(value));

    [TestMethod]
    public async Task Open_UriWithSchema_TablesInThatSchemaAndPathWithoutPassword()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Password = "s3cret/pw" };
        var uri = Uri(server, database.Name, "?schema=linkrot&application_name=store-test");

        // The test server trusts local connections: the password is sent and ignored, which is all this test needs.
        using (var history = PostgresLinkHistory.Open(uri))
        {
            await history.RecordAsync(Alive("http://a.test/"));
            Assert.AreEqual($"postgresql://{server.Username}@{server.Host}:{server.Port}/{database.Name}?schema=linkrot", history.Path);
            Assert.IsFalse(history.Path.Contains("s3cret", StringComparison.Ordinal));
        }

        Assert.AreEqual(1L, await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM linkrot.history_checks"));
        Assert.AreEqual(1L, await ScalarAsync(database.ConnectionString, "SELECT version FROM linkrot.citations_history_meta WHERE component = 'link-history'"));
        Assert.AreEqual(0L, await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM pg_namespace WHERE nspname = 'citations'"));
    }

    [TestMethod]
    public async Task Open_SchemaHoldingSharedRuns_HistoryMadeBesideThemAndInAnotherSchema()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using (var dataSource = NpgsqlDataSource.Create(database.ConnectionString))
        {
            await Citations.Links.PostgreSql.SharedRuns.SharedRunSchema.EnsureAsync(dataSource, CancellationToken.None);
        }

        // Shared runs came first in the default schema: the history joins them there, and may have a schema of its own.
        using (var history = PostgresLinkHistory.Open(database.ConnectionString))
        {
            await history.RecordAsync(Alive("http://a.test/"));
        }

        using (var other = PostgresLinkHistory.Open(database.ConnectionString + ";Schema=links"))
        {
            await other.RecordAsync(Alive("http://b.test/"));
        }

        Assert.AreEqual(1L, await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM citations.history_checks"));
        Assert.AreEqual(1L, await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM links.history_checks"));
        Assert.AreEqual(1L, await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM citations.shared_run_schema"));
    }

    [TestMethod]
    public async Task Open_KeywordStringWithSchemaKeyword_UsesThatSchema()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();

        using (var history = LinkHistoryDatabase.Open(database.ConnectionString + ";Schema=other_history"))
        {
            await history.RecordAsync(Alive("http://a.test/"));
        }

        Assert.AreEqual(1L, await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM other_history.history_urls"));
    }

    [TestMethod]
    public async Task Open_SchemaWithTablesButNoMarker_Refused()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await ScalarAsync(database.ConnectionString, "CREATE SCHEMA citations; CREATE TABLE citations.orders (id int); SELECT 1");

        var e = Assert.ThrowsExactly<CitationsException>(() => LinkHistoryDatabase.Open(database.ConnectionString).Dispose());

        StringAssert.Contains(e.Message, $"database '{database.Name}'");
        StringAssert.Contains(e.Message, "holds tables (orders) but no citations_history_meta marker");
        Assert.AreEqual(1L, await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM pg_tables WHERE schemaname = 'citations'"), "nothing was created");
    }

    [TestMethod]
    public async Task Open_DatabaseWithOtherTablesAndAnEmptySchemaMadeForTheHistory_Accepted()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await ScalarAsync(database.ConnectionString, "CREATE TABLE public.customers (id int); CREATE SCHEMA citations; SELECT 1");

        using var history = LinkHistoryDatabase.Open(database.ConnectionString);
        await history.RecordAsync(Alive("http://a.test/"));

        Assert.AreEqual(1L, await history.CountChecksAsync());
    }

    [TestMethod]
    public async Task Open_SecondHistoryInAnotherSchemaOfTheSameDatabase_Accepted()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        using (var first = LinkHistoryDatabase.Open(database.ConnectionString))
        {
            await first.RecordAsync(Alive("http://a.test/"));
        }

        using var second = LinkHistoryDatabase.Open(database.ConnectionString + ";Schema=team_b");
        await second.RecordAsync(Alive("http://b.test/"));

        Assert.AreEqual(1L, await second.CountChecksAsync());
        Assert.AreEqual(1L, await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM citations.history_checks"));
    }

    [TestMethod]
    public async Task Open_TwoProcessesOpeningANewDatabaseAtOnce_SchemaMadeOnce()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();

        var histories = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => LinkHistoryDatabase.Open(database.ConnectionString))));
        foreach (var history in histories)
        {
            await history.RecordAsync(Alive("http://a.test/"));
            history.Dispose();
        }

        Assert.AreEqual(4L, await ScalarAsync(database.ConnectionString, "SELECT checks FROM citations.history_urls"));
    }

    [TestMethod]
    public void Open_ServerNotListening_ErrorNamesHostAndPortButNoPassword()
    {
        // A port nothing listens on: bind one, note it, close it.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var e = Assert.ThrowsExactly<CitationsException>(() => LinkHistoryDatabase.Open($"postgresql://ada:hunter2@127.0.0.1:{port}/links?connect_timeout=5").Dispose());

        StringAssert.Contains(e.Message, $"127.0.0.1:{port}");
        StringAssert.Contains(e.Message, "database 'links'");
        Assert.IsFalse(e.ToString().Contains("hunter2", StringComparison.Ordinal), e.ToString());
    }

    [TestMethod]
    [DataRow("postgresql://ada:hunter2@[bad/links", "not a valid URI")]
    [DataRow("postgresql://ada:hunter2@localhost/links?sslmode=sometimes", "invalid sslmode")]
    [DataRow("postgresql://ada:hunter2@localhost/links?search_path=x", "'search_path', which is not read")]
    [DataRow("postgresql://ada:hunter2@localhost/links?schema=Bad-Name", "'Bad-Name' is not a schema name")]
    [DataRow("Host=localhost;Password=hunter2;Colour=blue", "cannot be read")]
    public void Open_UnusableConnection_ClearErrorWithoutPassword(string value, string expected)
    {
        var e = Assert.ThrowsExactly<CitationsException>(() => LinkHistoryDatabase.Open(value).Dispose());

        StringAssert.Contains(e.Message, expected);
        Assert.IsFalse(e.Message.Contains("hunter2", StringComparison.Ordinal), e.Message);
    }

    [TestMethod]
    public async Task Open_DataSourceOfTheCaller_LeftOpenAfterTheHistory()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);

        using (var history = PostgresLinkHistory.Open(dataSource, "mine", new RotPolicy { Failures = 1 }))
        {
            var summary = await history.RecordAsync(Alive("http://a.test/") with { Verdict = LinkVerdict.Gone });
            Assert.IsTrue(summary.IsRot);
        }

        await using var command = dataSource.CreateCommand("SELECT count(*) FROM mine.history_checks");
        Assert.AreEqual(1L, await command.ExecuteScalarAsync());
    }
}
