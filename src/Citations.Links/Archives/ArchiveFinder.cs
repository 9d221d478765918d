using System.Globalization;
using System.Text;
using System.Text.Json;
using Citations.Links.Http;
using Citations.Links.Resilience;

namespace Citations.Links.Archives;

/// <summary>
/// Finds the archived copy of a page closest to a date (preferably before it) in the Wayback Machine (CDX API and its
/// <c>/web/&lt;timestamp&gt;/&lt;url&gt;</c> redirect) and in Memento TimeGates and TimeMaps (RFC 7089), and checks
/// that the copy loads.
/// </summary>
/// <remarks>Thread-safe. Each archive host has its own pipeline: timeout, retries honouring <c>Retry-After</c>, a
/// concurrency limit and a minimum interval between requests.</remarks>
public sealed class ArchiveFinder : IDisposable
{
    private const int MaxListingBytes = 4 * 1024 * 1024;
    private const int VerifyBodyBytes = 64 * 1024;

    private readonly ArchiveOptions _options;
    private readonly RequestRunner _runner;
    private readonly HttpClient? _ownedClient;

    /// <summary>Creates a finder.</summary>
    /// <param name="options">Endpoints and limits; the defaults when <see langword="null"/>.</param>
    /// <param name="httpClient">The client to use (redirects and decompression off, as <see cref="LinkHttpHandler"/> makes it); one is created when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="allowPrivateAddresses">Whether a created client may contact private addresses (tests, private archives).</param>
    /// <param name="userAgent">The <c>User-Agent</c> header.</param>
    /// <exception cref="LinkOptionsException">The options are invalid.</exception>
    public ArchiveFinder(ArchiveOptions? options = null, HttpClient? httpClient = null, TimeProvider? timeProvider = null,
        bool allowPrivateAddresses = false, string userAgent = LinkCheckerOptions.DefaultUserAgent)
    {
        _options = (options ?? new ArchiveOptions()).Clone();
        _options.Validate();
        TimeProvider = timeProvider ?? TimeProvider.System;
        if (httpClient is null)
        {
            _ownedClient = httpClient = new HttpClient(LinkHttpHandler.Create(allowPrivateAddresses), disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }

        var pipelineOptions = new LinkCheckerOptions
        {
            AttemptTimeout = _options.Timeout,
            TotalTimeout = _options.Timeout,
            PerHostMinimumInterval = _options.MinimumInterval,
            PerHostConcurrency = _options.Concurrency,
            MaxRetries = _options.MaxRetries,
        };
        _runner = new RequestRunner(new HttpSender(httpClient, userAgent, TimeProvider),
            host => LinkResilience.CreateHostPipeline(host, pipelineOptions, TimeProvider));
    }

    /// <summary>The clock used for waits and for "now".</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Finds the archived copy of a page closest to a date, preferring copies made before it.</summary>
    /// <param name="originalUrl">The page's URL.</param>
    /// <param name="reference">The date to be close to: when the source was consulted.</param>
    /// <param name="referenceIsAccessedDate">Whether <paramref name="reference"/> is the source's accessed date (for the report).</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <returns>The best copy that loads, or <see langword="null"/> when no archive has one.</returns>
    public async Task<ArchivedCopy?> FindAsync(string originalUrl, DateTimeOffset reference, bool referenceIsAccessedDate = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(originalUrl);
        var trace = new RequestTrace();
        var candidates = new List<Candidate>();
        if (_options.WaybackEndpoint is { } wayback)
        {
            if (_options.UseWaybackCdx)
            {
                candidates.AddRange(await CdxAsync(wayback, originalUrl, reference, trace, cancellationToken).ConfigureAwait(false));
            }

            if (candidates.Count == 0)
            {
                candidates.AddRange(await WaybackRedirectAsync(wayback, originalUrl, reference, trace, cancellationToken).ConfigureAwait(false));
            }
        }

        foreach (var map in _options.MementoTimeMaps)
        {
            candidates.AddRange(await TimeMapAsync(map, originalUrl, trace, cancellationToken).ConfigureAwait(false));
        }

        foreach (var gate in _options.MementoTimeGates)
        {
            candidates.AddRange(await TimeGateAsync(gate, originalUrl, reference, trace, cancellationToken).ConfigureAwait(false));
        }

        var ranked = candidates
            .DistinctBy(c => c.Url.AbsoluteUri, StringComparer.Ordinal)
            .OrderBy(c => Score(c, reference))
            .Take(_options.MaxCandidates);
        foreach (var candidate in ranked)
        {
            var copy = new ArchivedCopy
            {
                Url = candidate.Url.AbsoluteUri,
                OriginalUrl = originalUrl,
                CapturedAt = candidate.Captured ?? reference,
                Archive = candidate.Archive,
                Reference = reference,
                ReferenceIsAccessedDate = referenceIsAccessedDate,
            };
            if (!_options.Verify)
            {
                if (candidate.Captured is not null)
                {
                    return copy;
                }

                continue;
            }

            var walk = await RedirectWalker.WalkAsync(_runner, candidate.Url, HttpMethod.Get, 5, VerifyBodyBytes, trace, null, cancellationToken).ConfigureAwait(false);
            if (walk.Failure is null && walk.Last.IsSuccess)
            {
                var captured = walk.Last.MementoDatetime ?? WaybackTimestampOf(walk.FinalUrl) ?? candidate.Captured;
                if (captured is null)
                {
                    continue;
                }

                return copy with { Url = walk.FinalUrl.AbsoluteUri, CapturedAt = captured.Value, Verified = true, VerifiedStatus = walk.Last.StatusCode };
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public void Dispose() => _ownedClient?.Dispose();

    /// <summary>Ranks a candidate: distance from the reference, plus the margin when the copy postdates it; undated copies last.</summary>
    private double Score(Candidate candidate, DateTimeOffset reference)
    {
        if (candidate.Captured is not { } captured)
        {
            return double.MaxValue;
        }

        var distance = Math.Abs((captured - reference).TotalSeconds);
        return captured <= reference ? distance : distance + _options.PreferBeforeMargin.TotalSeconds;
    }

    private async Task<List<Candidate>> CdxAsync(Uri endpoint, string url, DateTimeOffset reference, RequestTrace trace, CancellationToken cancellationToken)
    {
        var query = new Uri(endpoint, "cdx/search/cdx?url=" + Uri.EscapeDataString(url)
            + "&output=json&fl=timestamp,original,statuscode&filter=statuscode:200&sort=closest&closest=" + WaybackTimestamp(reference) + "&limit=10");
        var response = await _runner.SendAsync(query, HttpMethod.Get, MaxListingBytes, trace, cancellationToken).ConfigureAwait(false);
        var found = new List<Candidate>();
        if (!response.IsSuccess || response.Body.IsEmpty)
        {
            return found;
        }

        try
        {
            using var document = JsonDocument.Parse(response.Body);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return found;
            }

            foreach (var row in document.RootElement.EnumerateArray().Skip(1))
            {
                if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() < 2)
                {
                    continue;
                }

                var timestamp = row[0].GetString();
                var original = row[1].GetString();
                if (timestamp is null || original is null || ParseWaybackTimestamp(timestamp) is not { } captured)
                {
                    continue;
                }

                found.Add(new Candidate(new Uri(endpoint, "web/" + timestamp + "/" + original), captured, "wayback"));
            }
        }
        catch (JsonException)
        {
            // A broken listing is no listing; the redirect form is tried next.
        }

        return found;
    }

    private async Task<List<Candidate>> WaybackRedirectAsync(Uri endpoint, string url, DateTimeOffset reference, RequestTrace trace, CancellationToken cancellationToken)
    {
        var request = new Uri(endpoint, "web/" + WaybackTimestamp(reference) + "/" + url);
        var response = await _runner.SendAsync(request, HttpMethod.Head, 0, trace, cancellationToken).ConfigureAwait(false);
        if (response.IsRedirect && response.Location is { } location && Uri.TryCreate(request, location, out var target)
            && WaybackTimestampOf(target) is { } captured)
        {
            return [new Candidate(target, captured, "wayback")];
        }

        return response.IsSuccess ? [new Candidate(request, response.MementoDatetime ?? WaybackTimestampOf(request), "wayback")] : [];
    }

    private async Task<List<Candidate>> TimeMapAsync(Uri prefix, string url, RequestTrace trace, CancellationToken cancellationToken)
    {
        var request = new Uri(prefix.AbsoluteUri + url);
        var walk = await RedirectWalker.WalkAsync(_runner, request, HttpMethod.Get, 3, MaxListingBytes, trace, null, cancellationToken).ConfigureAwait(false);
        if (walk.Failure is not null || !walk.Last.IsSuccess || walk.Last.Body.IsEmpty)
        {
            return [];
        }

        var text = Encoding.UTF8.GetString(walk.Last.Body.Span);
        var archive = "memento:" + prefix.Host;
        return LinkFormat.Parse(text)
            .Where(e => e.Relations.Contains("memento", StringComparer.OrdinalIgnoreCase) && e.Datetime is not null)
            .Select(e => Uri.TryCreate(walk.FinalUrl, e.Target, out var target) ? new Candidate(target, e.Datetime, archive) : null)
            .OfType<Candidate>()
            .ToList();
    }

    private async Task<List<Candidate>> TimeGateAsync(Uri prefix, string url, DateTimeOffset reference, RequestTrace trace, CancellationToken cancellationToken)
    {
        var request = new Uri(prefix.AbsoluteUri + url);
        KeyValuePair<string, string>[] headers = [new("Accept-Datetime", reference.UtcDateTime.ToString("r", CultureInfo.InvariantCulture))];
        var response = await _runner.SendAsync(request, HttpMethod.Head, 0, trace, cancellationToken, headers).ConfigureAwait(false);
        if (!response.IsRedirect || response.Location is not { } location || !Uri.TryCreate(request, location, out var target))
        {
            return [];
        }

        // The TimeGate's Link header usually names the memento it chose, with its datetime.
        DateTimeOffset? captured = null;
        if (response.Link is { } link)
        {
            captured = LinkFormat.Parse(link)
                .FirstOrDefault(e => e.Relations.Contains("memento", StringComparer.OrdinalIgnoreCase)
                                     && Uri.TryCreate(request, e.Target, out var u) && u.AbsoluteUri == target.AbsoluteUri)?.Datetime;
        }

        return [new Candidate(target, captured ?? WaybackTimestampOf(target), "memento:" + prefix.Host)];
    }

    /// <summary>Formats a date as a Wayback timestamp, <c>yyyyMMddHHmmss</c> (UTC).</summary>
    internal static string WaybackTimestamp(DateTimeOffset date) => date.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    /// <summary>Parses a Wayback timestamp (4 to 14 digits).</summary>
    internal static DateTimeOffset? ParseWaybackTimestamp(string timestamp)
    {
        if (timestamp.Length < 4 || timestamp.Length > 14 || !timestamp.All(char.IsAsciiDigit))
        {
            return null;
        }

        var padded = timestamp.PadRight(14, '0');
        if (timestamp.Length < 6)
        {
            padded = timestamp[..4] + "0101000000";
        }
        else if (timestamp.Length < 8)
        {
            padded = timestamp[..6] + "01000000";
        }

        return DateTimeOffset.TryParseExact(padded, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : null;
    }

    /// <summary>Reads the capture time from a Wayback URL (<c>/web/20200101123456/…</c>, possibly with a modifier such as <c>id_</c>).</summary>
    internal static DateTimeOffset? WaybackTimestampOf(Uri url)
    {
        var path = url.AbsolutePath;
        var at = path.IndexOf("/web/", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var start = at + 5;
        var end = start;
        while (end < path.Length && char.IsAsciiDigit(path[end]))
        {
            end++;
        }

        return end > start ? ParseWaybackTimestamp(path[start..end]) : null;
    }

    private sealed record Candidate(Uri Url, DateTimeOffset? Captured, string Archive);
}
