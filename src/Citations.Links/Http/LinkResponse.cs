
namespace Citations.Links.Http;

/// <summary>
/// The outcome of one HTTP request made by the checker: the response's status, the headers that matter for a verdict
/// and a bounded prefix of the body — or the error that stopped it. The unit the per-host resilience pipelines work on.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record LinkResponse
{
    /// <summary>The URL requested.</summary>
    public required Uri Url { get; init; }

    /// <summary>The request method.</summary>
    public required string Method { get; init; }

    /// <summary>The status code, or <see langword="null"/> when the request failed (see <see cref="Error"/>).</summary>
    public int? StatusCode { get; init; }

    /// <summary>The <c>Location</c> header, unresolved, if any.</summary>
    public string? Location { get; init; }

    /// <summary>A <c>Retry-After</c> header given in seconds.</summary>
    public TimeSpan? RetryAfterDelta { get; init; }

    /// <summary>A <c>Retry-After</c> header given as an HTTP date.</summary>
    public DateTimeOffset? RetryAfterDate { get; init; }

    /// <summary>The media type, if any.</summary>
    public string? ContentType { get; init; }

    /// <summary>The <c>charset</c> parameter of the content type, if any.</summary>
    public string? CharSet { get; init; }

    /// <summary>The <c>Memento-Datetime</c> header (RFC 7089): when an archived copy was captured.</summary>
    public DateTimeOffset? MementoDatetime { get; init; }

    /// <summary>The <c>Link</c> header, if any (RFC 8288; Memento TimeGates list mementos in it).</summary>
    public string? Link { get; init; }

    /// <summary>Whether the response carries a known bot-wall marker (a challenge page from a CDN).</summary>
    public bool BotWall { get; init; }

    /// <summary>The body bytes read, after decompression (empty for <c>HEAD</c>, redirects and failures).</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Whether the body was read (as opposed to empty).</summary>
    public bool BodyRead { get; init; }

    /// <summary>Whether the body was longer than the cap and cut.</summary>
    public bool BodyTruncated { get; init; }

    /// <summary>How long the request took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Why the request failed, or <see langword="null"/> when a response came.</summary>
    public LinkError? Error { get; init; }

    /// <summary>Whether the status is a redirect that carries a location (301, 302, 303, 307, 308).</summary>
    public bool IsRedirect => StatusCode is 301 or 302 or 303 or 307 or 308;

    /// <summary>Whether the status is 2xx.</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>
    /// Whether trying again may give another answer: 408, 429, 5xx other than 501 and 505, a reset connection, a
    /// temporary DNS failure or a broken response. Not-found, refusals and TLS failures are not transient.
    /// </summary>
    public bool IsTransientFailure => StatusCode switch
    {
        408 or 429 => true,
        >= 500 and < 600 and not 501 and not 505 => !BotWall,
        null => Error?.Kind is LinkErrorKind.ConnectionReset or LinkErrorKind.NameResolutionFailed or LinkErrorKind.Protocol or LinkErrorKind.Timeout,
        _ => false,
    };
}
