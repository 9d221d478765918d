namespace Citations.Links;

/// <summary>Normalises URLs so that one page cited in several spellings is checked once.</summary>
/// <remarks>Thread-safe.</remarks>
internal static class UrlNormalizer
{
    /// <summary>
    /// Parses and normalises a cited URL: surrounding whitespace and angle brackets removed, scheme and host lower-case
    /// (international names in their ASCII form), default port and fragment dropped, an empty path made <c>/</c>.
    /// The query is kept as is: its order can matter to the server.
    /// </summary>
    /// <param name="url">The URL as cited.</param>
    /// <param name="normalized">The normalised absolute http(s) URL.</param>
    /// <returns>Whether the text is an absolute http(s) URL with a host.</returns>
    public static bool TryNormalize(string? url, out Uri normalized)
    {
        normalized = null!;
        var text = url?.Trim().TrimStart('<').TrimEnd('>').Trim();
        if (string.IsNullOrEmpty(text) || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            return false;
        }

        // System.Uri already lower-cases scheme and host and drops a default port; rebuild only when needed.
        if (uri.Fragment.Length == 0 && !uri.UserEscaped && string.Equals(uri.Host, uri.IdnHost, StringComparison.Ordinal)
            && !uri.OriginalString.EndsWith('#'))
        {
            normalized = uri;
            return true;
        }

        var builder = new UriBuilder(uri)
        {
            Scheme = uri.Scheme.ToLowerInvariant(),
            Host = uri.IdnHost.ToLowerInvariant(),
            Fragment = string.Empty,
        };
        if (uri.IsDefaultPort)
        {
            builder.Port = -1;
        }

        normalized = builder.Uri;
        return true;
    }

    /// <summary>The de-duplication key of a parsed URL: its normalised absolute form.</summary>
    internal static string Key(Uri url)
    {
        if (url.Fragment.Length == 0)
        {
            return url.AbsoluteUri;
        }

        var builder = new UriBuilder(url) { Fragment = string.Empty };
        if (url.IsDefaultPort)
        {
            builder.Port = -1;
        }

        return builder.Uri.AbsoluteUri;
    }

    /// <summary>Whether two URLs are on the same site: the same host, with or without <c>www.</c>.</summary>
    internal static bool SameSite(Uri a, Uri b) => string.Equals(TrimWww(a.IdnHost), TrimWww(b.IdnHost), StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether two URLs are the same page written differently: scheme, <c>www.</c>, a trailing slash, letter case.</summary>
    internal static bool IsCanonicalization(Uri original, Uri final)
        => SameSite(original, final)
           && string.Equals(original.AbsolutePath.TrimEnd('/'), final.AbsolutePath.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
           && string.Equals(original.Query, final.Query, StringComparison.Ordinal);

    private static string TrimWww(string host) => host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;
}
