using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Citations.Diagnostics;
using Citations.Links.History;
using Citations.Links.Reports;
using Microsoft.Data.Sqlite;

namespace Citations.Links.Tests.History;

/// <summary>
/// Opening history files written by earlier versions. <c>Fixtures/history-schema-1.sql</c> is a database written by
/// <see cref="LinkHistory"/> at schema 1 (commit a1ed5ef, before the history had its own row format): fifteen checks
/// of nine URLs covering every verdict and every part of the evidence, dumped with <c>sqlite3 .dump</c>.
/// </summary>
[TestClass]
public sealed class HistoryMigrationTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private const string Cdc = "https://www.cdc.gov/nchs/nvss/vsrr/drug-overdose-data.htm";
    private const string Rotting = "https://agency.example.gov/old/brief.pdf";

    private string _path = null!;

    [TestInitialize]
    public void CreatePath() => _path = Path.Combine(Path.GetTempPath(), "citations-history-v1-" + Guid.NewGuid().ToString("N") + ".db");

    [TestCleanup]
    public void DeleteFiles()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public async Task Open_SchemaOneFile_EveryCheckReadsBackAsItWasStored()
    {
        CreateSchemaOneFile();
        var stored = Query("SELECT url, result FROM checks ORDER BY checked_at, id").GroupBy(r => (string)r[0]!)
            .ToDictionary(g => g.Key, g => g.Select(r => (string)r[1]!).ToList());

        using var history = LinkHistory.Open(_path);

        Assert.AreEqual(15L, await history.CountChecksAsync());
        foreach (var (url, rows) in stored)
        {
            var checks = await history.GetChecksAsync(url);
            Assert.HasCount(rows.Count, checks, url);
            for (var i = 0; i < rows.Count; i++)
            {
                // The report's form of the result read back equals the report form schema 1 stored (it had no citations).
                var now = JsonNode.Parse(ReportJson(checks[i]))!.AsObject();
                Assert.AreEqual(0, now["citations"]!.AsArray().Count);
                now.Remove("citations");
                Assert.IsTrue(JsonNode.DeepEquals(JsonNode.Parse(rows[i]), now), $"{url} #{i}:\n{rows[i]}\n{now.ToJsonString()}");
            }
        }
    }

    [TestMethod]
    public async Task Open_SchemaOneFile_SummariesAndRotKept()
    {
        CreateSchemaOneFile();

        using var history = LinkHistory.Open(_path);
        var rot = await history.GetSummaryAsync(Rotting);
        var cdc = await history.GetSummaryAsync(Cdc);

        Assert.AreEqual(new LinkHistorySummary(Rotting, 5, T0.AddDays(-10), T0.AddDays(8), LinkVerdict.Gone, T0.AddDays(-10), T0, 3, true), rot);
        Assert.AreEqual(new LinkHistorySummary(Cdc, 2, T0, T0.AddDays(1), LinkVerdict.Alive, T0.AddDays(1), null, 0, false), cdc);
    }

    [TestMethod]
    public async Task Open_SchemaOneFile_DetailsOfEachPartKept()
    {
        CreateSchemaOneFile();

        using var history = LinkHistory.Open(_path);
        var page = await history.GetChecksAsync(Cdc);
        var redirect = (await history.GetChecksAsync("http://example.org/report")).Single();
        var gone = (await history.GetChecksAsync(Rotting))[^1];

        Assert.AreEqual("Provisional Drug Overdose Death Counts — “final”", page[1].Content!.Title);
        Assert.AreEqual(new PageFingerprint("0000000000000000000000000000000000000000000000000000000000000001", ulong.MaxValue, 19999), page[1].Content!.Fingerprint);
        Assert.AreEqual(0.953, page[1].Content!.SimilarityToLastCheck);
        Assert.AreEqual(T0, page[1].Content!.LastCheckedAt);
        Assert.AreEqual(new QuoteCheck("a passage that left the page", false, 0.25), page[0].Content!.Quotes[1]);
        Assert.AreEqual(TimeSpan.FromMilliseconds(2045.7), page[1].Evidence.Elapsed);
        Assert.AreEqual(new RedirectInfo(RedirectKind.Permanent, "https://www.example.org/report/", true), redirect.Evidence.Redirect);
        Assert.AreEqual(new RedirectHop("https://example.org/report", 308, "https://www.example.org/report/"), redirect.Evidence.RedirectChain[1]);
        Assert.AreEqual(new LinkError(LinkErrorKind.NameNotFound, "Name or service not known (agency.example.gov:443)"), gone.Evidence.Error);
        Assert.AreEqual(new DateTimeOffset(2024, 1, 15, 8, 30, 0, TimeSpan.Zero), gone.Archive!.CapturedAt);
        Assert.IsTrue(gone.Archive.ReferenceIsAccessedDate);
        Assert.AreEqual(200, gone.Archive.VerifiedStatus);
    }

    [TestMethod]
    public async Task Open_SchemaOneFile_ConvertedOnceToSchemaTwoRows()
    {
        CreateSchemaOneFile();

        using (LinkHistory.Open(_path))
        {
        }

        using var again = LinkHistory.Open(_path);

        Assert.AreEqual("2", Query("SELECT value FROM meta WHERE key = 'schema'").Single()[0]);
        CollectionAssert.DoesNotContain(Query("SELECT name FROM pragma_table_info('checks')").Select(r => (string)r[0]!).ToArray(), "result");
        Assert.AreEqual(15L, Query("SELECT count(*) FROM checks WHERE format = 1").Single()[0]);
        Assert.AreEqual(15L, await again.CountChecksAsync());
        Assert.AreEqual(1L, Query("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'checks_by_url'").Single()[0]);
    }

    [TestMethod]
    public async Task RecordAsync_AfterMigration_RotStateContinues()
    {
        CreateSchemaOneFile();
        using var history = LinkHistory.Open(_path);
        LinkCheckResult Check(LinkVerdict verdict, DateTimeOffset at) => new()
        {
            Url = Rotting, Targets = [], Verdict = verdict, Evidence = new LinkEvidence { StatusCode = 404 }, CheckedAt = at,
        };

        var stillGone = await history.RecordAsync(Check(LinkVerdict.Gone, T0.AddDays(12)));
        var back = await history.RecordAsync(Check(LinkVerdict.Alive, T0.AddDays(13)));

        Assert.AreEqual(4, stillGone.SpacedFailures);
        Assert.AreEqual(6, stillGone.Checks);
        Assert.AreEqual(T0, stillGone.FirstSeenFailing);
        Assert.IsFalse(back.IsRot);
        Assert.AreEqual(7, (await history.GetChecksAsync(Rotting)).Count);
    }

    [TestMethod]
    public void Open_SchemaOneFileWithAnUnreadableCheck_ClearErrorAndFileUnchanged()
    {
        CreateSchemaOneFile();
        Execute("UPDATE checks SET result = '{\"url\": 42' WHERE id = 7");

        var error = Assert.ThrowsExactly<CitationsException>(() => LinkHistory.Open(_path));

        StringAssert.Contains(error.Message, _path);
        StringAssert.Contains(error.Message, "check 7 (https://agency.example.gov/old/brief.pdf)");
        Assert.AreEqual("1", Query("SELECT value FROM meta WHERE key = 'schema'").Single()[0]);
        Assert.AreEqual(15L, Query("SELECT count(*) FROM checks WHERE result IS NOT NULL").Single()[0]);
    }

    [TestMethod]
    public void Open_NewerSchema_ClearError()
    {
        using (LinkHistory.Open(_path))
        {
        }

        Execute("UPDATE meta SET value = '3' WHERE key = 'schema'");

        var error = Assert.ThrowsExactly<CitationsException>(() => LinkHistory.Open(_path));

        StringAssert.Contains(error.Message, "schema version 3");
        StringAssert.Contains(error.Message, _path);
    }

    [TestMethod]
    public void Open_SchemaOneFileWithoutApplicationId_RecognisedByItsTablesAndGetsTheId()
    {
        CreateSchemaOneFile();
        Assert.AreEqual(0L, Query("PRAGMA application_id").Single()[0]);

        using (LinkHistory.Open(_path))
        {
        }

        Assert.AreEqual((long)HistorySchema.ApplicationId, Query("PRAGMA application_id").Single()[0]);
    }

    [TestMethod]
    public async Task Open_SchemaTwoFileWithoutApplicationId_RecognisedByItsTablesAndGetsTheId()
    {
        using (var history = LinkHistory.Open(_path))
        {
            await history.RecordAsync(new LinkCheckResult { Url = Cdc, Targets = [], Verdict = LinkVerdict.Alive, Evidence = new LinkEvidence(), CheckedAt = T0 });
        }

        // As a file written before the id existed.
        Execute("PRAGMA application_id = 0");

        using (var reopened = LinkHistory.Open(_path))
        {
            Assert.AreEqual(1L, await reopened.CountChecksAsync());
        }

        Assert.AreEqual((long)HistorySchema.ApplicationId, Query("PRAGMA application_id").Single()[0]);
    }

    [TestMethod]
    public void Open_UnrelatedSqliteDatabase_RefusedAndLeftUntouched()
    {
        Execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('keep me');");
        SqliteConnection.ClearAllPools();
        var before = File.ReadAllBytes(_path);

        var error = Assert.ThrowsExactly<CitationsException>(() => LinkHistory.Open(_path));

        StringAssert.Contains(error.Message, _path);
        StringAssert.Contains(error.Message, "is not a link history");
        StringAssert.Contains(error.Message, "notes");
        CollectionAssert.AreEqual(before, File.ReadAllBytes(_path), "no table, no row, no WAL switch");
        Assert.IsFalse(File.Exists(_path + "-wal"));
        Assert.AreEqual("delete", Query("PRAGMA journal_mode").Single()[0]);
    }

    [TestMethod]
    public void Open_DatabaseOfAnotherApplication_RefusedNamingItsId()
    {
        // Tables a history has, but another application's id: the id decides.
        Execute("PRAGMA application_id = 1886547828; CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); CREATE TABLE checks (id INTEGER); CREATE TABLE urls (url TEXT);");

        var error = Assert.ThrowsExactly<CitationsException>(() => LinkHistory.Open(_path));

        StringAssert.Contains(error.Message, "another application (SQLite application id 0x70726f74");
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public async Task Open_EmptyFile_BecomesAHistory(bool sqliteWithoutTables)
    {
        if (sqliteWithoutTables)
        {
            Execute("PRAGMA user_version = 7");
        }
        else
        {
            await File.WriteAllBytesAsync(_path, []);
        }

        using var history = LinkHistory.Open(_path);

        Assert.AreEqual(0L, await history.CountChecksAsync());
        Assert.AreEqual((long)HistorySchema.ApplicationId, Query("PRAGMA application_id").Single()[0]);
    }

    private static string ReportJson(LinkCheckResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            LinkResultJson.Write(json, result);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private void CreateSchemaOneFile() => Execute(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "History", "Fixtures", "history-schema-1.sql")));

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private void Execute(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private List<object?[]> Query(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row);
        }

        return rows;
    }
}
