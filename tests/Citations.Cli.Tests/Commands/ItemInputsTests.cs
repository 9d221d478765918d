using System.Text.Json;
using Citations.Cli.Commands;
using Citations.Links.Lookup;
using Citations.Links.Tests.Lookup;

namespace Citations.Cli.Tests.Commands;

/// <summary>
/// What <c>format --items</c> and <c>convert</c> accept: every item format, several inputs merged, and DOIs (alone, as
/// resolver URLs, in lists) looked up at a loopback resolver, cached, and reported by name when they fail.
/// </summary>
[TestClass]
public sealed class ItemInputsTests
{
    private const string Url = "https://example.org/data";
    private static DoiTestServer _server = null!;
    private string _folder = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task StartServerAsync(TestContext context) => _server = await DoiTestServer.StartAsync();

    [ClassCleanup]
    public static async Task StopServerAsync() => await _server.DisposeAsync();

    [TestInitialize]
    public void CreateFolder()
    {
        _folder = Directory.CreateTempSubdirectory("citations-items-").FullName;
        SampleBibliographies.WriteAll(_folder, Url);
    }

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, true);

    private Task<(int Exit, string Out, string Error)> RunAsync(params string[] args) => RunAsync(null, args);

    private async Task<(int Exit, string Out, string Error)> RunAsync(Action<DoiLookupOptions>? configure, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var context = new CliContext(output, error, _folder, IsTerminal: false) { ConfigureDoiLookup = configure };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var exit = await CliApp.RunAsync(args, context, timeout.Token);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>The arguments that point DOI lookups at the loopback resolver and the test's own cache.</summary>
    private string[] Resolver => ["--doi-resolver", _server.Address.AbsoluteUri, "--doi-cache", "cache", "--allow-private"];

    /// <summary>A resolver address on 127.0.0.1 where nothing listens: connections are refused.</summary>
    private static string ClosedResolver { get; } = ClosedAddress();

    private static string ClosedAddress()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/";
    }

    private string Write(string name, string text)
    {
        File.WriteAllText(Path.Combine(_folder, name), text);
        return name;
    }

    private static string KnownEntry(string id) => id switch
    {
        DoiTestServer.Known => "Okafor, Ada. 2021. “A study of known things.” Journal of Tests. https://doi.org/10.1000/known.1",
        DoiTestServer.Other => "Okafor, Ada. 2021. “Another study.” Journal of Tests. https://doi.org/10.1000/OTHER-2",
        _ => throw new ArgumentOutOfRangeException(nameof(id)),
    };

    [TestMethod]
    [DataRow("refs.bib")]
    [DataRow("refs.ris")]
    [DataRow("refs.yaml")]
    [DataRow("paper.md")]
    [DataRow("CITATION.cff")]
    public async Task Format_EachItemFormat_ItsItemFormatted(string file)
    {
        var entry = SampleBibliographies.All.Single(s => s.File == file).Entry;

        var (exit, output, error) = await RunAsync("format", "--style", "citations-author-date", "--items", file, "--offline");

        Assert.AreEqual(0, exit, error);
        Assert.AreEqual(string.Empty, error);
        Assert.AreEqual($"{entry} {Url}\n", output);
    }

    [TestMethod]
    public async Task Format_ItemsGivenSeveralTimes_OneBibliographyOfThemAll()
    {
        string[] items = [.. SampleBibliographies.All.SelectMany(s => new[] { "--items", s.File })];

        var (exit, output, error) = await RunAsync(["format", "--style", "citations-author-date", .. items, "--offline"]);

        Assert.AreEqual(0, exit, error);
        var expected = SampleBibliographies.All.Select(s => $"{s.Entry} {Url}").Order(StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(expected, output.TrimEnd('\n').Split('\n'));
    }

    [TestMethod]
    public async Task Format_SameIdInTwoItemsFiles_Exit1BothNamedTheFirstKept()
    {
        Write("again.ris", "TY  - BOOK\nID  - okafor2021\nTI  - The other one\nER  - \n");

        var (exit, output, error) = await RunAsync("format", "-s", "citations-author-date", "-i", "refs.bib", "-i", "again.ris", "--offline");

        Assert.AreEqual(1, exit);
        Assert.AreEqual("again.ris: error CIT0007: Item id 'okafor2021' is in both refs.bib and again.ris; the item from refs.bib is kept, this one is left out.\n", error);
        Assert.StartsWith("Okafor, Ada, and Per Lindqvist. 2021.", output);
    }

    [TestMethod]
    public async Task Format_ItemsDoi_LookedUpAndCitedByTheDoi()
    {
        var citations = Write("cites.json", $$"""[[{"id": "{{DoiTestServer.Known}}", "locator": "4"}]]""");

        var (exit, output, error) = await RunAsync(["format", "-s", "citations-author-date", "--items", "doi:" + DoiTestServer.Known, "--citations", citations, "--bibliography", "--offline", .. Resolver]);

        // --offline keeps styles offline too; the first lookup of a DOI needs the network, so:
        Assert.AreEqual(1, exit, "offline, an uncached DOI is an error");
        StringAssert.Contains(error, $"doi:{DoiTestServer.Known}: error LNK0101: DOI {DoiTestServer.Known} is not in the DOI cache");

        (exit, output, error) = await RunAsync(["format", "-s", "citations-author-date", "--items", "doi:" + DoiTestServer.Known, "--citations", citations, "--bibliography", .. Resolver]);

        Assert.AreEqual(0, exit, error);
        Assert.AreEqual($"(Okafor 2021, 4)\n{KnownEntry(DoiTestServer.Known)}\n", output);
    }

    [TestMethod]
    public async Task Convert_DoiAsResolverUrlAndDoiPrefix_SameItem()
    {
        var prefixed = await RunAsync(["convert", "doi:" + DoiTestServer.Known, "--to", "csljson", .. Resolver]);
        var url = await RunAsync(["convert", "https://doi.org/" + DoiTestServer.Known, "--to", "csljson", .. Resolver]);

        Assert.AreEqual(0, prefixed.Exit, prefixed.Error);
        Assert.AreEqual(prefixed.Out, url.Out);
        using var json = JsonDocument.Parse(url.Out);
        Assert.AreEqual(DoiTestServer.Known, json.RootElement[0].GetProperty("id").GetString());
    }

    [TestMethod]
    [DataRow("refs.doi")]
    [DataRow("refs.txt")]
    [DataRow("REFS")]
    public async Task Convert_ListOfDois_ByExtensionOrContent_FailuresNamedTheOthersConverted(string name)
    {
        var list = Write(name, $"# chapter 1\n{DoiTestServer.Known}\nhttps://doi.org/{DoiTestServer.Missing}\ndoi:{DoiTestServer.Redirected}\n");

        var (exit, output, error) = await RunAsync(["convert", list, "--to", "csljson", .. Resolver]);

        Assert.AreEqual(1, exit, error);
        Assert.StartsWith($"{name}(3,1): error LNK0102: DOI {DoiTestServer.Missing} is not known to the resolver ({_server.Address}{DoiTestServer.Missing} answered HTTP 404); no item was made for it.\n", error);
        using var json = JsonDocument.Parse(output);
        CollectionAssert.AreEqual(new[] { DoiTestServer.Known, DoiTestServer.Redirected },
            json.RootElement.EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToArray(), "the redirect chain was followed");
    }

    [TestMethod]
    public async Task Convert_LineOfADoiListThatIsNotADoi_ErrorWithLineTheOthersLookedUp()
    {
        var list = Write("refs.doi", $"{DoiTestServer.Known}\nsee the appendix\n");

        var (exit, output, error) = await RunAsync(["convert", list, "--to", "csljson", .. Resolver]);

        Assert.AreEqual(1, exit);
        Assert.StartsWith("refs.doi(2,1): error LNK0104: 'see' is not a DOI", error);
        Assert.Contains($"\"id\": \"{DoiTestServer.Known}\"", output);
    }

    [TestMethod]
    [DataRow(DoiTestServer.Malformed, "LNK0103", "is not one CSL-JSON item: it is not CSL-JSON: ")]
    [DataRow(DoiTestServer.Html, "LNK0103", "(text/html) is not one CSL-JSON item")]
    [DataRow(DoiTestServer.Oversize, "LNK0103", "is larger than 1048576 bytes (MaxResponseBytes)")]
    [DataRow(DoiTestServer.Loop, "LNK0103", "loop")]
    public async Task Convert_BadAnswer_Exit1TheDoiNamedNoItem(string doi, string code, string problem)
    {
        var (exit, output, error) = await RunAsync(["convert", "doi:" + doi, "--to", "csljson", .. Resolver]);

        Assert.AreEqual(1, exit);
        Assert.StartsWith($"doi:{doi}: error {code}: DOI {doi} could not be looked up at {_server.Address}{doi}", error);
        Assert.Contains(problem, error);
        Assert.AreEqual("[]\n", output, "never a half item");
    }

    [TestMethod]
    public async Task Convert_SlowResolver_Exit1AfterTheTimeoutNamingTheDoi()
    {
        var (exit, output, error) = await RunAsync(
            o => { o.AttemptTimeout = TimeSpan.FromMilliseconds(300); o.TotalTimeout = TimeSpan.FromSeconds(1); o.MaxRetries = 0; },
            ["convert", "doi:" + DoiTestServer.Slow, "--to", "csljson", .. Resolver]);

        Assert.AreEqual(1, exit);
        Assert.StartsWith($"doi:{DoiTestServer.Slow}: error LNK0101: DOI {DoiTestServer.Slow} could not be looked up at {_server.Address}{DoiTestServer.Slow}: timeout: ", error);
        Assert.AreEqual("[]\n", output);
    }

    [TestMethod]
    public async Task Convert_SecondRun_FromTheCacheWithoutARequest()
    {
        var first = await RunAsync(["convert", "doi:" + DoiTestServer.Other, "--to", "csljson", .. Resolver]);
        var hits = _server.Hits("/" + DoiTestServer.Other);

        var second = await RunAsync(["convert", "doi:" + DoiTestServer.Other, "--to", "csljson", .. Resolver]);

        Assert.AreEqual(0, second.Exit, second.Error);
        Assert.AreEqual(first.Out, second.Out);
        Assert.AreEqual(hits, _server.Hits("/" + DoiTestServer.Other), "the second run made no request");
        Assert.HasCount(1, Directory.GetFiles(Path.Combine(_folder, "cache")));
    }

    [TestMethod]
    public async Task Convert_OfflineWithTheDoiCached_Exit0WithoutARequest()
    {
        await RunAsync(["convert", "doi:" + DoiTestServer.Known, "--to", "csljson", .. Resolver]);
        var requests = _server.Requests.Count;

        var offline = await RunAsync(["convert", "doi:" + DoiTestServer.Known, "--to", "csljson", "--offline", .. Resolver]);
        var unreachable = await RunAsync(["convert", "doi:" + DoiTestServer.Known, "--to", "csljson", "--doi-resolver", ClosedResolver, "--doi-cache", "cache"]);

        Assert.AreEqual(0, offline.Exit, offline.Error);
        Assert.AreEqual(0, unreachable.Exit, "a cached DOI needs no resolver: " + unreachable.Error);
        Assert.Contains("A study of known things", offline.Out);
        Assert.AreEqual(offline.Out, unreachable.Out);
        Assert.AreEqual(requests, _server.Requests.Count);
    }

    [TestMethod]
    public async Task Convert_OfflineWithoutTheDoiCached_Exit1NamingTheDoi()
    {
        var requests = _server.Requests.Count;

        var offline = await RunAsync(["convert", "refs.bib", "doi:" + DoiTestServer.Known, "--to", "csljson", "--offline", .. Resolver]);
        var unreachable = await RunAsync(["convert", "refs.bib", "doi:" + DoiTestServer.Known, "--to", "csljson", "--doi-resolver", ClosedResolver, "--allow-private", "--doi-cache", "cache"]);

        Assert.AreEqual(1, offline.Exit);
        Assert.StartsWith($"doi:{DoiTestServer.Known}: error LNK0101: DOI {DoiTestServer.Known} is not in the DOI cache ({Path.Combine(_folder, "cache")}) and lookups are offline", offline.Error);
        Assert.AreEqual(1, unreachable.Exit);
        Assert.StartsWith($"doi:{DoiTestServer.Known}: error LNK0101: DOI {DoiTestServer.Known} could not be looked up at {ClosedResolver}{DoiTestServer.Known}: connection-refused: ", unreachable.Error);
        Assert.Contains("found there offline", unreachable.Error);
        foreach (var run in new[] { offline, unreachable })
        {
            using var json = JsonDocument.Parse(run.Out);
            CollectionAssert.AreEqual(new[] { "okafor2021" }, json.RootElement.EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToArray(), "the other inputs are converted");
        }

        Assert.AreEqual(requests, _server.Requests.Count);
    }

    [TestMethod]
    public async Task Convert_LoopbackResolverWithoutAllowPrivate_Exit1NotAllowedNoRequest()
    {
        var requests = _server.Requests.Count;

        var (exit, _, error) = await RunAsync("convert", "doi:" + DoiTestServer.Known, "--to", "csljson", "--doi-resolver", _server.Address.AbsoluteUri, "--doi-cache", "cache");

        Assert.AreEqual(1, exit);
        Assert.Contains("address-not-allowed: 127.0.0.1", error);
        Assert.AreEqual(requests, _server.Requests.Count);
    }

    [TestMethod]
    public async Task Format_DoiAndFileWithTheSameId_Exit1FirstKept()
    {
        var bib = Write("known.bib", $"@book{{{DoiTestServer.Known}, title = {{Local copy}}, year = 2000}}\n");

        var (exit, output, error) = await RunAsync(["format", "-s", "citations-author-date", "-i", bib, "-i", "doi:" + DoiTestServer.Known, .. Resolver]);

        Assert.AreEqual(1, exit);
        Assert.Contains($"doi:{DoiTestServer.Known}: error CIT0007: Item id '{DoiTestServer.Known}' is in both known.bib and doi:{DoiTestServer.Known}", error);
        Assert.StartsWith("Local copy.", output);
    }
}
