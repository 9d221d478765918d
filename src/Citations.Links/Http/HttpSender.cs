using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using System.Text;

namespace Citations.Links.Http;

/// <summary>Sends one request and turns whatever happens into a <see cref="LinkResponse"/>; only cancellation escapes as an exception.</summary>
/// <remarks>
/// <paramref name="hostHeaders"/> are sent to their own host only (never after a redirect to another one): the sender
/// is asked for each hop's URL.
/// </remarks>
internal sealed class HttpSender(HttpClient client, string userAgent, TimeProvider timeProvider, IReadOnlyList<HostRequestHeader>? hostHeaders = null)
{
    // Written as raw header text: added without parsing or allocating header objects on every request.
    private const string Accept = "text/html, application/xhtml+xml, */*;q=0.8";
    private const string AcceptEncoding = "gzip, deflate, br";

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<LinkResponse> SendAsync(Uri url, HttpMethod method, int maxBodyBytes, IReadOnlyList<KeyValuePair<string, string>>? headers, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        using var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        request.Headers.TryAddWithoutValidation("Accept", Accept);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", AcceptEncoding);
        foreach (var (name, value) in headers ?? [])
        {
            // A caller's header replaces the default of the same name (Accept, for content negotiation).
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        foreach (var header in hostHeaders ?? [])
        {
            if (string.Equals(header.Host, url.IdnHost, StringComparison.OrdinalIgnoreCase) || string.Equals(header.Host, url.Host, StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Remove(header.Name);
                request.Headers.TryAddWithoutValidation(header.Name, header.Value);
            }
        }

        // Credentials in a cited URL (user:password@host) are for its host: sent as Basic credentials, as a browser
        // would, and kept out of every result, report and history row (their URLs show user:***@).
        if (url.UserInfo.Length > 0 && request.Headers.Authorization is null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(url.UserInfo))));
        }

        HttpResponseMessage? response = null;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var contentType = response.Content.Headers.ContentType;
            var isRedirect = status is 301 or 302 or 303 or 307 or 308;

            // Redirect bodies say nothing; HEAD has none. Everything else is read, bounded, to judge the page.
            ReadOnlyMemory<byte> body = default;
            var bodyRead = false;
            var truncated = false;
            if (method != HttpMethod.Head && !isRedirect)
            {
                (var bytes, truncated) = await BodyReader.ReadAsync(response.Content, maxBodyBytes, cancellationToken).ConfigureAwait(false);
                body = bytes;
                bodyRead = true;
            }

            var responseHeaders = response.Headers;
            var retryAfter = responseHeaders.RetryAfter;
            return new LinkResponse
            {
                Url = url,
                Method = method.Method,
                StatusCode = status,
                // Raw, not parsed: a Location the parser rejects is still shown in the evidence (escaped there).
                Location = responseHeaders.NonValidated.TryGetValues("Location", out var location) ? location.ToString() : null,
                RetryAfterDelta = retryAfter?.Delta,
                RetryAfterDate = retryAfter?.Date,
                ContentType = contentType?.MediaType,
                CharSet = contentType?.CharSet,
                BotWall = IsBotWall(response),
                MementoDatetime = responseHeaders.NonValidated.TryGetValues("Memento-Datetime", out var memento)
                                  && DateTimeOffset.TryParse(memento.ToString(), System.Globalization.CultureInfo.InvariantCulture,
                                      System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var captured)
                    ? captured
                    : null,
                Link = responseHeaders.NonValidated.TryGetValues("Link", out var link) ? link.ToString() : null,
                Body = body,
                BodyRead = bodyRead,
                BodyTruncated = truncated,
                Elapsed = timeProvider.GetElapsedTime(started),
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException or InvalidDataException or OperationCanceledException or AuthenticationException)
        {
            return new LinkResponse
            {
                Url = url,
                Method = method.Method,
                StatusCode = response is null ? null : (int)response.StatusCode,
                Error = Classify(e),
                Elapsed = timeProvider.GetElapsedTime(started),
            };
        }
        finally
        {
            response?.Dispose();
        }
    }

    /// <summary>Turns a request failure into an error kind, looking through wrapped exceptions for the socket error.</summary>
    internal static LinkError Classify(Exception exception)
    {
        var message = Describe(exception);
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case AddressNotAllowedException:
                    return new LinkError(LinkErrorKind.AddressNotAllowed, e.Message);
                case SocketException socket:
                    return new LinkError(socket.SocketErrorCode switch
                    {
                        SocketError.HostNotFound or SocketError.NoData => LinkErrorKind.NameNotFound,
                        SocketError.TryAgain or SocketError.NoRecovery => LinkErrorKind.NameResolutionFailed,
                        SocketError.ConnectionRefused => LinkErrorKind.ConnectionRefused,
                        SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown or SocketError.Disconnecting => LinkErrorKind.ConnectionReset,
                        SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.NetworkDown or SocketError.HostDown => LinkErrorKind.NetworkUnreachable,
                        SocketError.TimedOut => LinkErrorKind.Timeout,
                        _ => LinkErrorKind.Other,
                    }, message);
                case AuthenticationException:
                    return new LinkError(LinkErrorKind.Tls, message);
                case InvalidDataException:
                    return new LinkError(LinkErrorKind.Protocol, message);
                case TimeoutException:
                    return new LinkError(LinkErrorKind.Timeout, message);
            }
        }

        return exception switch
        {
            OperationCanceledException => new LinkError(LinkErrorKind.Timeout, message),
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => new LinkError(LinkErrorKind.NameNotFound, message),
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => new LinkError(LinkErrorKind.Tls, message),
            HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } => new LinkError(LinkErrorKind.ConnectionReset, message),
            HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded } => new LinkError(LinkErrorKind.ConnectionReset, message),
            HttpRequestException { HttpRequestError: HttpRequestError.InvalidResponse or HttpRequestError.ConfigurationLimitExceeded } => new LinkError(LinkErrorKind.Protocol, message),
            HttpIOException => new LinkError(LinkErrorKind.Protocol, message),
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => new LinkError(LinkErrorKind.ConnectionRefused, message),
            IOException => new LinkError(LinkErrorKind.ConnectionReset, message),
            _ => new LinkError(LinkErrorKind.Other, message),
        };
    }

    private static string Describe(Exception exception)
    {
        // The innermost message names the real cause ("Connection refused"); the outer ones add the URL.
        var inner = exception;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        // Messages can quote what the server sent (an invalid status or header line): escaped, it cannot reach a terminal raw.
        return DisplayText.Escape(ReferenceEquals(inner, exception) ? exception.Message : $"{exception.Message} ({inner.Message})");
    }

    private static bool IsBotWall(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status == 999)
        {
            return true;
        }

        if (response.Headers.NonValidated.TryGetValues("cf-mitigated", out var mitigated) && mitigated.ToString().Contains("challenge", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // Challenge pages of the big CDNs answer 403, 429 or 503 and name themselves in Server.
        if (status is 403 or 429 or 503 && response.Headers.Server is { Count: > 0 } server)
        {
            var text = server.ToString();
            return text.Contains("cloudflare", StringComparison.OrdinalIgnoreCase)
                   || text.Contains("AkamaiGHost", StringComparison.OrdinalIgnoreCase)
                   || text.Contains("DDoS-Guard", StringComparison.OrdinalIgnoreCase);
        }

        return false;
    }
}
