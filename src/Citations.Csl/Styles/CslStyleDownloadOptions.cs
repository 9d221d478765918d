using System.Globalization;

namespace Citations.Csl.Styles;

/// <summary>
/// Options for <see cref="CslStyleSources.Download"/>: where styles are downloaded from, where they are cached and how
/// hard to try. Validated once, when the source is created; every problem is reported together.
/// </summary>
/// <remarks>
/// The server must have the layout of the official CSL distribution: independent styles at <c>BASE/NAME.csl</c>,
/// dependent styles at <c>BASE/dependent/NAME.csl</c>. A style is looked up by the last segment of its name or id
/// (<c>apa</c>, <c>http://www.zotero.org/styles/apa</c>), so ids from the official repository work as they are.
/// </remarks>
public sealed class CslStyleDownloadOptions
{
    /// <summary>The official distribution of CSL styles (the files Zotero, Mendeley and others install).</summary>
    public const string DefaultBaseAddress = "https://raw.githubusercontent.com/citation-style-language/styles-distribution/master/";

    /// <summary>The server's base address; a missing trailing slash is added.
    /// <value>Default: <see cref="DefaultBaseAddress"/>.</value></summary>
    public Uri BaseAddress { get; init; } = new(DefaultBaseAddress);

    /// <summary>Where downloaded styles are kept (created when needed), one <c>NAME.csl</c> file per style.
    /// <value>Default: <c>citations/styles</c> in the user's local application data folder.</value></summary>
    public string CacheDirectory { get; init; } = DefaultCacheDirectory();

    /// <summary>The client to send requests with. <value>Default: a shared client owned by this package.</value></summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>How many times a failed request is retried (network errors, time-outs, HTTP 408, 429 and 5xx).
    /// <value>Default: 3.</value></summary>
    public int MaxRetryAttempts { get; init; } = 3;

    /// <summary>The delay before the first retry; it doubles for each later one. A server's <c>Retry-After</c> is used
    /// instead when it gives one, up to <see cref="MaxRetryAfter"/>. <value>Default: 1 second.</value></summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest <c>Retry-After</c> honoured. <value>Default: 30 seconds.</value></summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one request may take, body included. <value>Default: 30 seconds.</value></summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one download may take, retries included. <value>Default: 2 minutes.</value></summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The largest style accepted. <value>Default: 8 MiB (the largest official style is about 250 KB).</value></summary>
    public long MaxStyleBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>The clock for delays and time-outs. <value>Default: <see cref="TimeProvider.System"/>.</value></summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The default cache directory.</summary>
    public static string DefaultCacheDirectory()
    {
        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return Path.Combine(string.IsNullOrEmpty(root) ? Path.GetTempPath() : root, "citations", "styles");
    }

    /// <summary>Every problem with these options; empty when they are valid.</summary>
    internal List<string> Validate()
    {
        var problems = new List<string>();
        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttp && BaseAddress.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"{nameof(BaseAddress)} must be an absolute http or https address.");
        }

        if (string.IsNullOrWhiteSpace(CacheDirectory))
        {
            problems.Add($"{nameof(CacheDirectory)} is required.");
        }

        Check(MaxRetryAttempts is >= 0 and <= 100, $"{nameof(MaxRetryAttempts)} must be between 0 and 100 (was {MaxRetryAttempts.ToString(CultureInfo.InvariantCulture)}).");
        Check(RetryDelay >= TimeSpan.Zero && RetryDelay <= TimeSpan.FromDays(1), $"{nameof(RetryDelay)} must be between zero and one day.");
        Check(MaxRetryAfter >= TimeSpan.Zero && MaxRetryAfter <= TimeSpan.FromDays(1), $"{nameof(MaxRetryAfter)} must be between zero and one day.");
        Check(AttemptTimeout > TimeSpan.FromMilliseconds(10) && AttemptTimeout <= TimeSpan.FromDays(1), $"{nameof(AttemptTimeout)} must be between 10 ms and one day.");
        Check(TotalTimeout > TimeSpan.FromMilliseconds(10) && TotalTimeout <= TimeSpan.FromDays(1), $"{nameof(TotalTimeout)} must be between 10 ms and one day.");
        Check(MaxStyleBytes > 0, $"{nameof(MaxStyleBytes)} must be positive.");
        Check(TimeProvider is not null, $"{nameof(TimeProvider)} is required.");
        return problems;

        void Check(bool ok, string problem)
        {
            if (!ok)
            {
                problems.Add(problem);
            }
        }
    }
}
