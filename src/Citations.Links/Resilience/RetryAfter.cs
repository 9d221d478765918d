using Citations.Links.Http;

namespace Citations.Links.Resilience;

/// <summary>Reads the wait a server asks for with <c>Retry-After</c>, in either of its forms (RFC 9110 §10.2.3).</summary>
public static class RetryAfter
{
    /// <summary>Gets the wait a response asks for, capped.</summary>
    /// <param name="response">The response.</param>
    /// <param name="now">The current time, for the HTTP-date form.</param>
    /// <param name="cap">The longest wait to honour.</param>
    /// <param name="requested">The wait the server asked for, before capping.</param>
    /// <param name="delay">The wait to use: the request, at most <paramref name="cap"/>, never negative.</param>
    /// <returns>Whether the response carries a <c>Retry-After</c> header.</returns>
    public static bool TryGetDelay(LinkResponse response, DateTimeOffset now, TimeSpan cap, out TimeSpan requested, out TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.RetryAfterDelta is { } delta)
        {
            requested = delta;
        }
        else if (response.RetryAfterDate is { } date)
        {
            requested = date - now;
        }
        else
        {
            requested = delay = TimeSpan.Zero;
            return false;
        }

        if (requested < TimeSpan.Zero)
        {
            requested = TimeSpan.Zero;
        }

        delay = requested > cap ? cap : requested;
        return true;
    }
}
