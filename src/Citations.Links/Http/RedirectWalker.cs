using System.Globalization;
using System.Runtime.CompilerServices;

namespace Citations.Links.Http;

/// <summary>Follows redirects by hand, recording the chain and stopping at loops, invalid locations and the hop limit.</summary>
internal static class RedirectWalker
{
    /// <summary>How much of an unusable <c>Location</c> header the evidence keeps.</summary>
    private const int MaxShownLocation = 512;

    /// <summary>
    /// Requests <paramref name="url"/> and the redirects after it. The last response is the page's, or the one that failed.
    /// <paramref name="hostKey"/> is the first URL's <see cref="RequestRunner.HostKey"/> when the caller has it;
    /// <paramref name="headers"/> are sent with every request of the chain.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<Walk> WalkAsync(RequestRunner runner, Uri url, HttpMethod method, int maxRedirects, int maxBodyBytes, RequestTrace trace, string? hostKey, CancellationToken cancellationToken,
        IReadOnlyList<KeyValuePair<string, string>>? headers = null)
    {
        var chain = new List<RedirectHop>();
        HashSet<string>? visited = null;
        var current = url;
        var currentMethod = method;
        while (true)
        {
            var response = await runner.SendAsync(current, currentMethod, maxBodyBytes, trace, cancellationToken, headers, hostKey: chain.Count == 0 ? hostKey : null).ConfigureAwait(false);
            if (!response.IsRedirect)
            {
                return new Walk(response, current, chain, null);
            }

            if (string.IsNullOrWhiteSpace(response.Location)
                || !Uri.TryCreate(current, response.Location.Trim(), out var next)
                || !UrlNormalizer.IsUsable(next))
            {
                var location = response.Location is null
                    ? "no Location header"
                    : "an unusable Location '" + DisplayText.Url(Shorten(response.Location)) + "'";
                return new Walk(response, current, chain, new LinkError(LinkErrorKind.InvalidRedirect,
                    string.Create(CultureInfo.InvariantCulture, $"{response.StatusCode} redirect with {location}.")));
            }

            chain.Add(new RedirectHop(UrlNormalizer.Display(current), response.StatusCode!.Value, UrlNormalizer.Display(next)));
            // Most URLs never redirect: the visited set is only built when one does.
            visited ??= new HashSet<string>(StringComparer.Ordinal) { UrlNormalizer.Key(url) };
            if (!visited.Add(UrlNormalizer.Key(next)))
            {
                return new Walk(response, current, chain, new LinkError(LinkErrorKind.RedirectLoop,
                    string.Create(CultureInfo.InvariantCulture, $"The redirects loop back to {UrlNormalizer.Display(next)} after {chain.Count} hop(s).")));
            }

            if (chain.Count > maxRedirects)
            {
                return new Walk(response, current, chain, new LinkError(LinkErrorKind.TooManyRedirects,
                    string.Create(CultureInfo.InvariantCulture,
                        $"Stopped after {chain.Count} redirects, more than the limit of {maxRedirects} (MaxRedirects); no URL came back, so it is a long chain, not a loop.")));
            }

            // 303 turns any method into GET; HEAD stays HEAD otherwise.
            if (response.StatusCode == 303 && currentMethod != HttpMethod.Head)
            {
                currentMethod = HttpMethod.Get;
            }

            current = next;
        }
    }

    /// <summary>A header value cut to a length a report can show (a server may send kilobytes).</summary>
    private static string Shorten(string value) => value.Length <= MaxShownLocation ? value : value[..MaxShownLocation] + "…";
}

/// <summary>The outcome of following a URL's redirects.</summary>
/// <param name="Last">The last response.</param>
/// <param name="FinalUrl">The URL of the last response.</param>
/// <param name="Chain">The redirects followed.</param>
/// <param name="Failure">Why the walk stopped short (loop, too many, invalid location), or <see langword="null"/>.</param>
internal sealed record Walk(LinkResponse Last, Uri FinalUrl, IReadOnlyList<RedirectHop> Chain, LinkError? Failure);
