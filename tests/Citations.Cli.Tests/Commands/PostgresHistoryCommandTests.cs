using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Citations.Cli.Commands;
using Citations.Cli.Tests.TestSupport;
using Citations.Links.PostgreSql.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace Citations.Cli.Tests.Commands;

/// <summary>
/// <c>check --db</c> and <c>history --db</c> with a PostgreSQL URI, against a loopback Kestrel server and the test
/// PostgreSQL server (a fresh database per test); and the errors for a server that does not answer and a database
/// that is not a history.
/// </summary>
[TestClass]
public sealed class PostgresHistoryCommandTests
{
    private static WebApplication _server = null!;
    private static string _base = null!;
    private string _folder = null!;

    [ClassInitialize]
    public static async Task StartServerAsync(TestContext context)
    {
        _server = await LoopbackKestrel.StartAsync(async http =>
        {
            if (http.Request.Path != "/data")
            {
                http.Response.StatusCode = 404;
                return;
            }

            http.Response.ContentType = "text/html";
            await http.Response.WriteAsync("<html><head><title>Data</title></head><body><p>More than 76,000 deaths.</p></body></html>");
        });
        _base = LoopbackKestrel.BaseOf(_server);
    }

    [ClassCleanup]
    public static async Task StopServerAsync() => await _server.DisposeAsync();

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("citations-cli-pg-").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, true);

    private async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var context = new CliContext(output, error, _folder, IsTerminal: false) { EnvironmentVariable = CliRunner.EnvironmentVariable };
        var exit = await CliApp.RunAsync(args, context);
        return (exit, output.ToString(), error.ToString());
    }

    private static string Uri(PostgresTestDatabase database, string? password = null)
    {
        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var secret = password is null ? string.Empty : ":" + password;
        return $"postgresql://{server.Username}{secret}@{server.Host}:{server.Port}/{database.Name}?schema=links";
    }

    [TestMethod]
    public async Task CheckTwiceThenHistory_PostgresUri_SecondRunReusesAndHistoryReadsIt()
    {
        await using var database = await PostgresTestDatabase.CreateAsync("citations_cli");
        var db = Uri(database, "not-shown");
        var file = Path.Combine(_folder, "refs.json");
        await File.WriteAllTextAsync(file, $$"""[{"id": "cdc", "type": "dataset", "URL": "{{_base}}/data"}, {"id": "old", "type": "webpage", "URL": "{{_base}}/gone"}]""");

        var first = await RunAsync("check", file, "--allow-private", "--no-archives", "--db", db);
        var second = await RunAsync("check", file, "--allow-private", "--no-archives", "--db", db, "--json", "out.json");
        var history = await RunAsync("history", "--db", db, "--json", "history.json");

        Assert.AreEqual(1, first.Exit, first.Out + first.Error);
        Assert.AreEqual(1, second.Exit, second.Out + second.Error);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "out.json")));
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.AreEqual(2, results.Count);
        Assert.IsTrue(results.All(r => r.GetProperty("fromHistory").GetBoolean()), "the second run took both results from the PostgreSQL history");

        Assert.AreEqual(1, history.Exit, history.Out + history.Error);
        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        StringAssert.Contains(history.Out, $"history: postgresql://{server.Username}@{server.Host}:{server.Port}/{database.Name}?schema=links\n");
        StringAssert.Contains(history.Out, "2 URL(s), 2 check(s)");
        StringAssert.Contains(history.Out, $"{_base}/gone");
        Assert.IsFalse((first.Out + first.Error + second.Out + second.Error + history.Out + history.Error).Contains("not-shown", StringComparison.Ordinal));

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM links.history_checks", connection);
        Assert.AreEqual(2L, await count.ExecuteScalarAsync());
    }

    [TestMethod]
    public async Task Check_PostgresServerNotListening_Exit2NamingHostAndPortWithoutPassword()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var file = Path.Combine(_folder, "urls.txt");
        await File.WriteAllTextAsync(file, _base + "/data\n");

        var (exit, output, error) = await RunAsync("check", file, "--allow-private", "--no-archives", "--db", $"postgresql://ada:hunter2@127.0.0.1:{port}/links");

        Assert.AreEqual(2, exit, output + error);
        StringAssert.Contains(error, $"PostgreSQL server 127.0.0.1:{port}");
        Assert.IsFalse((output + error).Contains("hunter2", StringComparison.Ordinal), error);
        Assert.IsFalse(error.Contains("   at ", StringComparison.Ordinal), "no stack trace");
    }

    [TestMethod]
    public async Task CheckAndHistory_DatabaseOfAnotherApplication_Exit2AndUntouched()
    {
        await using var database = await PostgresTestDatabase.CreateAsync("citations_cli");
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE public.invoices (id int)", connection);
            await create.ExecuteNonQueryAsync();
        }

        var file = Path.Combine(_folder, "urls.txt");
        await File.WriteAllTextAsync(file, _base + "/data\n");
        var check = await RunAsync("check", file, "--allow-private", "--no-archives", "--db", database.ConnectionString);
        var history = await RunAsync("history", "--db", Uri(database));

        Assert.AreEqual(2, check.Exit, check.Out + check.Error);
        StringAssert.Contains(check.Error, $"The PostgreSQL database '{database.Name}'");
        StringAssert.Contains(check.Error, "is not a link history");
        StringAssert.Contains(check.Error, "public.invoices");
        Assert.AreEqual(2, history.Exit, history.Out + history.Error);
        StringAssert.Contains(history.Error, "citations history:");
    }

    [TestMethod]
    public async Task History_EmptyPostgresDatabase_Exit2AndNothingCreated()
    {
        await using var database = await PostgresTestDatabase.CreateAsync("citations_cli");

        var (exit, output, error) = await RunAsync("history", "--db", Uri(database));

        Assert.AreEqual(2, exit, output + error);
        StringAssert.Contains(error, "There is no link history in postgresql://");
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_namespace WHERE nspname = 'links'", connection);
        Assert.AreEqual(0L, await count.ExecuteScalarAsync());
    }
}
