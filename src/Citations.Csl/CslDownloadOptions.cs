using System.Globalization;

namespace Citations.Csl;

/// <summary>
/// What style and locale downloads share: where files are cached, whether the network may be used, the HTTP client and
/// how hard to try. See <see cref="Styles.CslStyleDownloadOptions"/> and <see cref="Locales.CslLocaleDownloadOptions"/>.
/// Validated once, when the source or provider is created; every problem is reported together.
/// </summary>
/// <remarks>
/// A file is downloaded once, parsed before it is cached (an error page never poisons the cache), written to the cache
/// atomically and read from the cache ever after. Requests go through one Polly pipeline: a total time-out, retries with
/// exponential back-off (honouring <c>Retry-After</c>) and a time-out per attempt.
/// </remarks>
public abstract class CslDownloadOptions
{
    private protected CslDownloadOptions(string defaultBaseAddress, string cacheFolder)
    {
        BaseAddress = new Uri(defaultBaseAddress);
        CacheDirectory = DefaultCacheDirectory(cacheFolder);
    }

    /// <summary>The server's base address; a missing trailing slash is added.
    /// <value>Default: the official CSL repository for the kind of file (see the derived class).</value></summary>
    public Uri BaseAddress { get; init; }

    /// <summary>Where downloaded files are kept (created when needed).
    /// <value>Default: a folder under <c>citations</c> in the user's local application data folder.</value></summary>
    public string CacheDirectory { get; init; }

    /// <summary>Never use the network: files already in <see cref="CacheDirectory"/> are used, anything else is not
    /// available (and says so). <value>Default: <see langword="false"/>.</value></summary>
    public bool Offline { get; init; }

    /// <summary>The client to send requests with. Leave it unset when <see cref="HttpClientFactory"/> is set.
    /// <value>Default: a shared client owned by this package.</value></summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>A factory to take a client from for each download (<see cref="HttpClientName"/>), for applications that
    /// configure their clients through dependency injection. <value>Default: <see langword="null"/>.</value></summary>
    public IHttpClientFactory? HttpClientFactory { get; init; }

    /// <summary>The named client taken from <see cref="HttpClientFactory"/>. <value>Default: the default client (empty name).</value></summary>
    public string HttpClientName { get; init; } = string.Empty;

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

    /// <summary>The clock for delays and time-outs. <value>Default: <see cref="TimeProvider.System"/>.</value></summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The largest file accepted (the derived class names it).</summary>
    internal abstract long MaxBytes { get; }

    /// <summary>The name of <see cref="MaxBytes"/> in the derived class, for messages.</summary>
    internal abstract string MaxBytesName { get; }

    /// <summary>The default cache directory for a kind of file: <c>citations/FOLDER</c> in the user's local application data.</summary>
    private protected static string DefaultCacheDirectory(string folder)
    {
        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return Path.Combine(string.IsNullOrEmpty(root) ? Path.GetTempPath() : root, "citations", folder);
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

        Check(HttpClient is null || HttpClientFactory is null, $"Set {nameof(HttpClient)} or {nameof(HttpClientFactory)}, not both.");
        Check(HttpClientName is not null, $"{nameof(HttpClientName)} must not be null (use an empty name for the default client).");
        Check(MaxRetryAttempts is >= 0 and <= 100, $"{nameof(MaxRetryAttempts)} must be between 0 and 100 (was {MaxRetryAttempts.ToString(CultureInfo.InvariantCulture)}).");
        Check(RetryDelay >= TimeSpan.Zero && RetryDelay <= TimeSpan.FromDays(1), $"{nameof(RetryDelay)} must be between zero and one day.");
        Check(MaxRetryAfter >= TimeSpan.Zero && MaxRetryAfter <= TimeSpan.FromDays(1), $"{nameof(MaxRetryAfter)} must be between zero and one day.");
        Check(AttemptTimeout > TimeSpan.FromMilliseconds(10) && AttemptTimeout <= TimeSpan.FromDays(1), $"{nameof(AttemptTimeout)} must be between 10 ms and one day.");
        Check(TotalTimeout > TimeSpan.FromMilliseconds(10) && TotalTimeout <= TimeSpan.FromDays(1), $"{nameof(TotalTimeout)} must be between 10 ms and one day.");
        Check(MaxBytes > 0, $"{MaxBytesName} must be positive.");
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
