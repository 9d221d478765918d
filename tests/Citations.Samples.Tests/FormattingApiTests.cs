using System.Net;
using System.Net.Http.Json;
using System.Text;
using Citations.Tests.TestSupport;
using FormattingApi;
using Microsoft.AspNetCore.Builder;

namespace Citations.Samples.Tests;

/// <summary>Runs the FormattingApi sample on a real Kestrel server on 127.0.0.1 (a free port) and posts items to it.</summary>
[TestClass]
public sealed class FormattingApiTests
{
    private const string Items = """
        [
          {"id": "lee2020", "type": "book", "title": "Link rot in cited sources", "author": [{"family": "Lee", "given": "Ann"}],
           "issued": {"date-parts": [[2020]]}, "publisher": "Example Press"},
          {"id": "diaz2019", "type": "article-journal", "title": "Archiving the web", "author": [{"family": "Diaz", "given": "Luis"}],
           "issued": {"date-parts": [[2019]]}, "container-title": "Journal of Records", "volume": "12", "page": "1-20"}
        ]
        """;

    private static async Task<(WebApplication App, HttpClient Client)> StartAsync(params string[] args)
    {
        var app = BibliographyApi.Build(["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", .. args]);
        await app.StartAsync();
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
        return (app, client);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [TestMethod]
    public async Task PostBibliography_EmbeddedStyleDefault_TextEntriesSortedByAuthor()
    {
        var (app, client) = await StartAsync();
        await using var _ = app;
        using var __ = client;

        using var response = await client.PostAsync("/bibliography", Json(Items));

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        var answer = (await response.Content.ReadFromJsonAsync<BibliographyResponse>())!;
        Assert.AreEqual("text", answer.Format);
        CollectionAssert.AreEqual(new[] { "diaz2019", "lee2020" }, answer.Entries.Select(e => e.Id).ToArray());
        StringAssert.StartsWith(answer.Entries[0].Text, "Diaz");
        StringAssert.Contains(answer.Entries[1].Text, "Link rot in cited sources");
        Assert.IsEmpty(answer.Warnings);
    }

    [TestMethod]
    public async Task PostBibliography_ApaFromStylesFolder_ApaEntries()
    {
        var styles = Path.Combine(RepoPaths.SharedCsl, "styles");
        RepoPaths.RequireShared(Path.Combine(styles, "apa.csl"));
        var (app, client) = await StartAsync("--Citations:Csl:StylesDirectory=" + styles);
        await using var _ = app;
        using var __ = client;

        using var response = await client.PostAsync("/bibliography?style=apa&format=text", Json(Items));

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        var answer = (await response.Content.ReadFromJsonAsync<BibliographyResponse>())!;
        StringAssert.Contains(answer.Style, "apa");
        Assert.AreEqual("Diaz, L. (2019). Archiving the web. Journal of Records, 12, 1–20.", answer.Entries[0].Text);
        Assert.AreEqual("Lee, A. (2020). Link rot in cited sources. Example Press.", answer.Entries[1].Text);
    }

    [TestMethod]
    public async Task PostBibliography_BrokenJsonUnknownStyleOrPath_ClearErrors()
    {
        var (app, client) = await StartAsync();
        await using var _ = app;
        using var __ = client;

        using var broken = await client.PostAsync("/bibliography", Json("[{\"id\": \"a\",\n \"type\": }]"));
        using var unknown = await client.PostAsync("/bibliography?style=no-such-style", Json(Items));
        using var path = await client.PostAsync("/bibliography?style=../../secret.csl", Json(Items));

        Assert.AreEqual(HttpStatusCode.BadRequest, broken.StatusCode);
        StringAssert.Contains(await broken.Content.ReadAsStringAsync(), "request body");
        Assert.AreEqual(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, path.StatusCode);
    }
}
