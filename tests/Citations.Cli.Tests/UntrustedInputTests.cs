using System.Text;
using Citations.Links.Tests.Infrastructure;
using Citations.Tests.TestSupport;

namespace Citations.Cli.Tests;

/// <summary>
/// Hostile and broken inputs through the tool, command by command (issue 11): text that is not text, files as large as
/// a device, control characters from files and servers, out-of-range options, errors in data, a foreign history. Each
/// ends in a clear message and the exit code of the contract, never an internal error.
/// </summary>
[TestClass]
public sealed class UntrustedInputTests
{
    private const char Esc = '\u001b';

    private string _folder = null!;

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("citations-untrusted-").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, true);

    private string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private Task<CliRunner.Outcome> RunAsync(params string[] args) => CliRunner.RunInAsync(_folder, args);

    private static string Article(string title = "Piece", string claimText = "Deaths passed 76,000.", string bibliography = "")
        => $$$"""
            {
              "formatVersion": 1,{{{bibliography}}}
              "metadata": {"id": "piece", "type": "article-newspaper", "title": "{{{title}}}"},
              "claims": [{"id": "c1", "kind": "statistic", "text": "{{{claimText}}}", "anchor": {"paragraph": 1, "selector": {"exact": "76,000"}},
                          "evidence": [{"source": "data", "relation": "citesAsDataSource"}]}],
              "sources": [{"class": "primaryData", "item": {"id": "data", "type": "dataset", "title": "Data"}}]
            }
            """;

    private static byte[] WithByte(string text, string marker, byte value)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        bytes[Encoding.UTF8.GetBytes(text[..text.IndexOf(marker, StringComparison.Ordinal)]).Length] = value;
        return bytes;
    }

    private static void AssertNoInternalError(CliRunner.Outcome outcome)
    {
        Assert.DoesNotContain("internal error", outcome.Error);
        Assert.DoesNotContain("   at ", outcome.Error, "no stack trace");
    }

    // ---- Item 1: text that is not text ----

    [TestMethod]
    public async Task Report_ArticleNotUtf8_Exit2NamingFileLineColumnAndPath()
    {
        Write("article.json", WithByte(Article(title: "XPiece"), "XPiece", 0xFF));

        var outcome = await CliRunner.RunProcessInAsync(_folder, TestContext.CancellationToken, "report", "article.json");

        Assert.AreEqual(2, outcome.ExitCode, outcome.Error);
        StringAssert.Contains(outcome.Error, "article.json(3,");
        StringAssert.Contains(outcome.Error, "$.metadata.title: fatal CIT0015: The file is not UTF-8 text");
        AssertNoInternalError(outcome);
    }

    [TestMethod]
    public async Task Report_LoneSurrogateInAClaim_Exit1ThatClaimLeftOutReportPrinted()
    {
        Write("article.json", Article(claimText: "Deaths \\ud800 passed 76,000."));

        var outcome = await RunAsync("report", "article.json");

        Assert.AreEqual(1, outcome.ExitCode, outcome.Error);
        StringAssert.Contains(outcome.Error, "article.json(4,");
        StringAssert.Contains(outcome.Error, "$.claims[0].text: error CIT0016: The value holds the escape \\ud800");
        StringAssert.Contains(outcome.Out, "0 claims");
        AssertNoInternalError(outcome);
    }

    [TestMethod]
    public async Task Report_LoneSurrogateInTheArticlesBibliographyFile_Exit1NamingThatFile()
    {
        Write("refs.json", """[{"id": "data", "type": "dataset", "title": "Data \udc01"}]""");
        Write("article.json", Article(bibliography: "\n  \"bibliography\": \"refs.json\",").Replace("\"item\": {\"id\": \"data\", \"type\": \"dataset\", \"title\": \"Data\"}", "\"id\": \"data\"", StringComparison.Ordinal));

        var outcome = await RunAsync("report", "article.json");

        Assert.AreEqual(1, outcome.ExitCode, outcome.Error);
        StringAssert.Contains(outcome.Error, "refs.json(1,");
        StringAssert.Contains(outcome.Error, "$[0].title: error CIT0016");
        AssertNoInternalError(outcome);
    }

    [TestMethod]
    public async Task Check_LoneSurrogateInCslJson_Exit1ItemLeftOutRestChecked()
    {
        Write("refs.json", """[{"id": "ok", "type": "webpage", "URL": "http://127.0.0.1:9/a"}, {"id": "bad", "type": "webpage", "title": "\ud800", "URL": "http://127.0.0.1:9/b"}]""");

        var outcome = await RunAsync("check", "refs.json", "--no-db", "--no-archives", "--timeout", "2s", "--retries", "0");

        Assert.AreEqual(1, outcome.ExitCode, outcome.Error);
        StringAssert.Contains(outcome.Error, "refs.json(1,");
        StringAssert.Contains(outcome.Error, "$[1].title: error CIT0016");
        StringAssert.Contains(outcome.Out, "1 link(s) checked");
        AssertNoInternalError(outcome);
    }

    [TestMethod]
    public async Task Check_ArticleNotUtf8_Exit2NothingChecked()
    {
        Write("article.json", WithByte(Article(title: "XPiece"), "XPiece", 0xC0));

        var outcome = await RunAsync("check", "article.json", "--no-db");

        Assert.AreEqual(2, outcome.ExitCode, outcome.Error);
        StringAssert.Contains(outcome.Error, "article.json(3,");
        StringAssert.Contains(outcome.Error, "fatal CIT0015");
        AssertNoInternalError(outcome);
    }

    [TestMethod]
    public async Task Format_LoneSurrogateOrNotUtf8Items_Exit1ForTheEntryExit2ForTheFile()
    {
        Write("surrogate.json", """[{"id": "a", "type": "book", "title": "A"}, {"id": "b", "type": "book", "title": "\ud800"}]""");
        Write("bytes.json", WithByte("""[{"id": "a", "type": "book", "title": "XA"}]""", "XA", 0xFE));

        var surrogate = await RunAsync("format", "--style", "citations-author-date", "--items", "surrogate.json");
        var bytes = await RunAsync("format", "--style", "citations-author-date", "--items", "bytes.json");

        Assert.AreEqual(1, surrogate.ExitCode, surrogate.Error);
        StringAssert.Contains(surrogate.Error, "surrogate.json(1,");
        StringAssert.Contains(surrogate.Error, "$[1].title: error CIT0016");
        Assert.AreEqual("A. n.d.\n", surrogate.Out);
        Assert.AreEqual(2, bytes.ExitCode, bytes.Error);
        StringAssert.Contains(bytes.Error, "bytes.json(1,");
        StringAssert.Contains(bytes.Error, "$[0].title: fatal CIT0015");
        AssertNoInternalError(surrogate);
        AssertNoInternalError(bytes);
    }

    // ---- Item 8: every input under the size cap ----

    [TestMethod]
    [DataRow("format", "--style", "citations-numeric", "--items", "big.json")]
    [DataRow("format", "--style", "citations-numeric", "--items", "refs.json", "--citations", "big.json")]
    [DataRow("format", "--style", "big.csl", "--items", "refs.json")]
    [DataRow("format", "--style", "big", "--styles", "styles", "--items", "refs.json")]
    [DataRow("format", "--style", "citations-numeric", "--locales", "locales", "--lang", "de-DE", "--items", "refs.json")]
    [DataRow("check", "big.json", "--no-db")]
    [DataRow("report", "big.json")]
    [DataRow("report", "article.json", "--text", "big.txt")]
    [DataRow("report", "with-big-bibliography.json")]
    public async Task EveryInput_OverTheCap_Exit2NamingTheLimit(params string[] args)
    {
        var big = new string(' ', 4096);
        Write("refs.json", """[{"id": "a", "type": "book", "title": "A"}]""");
        Write("article.json", Article());
        Write("with-big-bibliography.json", Article(bibliography: "\n  \"bibliography\": \"big.json\","));
        foreach (var name in new[] { "big.json", "big.csl", "big.txt", "styles/big.csl", "locales/locales-de-DE.xml" })
        {
            Write(name, "[" + big + "]");
        }

        File.Copy(RepoPaths.RequireShared(Path.Combine(RepoPaths.SharedCsl, "locales", "locales-en-US.xml")), Path.Combine(_folder, "locales", "locales-en-US.xml"));

        var outcome = await RunAsync(["--max-input-size", "2K", .. args]);

        Assert.AreEqual(2, outcome.ExitCode, outcome.Out + outcome.Error);
        StringAssert.Contains(outcome.Error, "larger than the 2,048-byte limit for an input file");
        AssertNoInternalError(outcome);
    }

    [TestMethod]
    [DataRow("format", "--style", "citations-numeric", "--items", "/dev/zero")]
    [DataRow("check", "/dev/zero", "--no-db")]
    [DataRow("report", "/dev/zero")]
    public async Task Device_ReadUpToTheCapOnly_Exit2(params string[] args)
    {
        Assert.IsTrue(File.Exists("/dev/zero") || !OperatingSystem.IsLinux(), "the test reads /dev/zero on Linux");
        if (!File.Exists("/dev/zero"))
        {
            return;
        }

        var outcome = await RunAsync(["--max-input-size", "1M", .. args]);

        Assert.AreEqual(2, outcome.ExitCode, outcome.Error);
        StringAssert.Contains(outcome.Error, "/dev/zero: fatal CIT0014: The file is larger than the 1,048,576-byte limit");
        AssertNoInternalError(outcome);
    }

    [TestMethod]
    [DataRow("extract", "/dev/zero", "--no-fetch")]
    [DataRow("reanchor", "ARTICLE", "/dev/zero")]
    public async Task ArticleFromDevice_ReadUpToTheCapOnly_Exit2(params string[] args)
    {
        Assert.IsTrue(File.Exists("/dev/zero") || !OperatingSystem.IsLinux(), "the test reads /dev/zero on Linux");
        if (!File.Exists("/dev/zero"))
        {
            return;
        }

        var article = Path.Combine(RepoPaths.Seeds, "article.json");
        var outcome = await RunAsync(["--max-input-size", "1M", .. args.Select(a => a == "ARTICLE" ? article : a)]);

        Assert.AreEqual(2, outcome.ExitCode, outcome.Error);
        StringAssert.Contains(outcome.Error, "/dev/zero");
        StringAssert.Contains(outcome.Error, "larger than the 1,048,576-byte limit");
        AssertNoInternalError(outcome);
    }

    // ---- Item 12: control characters never reach the terminal ----

    [TestMethod]
    public async Task Format_EscInTitleIdAndType_EscapedOnStandardOutputAndError()
    {
        Write("refs.json", """[{"id": "x\u001b[1m", "type": "book\u001b[2J", "title": "Evil \u001b]8;;http://x\u0007title", "author": "\u001b[31mDoe"}]""");

        var outcome = await RunAsync("format", "--style", "citations-author-date", "--items", "refs.json");

        Assert.AreEqual(1, outcome.ExitCode, "the author of the wrong type is an error");
        Assert.DoesNotContain(Esc, outcome.Out + outcome.Error);
        Assert.DoesNotContain('\u0007', outcome.Out);
        StringAssert.Contains(outcome.Out, "Evil \\u001b]8;;http://x\\u0007title");
        StringAssert.Contains(outcome.Error, "Item 'x\\u001b[1m'");
    }

    [TestMethod]
    public async Task Format_JsonWithBidiOverride_StaysValidJsonWithTheSameText()
    {
        Write("refs.json", """[{"id": "a", "type": "book", "title": "gpj\u202e.exe \u0085"}]""");

        var outcome = await RunAsync("format", "--style", "citations-author-date", "--items", "refs.json", "--format", "json");

        Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
        Assert.DoesNotContain('\u202e', outcome.Out);
        using var json = System.Text.Json.JsonDocument.Parse(outcome.Out);
        StringAssert.Contains(json.RootElement.GetProperty("bibliography")[0].GetString(), "gpj\u202e.exe \u0085");
    }

    [TestMethod]
    public async Task Report_EscInClaimAndTitle_EscapedInTextAndMarkdownFile()
    {
        Write("article.json", Article(title: "Piece \\u001b[2J", claimText: "Deaths \\u001b]8;;x\\u0007 passed 76,000."));

        var outcome = await RunAsync("report", "article.json", "--format", "markdown", "--markdown", "out.md");

        Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
        Assert.DoesNotContain(Esc, outcome.Out);
        StringAssert.Contains(outcome.Out, "Piece \\u001b");
        Assert.DoesNotContain(Esc, File.ReadAllText(Path.Combine(_folder, "out.md")));
    }

    [TestMethod]
    public async Task Check_ServerSendsEscInStatusAndHeaders_NothingRawOnTerminalOrInTheMarkdownReport()
    {
        await using var server = await RawHttpServer.StartAsync(path => path == "/status"
            ? $"HTTP/1.1 200 OK{Esc}[2J{Esc}[32mall links alive\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            : $"HTTP/1.1 302 Found\r\nLocation: http://{Esc}[8m.example/\r\nX-{Esc}]8;;evil: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        Write("urls.txt", $"{server.Url("/status")}\n{server.Url("/header")}\n");

        var outcome = await RunAsync("check", "urls.txt", "--allow-private", "--no-archives", "--no-db", "--retries", "0", "--markdown", "out.md", "--junit", "out.xml");

        Assert.DoesNotContain(Esc, outcome.Out + outcome.Error);
        Assert.DoesNotContain(Esc, File.ReadAllText(Path.Combine(_folder, "out.md")));
        StringAssert.Contains(outcome.Out, "2 link(s) checked");
        AssertNoInternalError(outcome);
    }

    // ---- Item 13: error diagnostics mean exit 1, in every command ----

    [TestMethod]
    public async Task EveryCommand_ItemWithAnAuthorOrTitleOfTheWrongType_Exit1()
    {
        Write("refs.json", """[{"id": "a", "type": "book", "author": "Doe", "URL": "http://127.0.0.1:9/"}, {"id": "b", "type": "book", "title": ["x"]}]""");
        Write("article.json", Article().Replace("\"title\": \"Data\"", "\"title\": [\"x\"]", StringComparison.Ordinal));

        var format = await RunAsync("format", "--style", "citations-author-date", "--items", "refs.json");
        var check = await RunAsync("check", "refs.json", "--no-db", "--no-archives", "--timeout", "2s", "--retries", "0");
        var report = await RunAsync("report", "article.json");

        foreach (var outcome in new[] { format, check, report })
        {
            Assert.AreEqual(1, outcome.ExitCode, outcome.Out + outcome.Error);
            StringAssert.Contains(outcome.Error, "error CIT0002");
        }
    }

    [TestMethod]
    public async Task Format_ImpossibleDatesAndBlankNames_DiagnosedNeverPrinted()
    {
        Write("refs.json", """
            [{"id": "a", "type": "book", "title": "A", "issued": {"date-parts": [[2020, 99, -4]]}},
             {"id": "b", "type": "book", "title": "B", "issued": {"date-parts": [[1e20]]}},
             {"id": "c", "type": "book", "title": "C", "author": [{"literal": ""}, {"family": ""}]}]
            """);

        var outcome = await RunAsync("format", "--style", "citations-author-date", "--items", "refs.json");

        Assert.AreEqual(1, outcome.ExitCode, "the year 1e20 is an error");
        StringAssert.Contains(outcome.Error, "refs.json(1,");
        StringAssert.Contains(outcome.Error, "$[0].issued.date-parts[0][1]: warning CIT0017: Item 'a': '99' is not a month");
        StringAssert.Contains(outcome.Error, "$[1].issued.date-parts[0][0]: error CIT0017: Item 'b': '1e20' is not a year");
        StringAssert.Contains(outcome.Error, "$[2].author[0]: warning CIT0008");
        Assert.DoesNotContain("-4", outcome.Out);
        StringAssert.Contains(outcome.Out, "A. 2020.");
        Assert.DoesNotContain(" ,", outcome.Out);
    }

    // ---- Item 4: durations and counts validated up front ----

    [TestMethod]
    [DataRow("--timeout", "0.005s", "from 10ms to 1d")]
    [DataRow("--timeout", "1e300s", "from 10ms to 1d")]
    [DataRow("--timeout", "Infinitys", "from 10ms to 1d")]
    [DataRow("--timeout", "-5s", "from 10ms to 1d")]
    [DataRow("--timeout", "25h", "from 10ms to 1d")]
    [DataRow("--timeout", "NaN", "is not a duration")]
    [DataRow("--max-age", "99999999d", "from 0 to 36500d")]
    [DataRow("--max-age", "-1d", "from 0 to 36500d")]
    [DataRow("--max-age", "Infinityd", "from 0 to 36500d")]
    [DataRow("--concurrency", "99999", "from 1 to 10000")]
    [DataRow("--per-host", "0", "from 1 to 1000")]
    [DataRow("--retries", "11", "from 0 to 10")]
    public async Task Check_OptionOutOfRange_Exit2NamingTheOptionAndTheRangeNothingRead(string option, string value, string range)
    {
        var outcome = await RunAsync("check", "missing.txt", option, value);

        Assert.AreEqual(2, outcome.ExitCode);
        StringAssert.StartsWith(outcome.Error, $"citations check: {option}: '{value}' ");
        StringAssert.Contains(outcome.Error, range);
        Assert.DoesNotContain("missing.txt", outcome.Error, "options are checked before any input is read");
    }

    [TestMethod]
    public async Task Check_LongTimeout_TotalCappedAtADayAndTheRunGoesOn()
    {
        Write("urls.txt", "https://unreachable.example/\n");

        var outcome = await RunAsync("check", "urls.txt", "--no-db", "--no-archives", "--timeout", "5h");

        Assert.AreEqual(0, outcome.ExitCode, outcome.Error);
        StringAssert.Contains(outcome.Out, "1 link(s) checked: 1 inconclusive");
    }

    // ---- Item 19: the network seam, the history ----

    [TestMethod]
    public async Task Check_UnknownNetworkSeamValue_Exit2NamingTheVariable()
    {
        Write("urls.txt", "https://a.example/\n");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new Cli.Commands.CliContext(output, error, _folder, IsTerminal: false)
        {
            EnvironmentVariable = name => name == Links.Checking.LinkCheckerBuilder.ResolverVariable ? "google" : null,
        };

        var exit = await CliApp.RunAsync(["check", "urls.txt", "--no-db"], context);

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error.ToString(), "CITATIONS_LINKS_RESOLVER must be 'system' or 'loopback', not 'google'");
    }

    [TestMethod]
    public async Task Check_DbOfAnotherApplication_Exit2AndTheFileUntouched()
    {
        var db = Path.Combine(_folder, "other.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL); INSERT INTO invoices VALUES (1, 9.5);";
            command.ExecuteNonQuery();
        }

        var before = File.ReadAllBytes(db);
        Write("urls.txt", "https://a.example/\n");

        var outcome = await RunAsync("check", "urls.txt", "--db", "other.db", "--no-archives");

        Assert.AreEqual(2, outcome.ExitCode, outcome.Out + outcome.Error);
        StringAssert.StartsWith(outcome.Error, "citations check: ");
        StringAssert.Contains(outcome.Error, "other.db");
        CollectionAssert.AreEqual(before, File.ReadAllBytes(db));
        Assert.IsFalse(File.Exists(db + "-wal"));
    }
}
