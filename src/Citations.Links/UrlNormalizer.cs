namespace Citations.Links;

/// <summary>Normalises URLs so that one page cited in several spellings is checked once.</summary>
/// <remarks>Thread-safe. Never throws for what a citation or a server may write: a URL that cannot be used is refused with the reason.</remarks>
internal static class UrlNormalizer
{
    /// <summary>
    /// Parses and normalises a cited URL: surrounding whitespace and angle brackets removed, scheme and host lower-case
    /// (international names in their ASCII form), default port and fragment dropped, an empty path made <c>/</c>.
    /// The query is kept as is: its order can matter to the server. Credentials (<c>user:password@</c>) are kept: the
    /// request needs them; <see cref="Key"/> and <see cref="Display"/> hide the password.
    /// </summary>
    /// <param name="url">The URL as cited.</param>
    /// <param name="normalized">The normalised absolute http(s) URL.</param>
    /// <param name="problem">Why the text is not usable, when the method returns <see langword="false"/> (a sentence, with the text escaped).</param>
    /// <returns>Whether the text is an absolute http(s) URL with a valid host.</returns>
    public static bool TryNormalize(string? url, out Uri normalized, out string problem)
    {
        normalized = null!;
        var text = url?.Trim().TrimStart('<').TrimEnd('>').Trim();
        if (string.IsNullOrEmpty(text) || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            problem = $"'{DisplayText.Url(url ?? string.Empty)}' is not an absolute http(s) URL.";
            return false;
        }

        if (!TryIdnHost(uri, out var idnHost))
        {
            problem = $"'{DisplayText.Url(url!)}' has a host name that is not a valid international domain name ('{DisplayText.Escape(uri.Host)}').";
            return false;
        }

        problem = string.Empty;

        // System.Uri already lower-cases scheme and host and drops a default port; rebuild only when needed.
        if (uri.Fragment.Length == 0 && !uri.UserEscaped && string.Equals(uri.Host, idnHost, StringComparison.Ordinal)
            && !uri.OriginalString.EndsWith('#'))
        {
            normalized = uri;
            return true;
        }

        var builder = new UriBuilder(uri)
        {
            Scheme = uri.Scheme.ToLowerInvariant(),
            Host = idnHost.ToLowerInvariant(),
            Fragment = string.Empty,
        };
        if (uri.IsDefaultPort)
        {
            builder.Port = -1;
        }

        normalized = builder.Uri;
        return true;
    }

    /// <summary>
    /// Whether an absolute URL (a redirect's target) can be requested: http(s), with a host that has an ASCII form.
    /// <see cref="Uri"/> accepts host names whose <see cref="Uri.IdnHost"/> then throws; this asks once, safely.
    /// </summary>
    /// <param name="url">The URL.</param>
    public static bool IsUsable(Uri url)
        => url.IsAbsoluteUri && url.Scheme is "http" or "https" && !string.IsNullOrEmpty(url.Host) && TryIdnHost(url, out _);

    /// <summary>The de-duplication key of a parsed, usable URL: its normalised absolute form, password hidden.</summary>
    internal static string Key(Uri url)
    {
        if (url.Fragment.Length == 0)
        {
            return Display(url);
        }

        var builder = new UriBuilder(url) { Fragment = string.Empty };
        if (url.IsDefaultPort)
        {
            builder.Port = -1;
        }

        return Display(builder.Uri);
    }

    /// <summary>A parsed URL as results, reports and the history show it: absolute, password hidden (see <see cref="DisplayText.RedactUrl"/>).</summary>
    internal static string Display(Uri url) => url.UserInfo.Length == 0 ? url.AbsoluteUri : DisplayText.RedactUrl(url.AbsoluteUri);

    /// <summary>A URL without its credentials, to give to others (an archive's search): <c>https://host/path</c>.</summary>
    internal static string WithoutCredentials(Uri url)
    {
        if (url.UserInfo.Length == 0)
        {
            return url.AbsoluteUri;
        }

        var builder = new UriBuilder(url) { UserName = string.Empty, Password = string.Empty };
        if (url.IsDefaultPort)
        {
            builder.Port = -1;
        }

        return builder.Uri.AbsoluteUri;
    }

    /// <summary>Whether two URLs are on the same site: the same host, with or without <c>www.</c>.</summary>
    internal static bool SameSite(Uri a, Uri b) => string.Equals(TrimWww(SafeIdnHost(a)), TrimWww(SafeIdnHost(b)), StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether two URLs are the same page written differently: scheme, <c>www.</c>, a trailing slash, letter case.</summary>
    internal static bool IsCanonicalization(Uri original, Uri final)
        => SameSite(original, final)
           && string.Equals(original.AbsolutePath.TrimEnd('/'), final.AbsolutePath.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
           && string.Equals(original.Query, final.Query, StringComparison.Ordinal);

    /// <summary>The ASCII form of a URL's host, or its host as written when it has none (never throws).</summary>
    internal static string SafeIdnHost(Uri url) => TryIdnHost(url, out var host) ? host : url.Host;

    private static bool TryIdnHost(Uri url, out string host)
    {
        try
        {
            host = url.IdnHost;
            return true;
        }
        catch (UriFormatException)
        {
            host = string.Empty;
            return false;
        }
    }

    private static string TrimWww(string host) => host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;
}
