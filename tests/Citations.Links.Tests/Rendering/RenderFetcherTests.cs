using System.Text.Json;
using Citations.Links.Http;
using Citations.Links.Rendering;
using Citations.Links.Tests.Infrastructure;

namespace Citations.Links.Tests.Rendering;

/// <summary>The browser's requests, fetched by the checker's client: the private-address guard applies to them.</summary>
[TestClass]
public sealed class RenderFetcherTests
{
    private static JsonElement Request(string url, string method = "GET")
        => JsonDocument.Parse(JsonSerializer.Serialize(new { url, method, headers = new Dictionary<string, string> { ["Accept"] = "text/html", ["Cookie"] = "a=b" } })).RootElement;

    [TestMethod]
    public async Task FetchAsync_LoopbackWithTheGuard_RefusedAsAddressUnreachable()
    {
        using var client = new HttpClient(LinkHttpHandler.Create());
        var fetcher = new RenderFetcher(client, "test", 64 * 1024, TimeSpan.FromSeconds(5));

        var answer = await fetcher.FetchAsync(Request(AssemblySetup.Site.Url("/ok", "127.0.0.1")), CancellationToken.None);

        Assert.AreEqual("AddressUnreachable", answer.ErrorReason);
        Assert.IsTrue(answer.AddressRefused);
    }

    [TestMethod]
    public async Task FetchAsync_LoopbackAllowed_AnswerWithStatusAndBody()
    {
        using var client = new HttpClient(LinkHttpHandler.Create(allowPrivateAddresses: true));
        var fetcher = new RenderFetcher(client, "test", 64 * 1024, TimeSpan.FromSeconds(5));

        var answer = await fetcher.FetchAsync(Request(AssemblySetup.Site.Url("/ok", "127.0.0.1")), CancellationToken.None);

        Assert.IsNull(answer.ErrorReason);
        Assert.AreEqual(200, answer.Status);
        Assert.IsNotEmpty(answer.Body);
    }

    [TestMethod]
    [DataRow("file:///etc/passwd", "GET")]
    [DataRow("data:text/html,hello", "GET")]
    [DataRow("http://127.0.0.1:1/", "DELETE")]
    public async Task FetchAsync_NotHttpOrUnsafeMethod_BlockedWithoutRequest(string url, string method)
    {
        using var client = new HttpClient(LinkHttpHandler.Create(allowPrivateAddresses: true));
        var fetcher = new RenderFetcher(client, "test", 64 * 1024, TimeSpan.FromSeconds(5));

        var answer = await fetcher.FetchAsync(Request(url, method), CancellationToken.None);

        Assert.AreEqual("BlockedByClient", answer.ErrorReason);
    }
}
