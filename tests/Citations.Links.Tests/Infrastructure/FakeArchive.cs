using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Citations.Links.Tests.Infrastructure;

/// <summary>
/// A small Wayback Machine and Memento archive: CDX listings, closest-capture redirects, TimeMaps, a TimeGate and the
/// mementos themselves. Captures of every URL exist at fixed dates; the 2020-05-25 capture is broken (404).
/// </summary>
internal static class FakeArchive
{
    public const string Before = "20200520000000";
    public const string Broken = "20200525000000";
    public const string After = "20200605000000";
    public const string MementoBefore = "20200530000000";

    public static async Task HandleAsync(HttpContext context, TestSite site)
    {
        var path = context.Request.Path.Value!;
        var response = context.Response;
        if (path == "/archive/cdx/search/cdx")
        {
            var url = context.Request.Query["url"].ToString();
            if (url.Contains("never-archived", StringComparison.Ordinal))
            {
                await response.WriteAsync("[]");
                return;
            }

            response.ContentType = "application/json";
            string[][] rows = [["timestamp", "original", "statuscode"], [Before, url, "200"], [After, url, "200"], [Broken, url, "200"]];
            await response.WriteAsync(JsonSerializer.Serialize(rows));
            return;
        }

        if (path.StartsWith("/archive/web/", StringComparison.Ordinal))
        {
            var rest = path["/archive/web/".Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var timestamp = rest[..slash];
            var original = rest[(slash + 1)..] + context.Request.QueryString;
            if (original.Contains("never-archived", StringComparison.Ordinal) || timestamp == Broken)
            {
                response.StatusCode = 404;
                return;
            }

            if (timestamp is Before or After)
            {
                await site.Html(context, "Archived", "<p>" + TestSite.ArticleText + "</p>");
                return;
            }

            TestSite.Redirect(context, "/archive/web/" + Before + "/" + original, 302);
            return;
        }

        if (path.StartsWith("/memento/timemap/link/", StringComparison.Ordinal))
        {
            var original = path["/memento/timemap/link/".Length..];
            response.ContentType = "application/link-format";
            await response.WriteAsync(
                $"<{original}>; rel=\"original\",\n" +
                $"<{Memento("20190101000000", original)}>; rel=\"first memento\"; datetime=\"{Http("20190101000000")}\",\n" +
                $"<{Memento(MementoBefore, original)}>; rel=\"memento\"; datetime=\"{Http(MementoBefore)}\",\n" +
                $"<{Memento("20200610000000", original)}>; rel=\"last memento\"; datetime=\"{Http("20200610000000")}\"\n");
            return;
        }

        if (path.StartsWith("/memento/timegate/", StringComparison.Ordinal))
        {
            var original = path["/memento/timegate/".Length..];
            var accept = context.Request.Headers["Accept-Datetime"].ToString();
            var chosen = accept.Length > 0 ? MementoBefore : "20200610000000";
            response.Headers["Vary"] = "accept-datetime";
            response.Headers["Link"] = $"<{original}>; rel=\"original\", <{Memento(chosen, original)}>; rel=\"memento\"; datetime=\"{Http(chosen)}\"";
            TestSite.Redirect(context, Memento(chosen, original), 302);
            return;
        }

        if (path.StartsWith("/memento/m/", StringComparison.Ordinal))
        {
            var timestamp = path["/memento/m/".Length..][..14];
            response.Headers["Memento-Datetime"] = Http(timestamp);
            await site.Html(context, "Memento", "<p>" + TestSite.ArticleText + "</p>");
            return;
        }

        response.StatusCode = 404;
    }

    private static string Memento(string timestamp, string original) => "/memento/m/" + timestamp + "/" + original;

    private static string Http(string timestamp)
        => DateTime.ParseExact(timestamp, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
            .ToString("r", CultureInfo.InvariantCulture);
}
