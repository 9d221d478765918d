using System.Runtime.CompilerServices;

namespace Citations.Links.Http;

/// <summary>Follows redirects by hand, recording the chain and stopping at loops, invalid locations and the hop limit.</summary>
internal static class RedirectWalker
{
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
                || next.Scheme is not ("http" or "https"))
            {
                return new Walk(response, current, chain, new LinkError(LinkErrorKind.InvalidRedirect,
                    $"{response.StatusCode} redirect with an unusable Location '{response.Location}'."));
            }

            chain.Add(new RedirectHop(current.AbsoluteUri, response.StatusCode!.Value, next.AbsoluteUri));
            // Most URLs never redirect: the visited set is only built when one does.
            visited ??= new HashSet<string>(StringComparer.Ordinal) { UrlNormalizer.Key(url) };
            if (!visited.Add(UrlNormalizer.Key(next)))
            {
                return new Walk(response, current, chain, new LinkError(LinkErrorKind.RedirectLoop,
                    $"The redirects loop back to {next.AbsoluteUri} after {chain.Count} hop(s)."));
            }

            if (chain.Count > maxRedirects)
            {
                return new Walk(response, current, chain, new LinkError(LinkErrorKind.TooManyRedirects,
                    $"More than {maxRedirects} redirects."));
            }

            // 303 turns any method into GET; HEAD stays HEAD otherwise.
            if (response.StatusCode == 303 && currentMethod != HttpMethod.Head)
            {
                currentMethod = HttpMethod.Get;
            }

            current = next;
        }
    }
}

/// <summary>The outcome of following a URL's redirects.</summary>
/// <param name="Last">The last response.</param>
/// <param name="FinalUrl">The URL of the last response.</param>
/// <param name="Chain">The redirects followed.</param>
/// <param name="Failure">Why the walk stopped short (loop, too many, invalid location), or <see langword="null"/>.</param>
internal sealed record Walk(LinkResponse Last, Uri FinalUrl, IReadOnlyList<RedirectHop> Chain, LinkError? Failure);
