namespace Citations.Links;

/// <summary>What a check saw, so that a verdict can be trusted or questioned: status codes, final URL, timing, error.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record LinkEvidence
{
    /// <summary>The status code of the last response, or <see langword="null"/> when no response came.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The URL the redirects ended at (the cited URL when there were none), or <see langword="null"/> when no response came.</summary>
    public string? FinalUrl { get; init; }

    /// <summary>The redirects followed, in order.</summary>
    public IReadOnlyList<RedirectHop> RedirectChain { get; init; } = [];

    /// <summary>For <see cref="LinkVerdict.Redirected"/>: whether the move is permanent and where to.</summary>
    public RedirectInfo? Redirect { get; init; }

    /// <summary>The method of the request that decided the verdict (<c>HEAD</c> or <c>GET</c>).</summary>
    public string? Method { get; init; }

    /// <summary>How many HTTP requests the check made in all (retries, GET fallback, soft-404 probe included).</summary>
    public int Requests { get; init; }

    /// <summary>How long the check took, waiting included.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Why no usable response came, or <see langword="null"/>.</summary>
    public LinkError? Error { get; init; }

    /// <summary>The media type of the last response, if any.</summary>
    public string? ContentType { get; init; }

    /// <summary>How many body bytes were read (after decompression), or <see langword="null"/> when no body was read.</summary>
    public long? BodyBytes { get; init; }

    /// <summary>Whether the body was longer than the cap and only its beginning was read.</summary>
    public bool BodyTruncated { get; init; }

    /// <summary>The longest wait a server asked for with <c>Retry-After</c> during the check, if any.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Short sentences explaining the verdict, such as "HEAD refused (405); checked with GET".</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>
    /// What the connectivity probe answered, when the check's failure could have been explained by the checker having
    /// no network and the probe was asked; <see langword="null"/> when it was not asked.
    /// </summary>
    public ConnectivityCheck? Connectivity { get; init; }
}

/// <summary>What the connectivity probe answered for a check: whether the checker was online, when it was asked, and how long it took.</summary>
/// <param name="Online">Whether the checker had a network (a probe that failed counts as online, so the verdict stands).</param>
/// <param name="CheckedAt">When the probe was started (by the checker's clock); runs share an answer for a minute.</param>
/// <param name="Duration">How long the probe took.</param>
public sealed record ConnectivityCheck(bool Online, DateTimeOffset CheckedAt, TimeSpan Duration);

/// <summary>One redirect: the URL requested, the status it answered with and where it pointed.</summary>
/// <param name="Url">The URL requested.</param>
/// <param name="StatusCode">The redirect status (301, 302, 303, 307, 308).</param>
/// <param name="Location">The <c>Location</c> header resolved against <paramref name="Url"/>.</param>
public sealed record RedirectHop(string Url, int StatusCode, string Location);

/// <summary>Whether a redirect says the page moved for good.</summary>
public enum RedirectKind
{
    /// <summary>Every hop was 301 or 308: cite the new URL.</summary>
    Permanent,

    /// <summary>At least one hop was 302, 303 or 307: the cited URL is still the address to cite.</summary>
    Temporary,
}

/// <summary>Where a redirected link leads.</summary>
/// <param name="Kind">Whether the move is permanent.</param>
/// <param name="Target">The final URL.</param>
/// <param name="IsCanonicalization">Whether the target is the same page written differently (http→https, <c>www.</c>, a trailing slash, letter case), which rarely needs an edit.</param>
public sealed record RedirectInfo(RedirectKind Kind, string Target, bool IsCanonicalization);

/// <summary>Why a check got no usable response.</summary>
public enum LinkErrorKind
{
    /// <summary>The host name does not exist in DNS.</summary>
    NameNotFound,

    /// <summary>DNS failed for another reason (server failure, timeout).</summary>
    NameResolutionFailed,

    /// <summary>The server refused the connection.</summary>
    ConnectionRefused,

    /// <summary>The connection was reset or closed before a complete response.</summary>
    ConnectionReset,

    /// <summary>No route to the host or its network.</summary>
    NetworkUnreachable,

    /// <summary>The TLS handshake failed (certificate, protocol).</summary>
    Tls,

    /// <summary>No answer in time.</summary>
    Timeout,

    /// <summary>The redirects lead back to a URL already visited.</summary>
    RedirectLoop,

    /// <summary>More redirects than the options allow.</summary>
    TooManyRedirects,

    /// <summary>A redirect without a usable <c>Location</c>, or to a scheme other than http(s).</summary>
    InvalidRedirect,

    /// <summary>The host resolves to an address the checker may not contact (loopback, private, link-local, metadata).</summary>
    AddressNotAllowed,

    /// <summary>Not requested: the host failed repeatedly and its circuit breaker is open.</summary>
    CircuitOpen,

    /// <summary>The checker itself has no network.</summary>
    Offline,

    /// <summary>The response broke the HTTP protocol.</summary>
    Protocol,

    /// <summary>The URL is not an absolute http(s) URL.</summary>
    InvalidUrl,

    /// <summary>Another failure; see the message.</summary>
    Other,
}

/// <summary>Why a check got no usable response, with the underlying message.</summary>
/// <param name="Kind">The kind of failure.</param>
/// <param name="Message">The message of the underlying error, for humans.</param>
public sealed record LinkError(LinkErrorKind Kind, string Message);
