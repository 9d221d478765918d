using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Citations.Links.Http;

namespace Citations.Links.Rendering;

/// <summary>
/// Fetches what a rendered page asks for, through the checker's own client: the private-address guard of
/// <see cref="LinkHttpHandler"/> applies at connect time, bodies are capped after decompression, redirects are handed
/// back to the browser one hop at a time (so each hop is fetched, and guarded, here too).
/// </summary>
/// <remarks>Thread-safe; one per browser.</remarks>
internal sealed class RenderFetcher(HttpClient client, string userAgent, int maxBodyBytes, TimeSpan attemptTimeout)
{
    /// <summary>Request headers the browser sets that are not passed on (the client sets its own, or they do not apply).</summary>
    private static readonly HashSet<string> DroppedRequestHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "host", "connection", "keep-alive", "cookie", "user-agent", "accept-encoding", "content-length", "transfer-encoding", "upgrade",
        "proxy-authorization", "proxy-connection", "te", "trailer",
    };

    /// <summary>Response headers not passed to the browser: the body is decoded and re-framed here.</summary>
    private static readonly HashSet<string> DroppedResponseHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "content-encoding", "content-length", "transfer-encoding", "connection", "keep-alive", "set-cookie", "alt-svc", "strict-transport-security", "trailer",
    };

    /// <summary>Fetches one request as the browser described it.</summary>
    /// <param name="request">The <c>request</c> object of a <c>Fetch.requestPaused</c> event.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>The answer, or why there is none.</returns>
    public async Task<FetchedAnswer> FetchAsync(JsonElement request, CancellationToken cancellationToken)
    {
        var url = request.GetProperty("url").GetString();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return FetchedAnswer.Refused("BlockedByClient", "not an http(s) URL");
        }

        var method = request.TryGetProperty("method", out var m) ? m.GetString() ?? "GET" : "GET";
        if (method is not ("GET" or "HEAD" or "POST" or "OPTIONS"))
        {
            return FetchedAnswer.Refused("BlockedByClient", "method " + method + " is not sent");
        }

        using var message = new HttpRequestMessage(new HttpMethod(method), uri);
        message.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        message.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br");
        if (method == "POST" && PostData(request) is { } body)
        {
            message.Content = new ByteArrayContent(body);
        }

        if (request.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in headers.EnumerateObject())
            {
                if (DroppedRequestHeaders.Contains(header.Name) || header.Value.GetString() is not { } value)
                {
                    continue;
                }

                if (!message.Headers.TryAddWithoutValidation(header.Name, value) && message.Content is not null)
                {
                    message.Content.Headers.TryAddWithoutValidation(header.Name, value);
                }
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(attemptTimeout);
        try
        {
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var (bytes, _) = method == "HEAD" ? ([], false) : await BodyReader.ReadAsync(response.Content, maxBodyBytes, timeout.Token).ConfigureAwait(false);
            var answerHeaders = new List<KeyValuePair<string, string>>();
            Collect(answerHeaders, response.Headers);
            Collect(answerHeaders, response.Content.Headers);
            return new FetchedAnswer((int)response.StatusCode, answerHeaders, bytes, null, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException or OperationCanceledException)
        {
            var error = HttpSender.Classify(e);
            return FetchedAnswer.Refused(error.Kind switch
            {
                LinkErrorKind.AddressNotAllowed => "AddressUnreachable",
                LinkErrorKind.NameNotFound or LinkErrorKind.NameResolutionFailed => "NameNotResolved",
                LinkErrorKind.ConnectionRefused => "ConnectionRefused",
                LinkErrorKind.Timeout => "TimedOut",
                _ => "Failed",
            }, error.Message, error.Kind == LinkErrorKind.AddressNotAllowed);
        }
    }

    private static byte[]? PostData(JsonElement request)
    {
        if (request.TryGetProperty("postData", out var text) && text.GetString() is { } data)
        {
            return Encoding.UTF8.GetBytes(data);
        }

        if (!request.TryGetProperty("postDataEntries", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        using var all = new MemoryStream();
        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.TryGetProperty("bytes", out var bytes) && bytes.GetString() is { } base64)
            {
                all.Write(Convert.FromBase64String(base64));
            }
        }

        return all.ToArray();
    }

    private static void Collect(List<KeyValuePair<string, string>> into, HttpHeaders headers)
    {
        foreach (var (name, values) in headers.NonValidated)
        {
            if (!DroppedResponseHeaders.Contains(name))
            {
                foreach (var value in values)
                {
                    into.Add(new(name, value));
                }
            }
        }
    }
}

/// <summary>What fetching a browser's request gave: a status, headers and body; or the reason (a network error name of the DevTools protocol) it was refused or failed.</summary>
/// <param name="Status">The status code (0 when refused).</param>
/// <param name="Headers">The response headers to give the browser.</param>
/// <param name="Body">The body, decoded and capped.</param>
/// <param name="ErrorReason">The protocol's <c>ErrorReason</c> when there is no answer (<c>BlockedByClient</c>, <c>AddressUnreachable</c>…).</param>
/// <param name="Why">Why, in words, when there is no answer.</param>
internal sealed record FetchedAnswer(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, string? ErrorReason, string? Why)
{
    /// <summary>Whether the address guard refused it.</summary>
    public bool AddressRefused { get; init; }

    /// <summary>An answer refused or failed before any response.</summary>
    public static FetchedAnswer Refused(string reason, string why, bool addressRefused = false) => new(0, [], [], reason, why) { AddressRefused = addressRefused };
}
