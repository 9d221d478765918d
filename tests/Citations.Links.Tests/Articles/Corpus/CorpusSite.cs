using System.Globalization;
using System.Text;
using System.Text.Json;
using Citations.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Citations.Tests.ArticleCorpus;

/// <summary>
/// The article corpus's web site on 127.0.0.1 (a real Kestrel server): the articles under <c>/articles/</c>, the pages
/// they cite under <c>/pages/</c>, and the routes <c>site.json</c> names — redirects, a PDF, a huge page (generated,
/// about 6 MB: its metadata in the head, then tables), and a DOI resolver under <c>/doi/</c> that answers CSL-JSON for
/// the DOIs it knows and 404 for the others. Anything else is 404. <c>{{BASE}}</c> in a served file becomes the
/// site's address.
/// </summary>
/// <remarks>Shared by the library's measurement (Citations.Links.Tests) and the CLI's (Citations.Cli.Tests, linked).</remarks>
internal sealed class CorpusSite : IAsyncDisposable
{
    /// <summary>The size of the generated huge page, over the extractor's 4 MiB read cap.</summary>
    public const int HugePageBytes = 6 * 1024 * 1024;

    private readonly WebApplication _server;

    private CorpusSite(WebApplication server, string address)
    {
        _server = server;
        Address = address;
    }

    /// <summary>The corpus folder: <c>tests/Citations.Links.Tests/Articles/Corpus</c>.</summary>
    public static string Folder { get; } = Path.Combine(RepoPaths.Root, "tests", "Citations.Links.Tests", "Articles", "Corpus");

    /// <summary>The site's address, <c>http://127.0.0.1:PORT</c> (no trailing slash).</summary>
    public string Address { get; }

    /// <summary>The DOI resolver's address (ends with a slash).</summary>
    public Uri DoiResolver => new(Address + "/doi/");

    /// <summary>Starts the site on a free loopback port.</summary>
    public static async Task<CorpusSite> StartAsync()
    {
        using var siteJson = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, "site.json")));
        var root = siteJson.RootElement;
        var redirects = root.GetProperty("redirects").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        var files = root.GetProperty("files").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        var huge = root.GetProperty("huge").GetString()!;
        var dois = root.GetProperty("dois").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText(), StringComparer.OrdinalIgnoreCase);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = builder.Build();
        string address = null!;
        server.Run(async http =>
        {
            var path = http.Request.Path.Value ?? "/";
            if (redirects.TryGetValue(path, out var to))
            {
                http.Response.StatusCode = path.EndsWith("-2", StringComparison.Ordinal) ? 301 : 302;
                http.Response.Headers.Location = to;
                return;
            }

            if (files.TryGetValue(path, out var mediaType))
            {
                http.Response.ContentType = mediaType;
                await http.Response.Body.WriteAsync("%PDF-1.4\n% a stand-in\n"u8.ToArray());
                return;
            }

            if (path == huge)
            {
                await WriteHugePageAsync(http.Response);
                return;
            }

            if (path.StartsWith("/doi/", StringComparison.Ordinal))
            {
                var doi = Uri.UnescapeDataString(path["/doi/".Length..]);
                if (dois.TryGetValue(doi, out var csl))
                {
                    http.Response.ContentType = "application/vnd.citationstyles.csl+json; charset=utf-8";
                    await http.Response.WriteAsync(csl);
                }
                else
                {
                    http.Response.StatusCode = 404;
                }

                return;
            }

            var file = path.StartsWith("/pages/", StringComparison.Ordinal) ? Path.Combine(Folder, "site", path["/pages/".Length..])
                : path.StartsWith("/articles/", StringComparison.Ordinal) ? Path.Combine(Folder, "articles", path["/articles/".Length..])
                : path.StartsWith("/sample/", StringComparison.Ordinal) ? Path.Combine(Folder, "sample", path["/sample/".Length..])
                : null;
            if (file is null || file.Contains("..", StringComparison.Ordinal) || !File.Exists(file))
            {
                http.Response.StatusCode = 404;
                return;
            }

            http.Response.ContentType = file.EndsWith(".md", StringComparison.Ordinal) ? "text/markdown; charset=utf-8" : "text/html; charset=utf-8";
            await http.Response.WriteAsync(Fill(await File.ReadAllTextAsync(file), address));
        });
        await server.StartAsync();
        address = server.Urls.First().TrimEnd('/');
        return new CorpusSite(server, address);
    }

    /// <summary>A corpus file's text with <c>{{BASE}}</c> replaced by the site's address.</summary>
    public static string Fill(string text, string address) => text.Replace("{{BASE}}", address, StringComparison.Ordinal);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static async Task WriteHugePageAsync(HttpResponse response)
    {
        response.ContentType = "text/html; charset=utf-8";
        var head = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Census tables</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"Dataset","name":"Census of agriculture 2022: full tables","author":{"@type":"GovernmentOrganization","name":"National Statistics Office"},"datePublished":"2023-11-30","publisher":{"@type":"GovernmentOrganization","name":"National Statistics Office"}}</script>
            </head><body><h1>Census of agriculture 2022</h1><table>
            """;
        await response.WriteAsync(head);
        var written = head.Length;
        var rows = new StringBuilder();
        for (var county = 1; written < HugePageBytes; county++)
        {
            var before = rows.Length;
            rows.Append(CultureInfo.InvariantCulture, $"<tr><td>County {county}</td><td>{county * 37 % 1000}</td><td>{county * 113 % 5000} ha</td></tr>\n");
            written += rows.Length - before;
            if (rows.Length > 64 * 1024)
            {
                await response.WriteAsync(rows.ToString());
                rows.Clear();
            }
        }

        await response.WriteAsync(rows.ToString());

        await response.WriteAsync("</table></body></html>");
    }
}
