using Citations.Links.Extraction;

namespace Citations.Links.Tests.Extraction;

/// <summary>
/// <see cref="LinkExtractionOptions.BaseUrl"/>: relative links of Markdown and HTML resolved as a browser resolves them
/// for a page published at that address, a <c>&lt;base href&gt;</c> in the page winning over it.
/// </summary>
[TestClass]
public sealed class BaseUrlTests
{
    private static readonly LinkExtractionOptions Published = new() { BaseUrl = new Uri("https://news.example/articles/2026/piece.html") };

    private const string Html = """
        <p><a href="../y">up</a> <img src="img/chart.png" alt="chart">
        <a href="/z">root</a> <a href="//other.example/p">protocol-relative</a> <a href="https://abs.example/">absolute</a></p>
        """;

    private static string[] Urls(string text, LinkFileKind kind, LinkExtractionOptions? options)
        => [.. LinkTargetReader.Read(text, kind, "page", options).Value!.Select(t => t.Url)];

    [TestMethod]
    public void Read_HtmlWithBaseUrl_RelativeRootAndProtocolRelativeResolved()
    {
        var result = LinkTargetReader.Read(Html, LinkFileKind.Html, "page.html", Published);

        CollectionAssert.AreEqual(
            new[] { "https://news.example/articles/y", "https://news.example/articles/2026/img/chart.png", "https://news.example/z", "https://other.example/p", "https://abs.example/" },
            result.Value!.Select(t => t.Url).ToArray());
        Assert.IsEmpty(result.Diagnostics, "nothing is left out");
    }

    [TestMethod]
    public void Read_HtmlWithoutBaseUrl_RelativeLeftOutWithInfoProtocolRelativeOverHttps()
    {
        var result = LinkTargetReader.Read(Html, LinkFileKind.Html, "page.html");

        CollectionAssert.AreEqual(new[] { "https://other.example/p", "https://abs.example/" }, result.Value!.Select(t => t.Url).ToArray());
        Assert.HasCount(3, result.Diagnostics);
        Assert.IsTrue(result.Diagnostics.All(d => d.Code == LinkDiagnosticCodes.RelativeLink), string.Join("\n", result.Diagnostics));
    }

    [TestMethod]
    public void Read_ProtocolRelativeWithHttpBase_TakesTheBaseScheme()
        => CollectionAssert.AreEqual(new[] { "http://other.example/p" },
            Urls("<a href='//other.example/p'>x</a>", LinkFileKind.Html, new LinkExtractionOptions { BaseUrl = new Uri("http://plain.example/") }));

    [TestMethod]
    public void Read_MarkdownWithBaseUrl_RelativeAndRootRelativeResolved()
    {
        var urls = Urls("See [x](../y), ![chart](img/c.png), [root](/z) and [p](//other.example/p).\n", LinkFileKind.Markdown, Published);

        CollectionAssert.AreEqual(new[] { "https://news.example/articles/y", "https://news.example/articles/2026/img/c.png", "https://news.example/z", "https://other.example/p" }, urls);
    }

    [TestMethod]
    public void Read_MarkdownWithoutBaseUrl_RelativeLeftOut()
        => CollectionAssert.AreEqual(new[] { "https://other.example/p" }, Urls("See [x](../y), [root](/z) and [p](//other.example/p).\n", LinkFileKind.Markdown, null));

    [TestMethod]
    public void Read_AbsoluteBaseHrefInThePage_WinsOverBaseUrl()
    {
        var urls = Urls("<base href='https://mirror.example/docs/'><a href='../y'>up</a> <a href='/z'>root</a>", LinkFileKind.Html, Published);

        CollectionAssert.AreEqual(new[] { "https://mirror.example/y", "https://mirror.example/z" }, urls);
    }

    [TestMethod]
    public void Read_RelativeBaseHrefInThePage_ResolvedAgainstBaseUrl()
    {
        var urls = Urls("<base href='/docs/v2/'><a href='../y'>up</a> <a href='page'>here</a>", LinkFileKind.Html, Published);

        CollectionAssert.AreEqual(new[] { "https://news.example/docs/y", "https://news.example/docs/v2/page" }, urls);
    }

    [TestMethod]
    public void Read_RelativeBaseHrefWithoutBaseUrl_RelativeLinksLeftOutAsToday()
    {
        var result = LinkTargetReader.Read("<base href='/docs/'><a href='page'>here</a>", LinkFileKind.Html, "page.html");

        Assert.IsEmpty(result.Value!);
        Assert.AreEqual(LinkDiagnosticCodes.RelativeLink, result.Diagnostics.Single().Code);
    }

    [TestMethod]
    public void Read_BaseHrefInMarkdownHtmlBlock_WinsOverBaseUrl()
    {
        var urls = Urls("<base href=\"https://mirror.example/docs/\">\n\nSee [x](../y).\n", LinkFileKind.Markdown, Published);

        CollectionAssert.AreEqual(new[] { "https://mirror.example/y" }, urls);
    }

    [TestMethod]
    [DataRow("ftp://files.example/")]
    [DataRow("file:///tmp/x")]
    public void BaseUrl_NotHttp_ArgumentException(string url)
        => Assert.ThrowsExactly<ArgumentException>(() => new LinkExtractionOptions { BaseUrl = new Uri(url) });

    [TestMethod]
    public void BaseUrl_Relative_ArgumentException()
        => Assert.ThrowsExactly<ArgumentException>(() => new LinkExtractionOptions { BaseUrl = new Uri("/docs/", UriKind.Relative) });
}
