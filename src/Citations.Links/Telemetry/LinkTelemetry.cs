namespace Citations.Links.Telemetry;

/// <summary>
/// The names under which link checks report what they do, for OpenTelemetry and <c>dotnet-counters</c>: one activity
/// source and one meter, both named <see cref="Name"/>, and the names of their spans, instruments and attributes.
/// </summary>
/// <remarks>
/// <para>Spans: <see cref="CheckActivity"/> around each distinct URL's check (history lookup, requests, archive search
/// and recording included; the HTTP client's own spans nest inside it), with <c>url.full</c> (password hidden),
/// <c>server.address</c>, <c>server.port</c>, <c>http.response.status_code</c>, <see cref="VerdictAttribute"/>,
/// <see cref="FromHistoryAttribute"/> and, for a broken link, <c>error.type</c> (the verdict) and an error status.</para>
/// <para>Instruments: <see cref="ChecksCounter"/> (checks by verdict) and <see cref="DurationHistogram"/> (seconds per
/// check, by verdict), both tagged with <see cref="VerdictAttribute"/> and <see cref="FromHistoryAttribute"/>.</para>
/// <para>Subscribe with <c>AddSource(LinkTelemetry.Name)</c> and <c>AddMeter(LinkTelemetry.Name)</c>. Polly's own
/// telemetry (retries, circuit breaker, timeouts) goes to the logger factory given to the checker.</para>
/// </remarks>
public static class LinkTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "Citations.Links";

    /// <summary>The span around one URL's check.</summary>
    public const string CheckActivity = "citations.link.check";

    /// <summary>A counter of checked URLs (unit <c>{check}</c>).</summary>
    public const string ChecksCounter = "citations.link.checks";

    /// <summary>A histogram of how long one URL's check took, in seconds (unit <c>s</c>).</summary>
    public const string DurationHistogram = "citations.link.check.duration";

    /// <summary>The attribute holding the verdict's report name (<c>alive</c>, <c>gone</c>…).</summary>
    public const string VerdictAttribute = "citations.link.verdict";

    /// <summary>The attribute saying whether the result came from the history (<see cref="LinkCheckerOptions.MaxAge"/>) rather than the network.</summary>
    public const string FromHistoryAttribute = "citations.link.from_history";
}
