using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Citations.Csl.Downloads;

/// <summary>Builds the exception a failed download raises (each kind of file has its own).</summary>
/// <param name="uri">The address that failed.</param>
/// <param name="message">What went wrong, naming the address.</param>
/// <param name="statusCode">The last HTTP status received, if any.</param>
/// <param name="attempts">How many requests were made.</param>
/// <param name="innerException">The last network error, if any.</param>
internal delegate Exception DownloadFailure(Uri uri, string message, HttpStatusCode? statusCode, int attempts, Exception? innerException);

/// <summary>
/// The machinery style and locale downloads share: one Polly pipeline (total time-out, retries with back-off and
/// <c>Retry-After</c>, a time-out per attempt), a size cap enforced while the body streams in, and a cache directory
/// written atomically. Callers parse a body before caching it, so an error page never poisons the cache.
/// </summary>
/// <remarks>Thread-safe. One download per cache file at a time in this process (<see cref="GateFor"/>); between
/// processes the atomic rename keeps the cache whole, at worst a file is downloaded twice.</remarks>
internal sealed class CachedDownloader
{
    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(15),
        AutomaticDecompression = DecompressionMethods.All,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    });

    private static readonly ProductInfoHeaderValue UserAgent = new("Citations.Csl", typeof(CachedDownloader).Assembly.GetName().Version?.ToString(3) ?? "1.0");

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    private readonly string _kind;
    private readonly string _accept;
    private readonly HttpClient? _client;
    private readonly IHttpClientFactory? _factory;
    private readonly string _clientName;
    private readonly TimeProvider _timeProvider;
    private readonly ResiliencePipeline<Fetched> _pipeline;

    /// <param name="options">Validated options.</param>
    /// <param name="kind">What is downloaded, for messages: <c>style</c>, <c>locale</c>.</param>
    /// <param name="accept">The <c>Accept</c> header.</param>
    public CachedDownloader(CslDownloadOptions options, string kind, string accept)
    {
        var address = options.BaseAddress.ToString();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        CacheDirectory = Path.GetFullPath(options.CacheDirectory);
        Offline = options.Offline;
        MaxBytes = options.MaxBytes;
        _kind = kind;
        _accept = accept;
        _factory = options.HttpClientFactory;
        _clientName = options.HttpClientName;
        _client = _factory is null ? options.HttpClient ?? SharedClient.Value : null;
        _timeProvider = options.TimeProvider;
        var maxRetryAfter = options.MaxRetryAfter;
        _pipeline = new ResiliencePipelineBuilder<Fetched> { TimeProvider = options.TimeProvider }
            .AddTimeout(options.TotalTimeout)
            .AddRetry(new RetryStrategyOptions<Fetched>
            {
                MaxRetryAttempts = Math.Max(options.MaxRetryAttempts, 1),
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(options.MaxRetryAttempts > 0 && IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result.RetryAfter is { } after ? (TimeSpan?)(after < maxRetryAfter ? after : maxRetryAfter) : null),
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>The server's base address, with a trailing slash.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The cache directory's full path.</summary>
    public string CacheDirectory { get; }

    /// <summary>Whether the network is never used.</summary>
    public bool Offline { get; }

    /// <summary>The largest body accepted.</summary>
    public long MaxBytes { get; }

    /// <summary>The gate that lets one caller at a time download a cache file in this process; the others wait, then
    /// find it in the cache.</summary>
    public static SemaphoreSlim GateFor(string cachePath) => Gates.GetOrAdd(cachePath, _ => new SemaphoreSlim(1, 1));

    /// <summary>How a failure reads: "Downloading the style URI failed after 3 attempt(s): the server answered HTTP 500".</summary>
    public static string DescribeFailure(string kind, Uri uri, HttpStatusCode? statusCode, int attempts, Exception? inner)
    {
        var why = statusCode is { } code
            ? string.Create(CultureInfo.InvariantCulture, $"the server answered HTTP {(int)code} ({code})")
            : inner is null ? "there was no response" : $"{inner.GetType().Name}: {inner.Message}";
        return string.Create(CultureInfo.InvariantCulture, $"Downloading the {kind} {uri} failed after {attempts} attempt(s): {why}.");
    }

    /// <summary>Decodes a body as UTF-8, without a byte-order mark.</summary>
    public static string Decode(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }

        return Encoding.UTF8.GetString(span);
    }

    /// <summary>Reads and parses a cached file; one that no longer parses is deleted, so that it is downloaded again.</summary>
    /// <returns>The parsed file, or <see langword="null"/> when it is not cached (or could not be read or parsed).</returns>
    public T? ReadCache<T>(string path, Func<string, string, T> parse)
        where T : class
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            // A cached file is no larger than a download may be; a larger one is not ours: download it again.
            var bytes = Formats.InputFile.ReadAllBytes(path, MaxBytes);
            return bytes.Value is null ? null : parse(Decode(bytes.Value), path);
        }
        catch (CslException)
        {
            TryDelete(path);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes a cache file atomically (a temporary file, then a rename). The cache is an optimisation: when it
    /// cannot be written the caller still has the file, and it is downloaded again next time.</summary>
    public void WriteCache(string path, byte[] body)
    {
        var temporary = Path.Combine(CacheDirectory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            Directory.CreateDirectory(CacheDirectory);
            File.WriteAllBytes(temporary, body);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
        }
    }

    /// <summary>Downloads one file through the pipeline.</summary>
    /// <returns>Its bytes, or <see langword="null"/> when the server does not have it (404, 410).</returns>
    /// <exception cref="Exception">What <paramref name="failure"/> builds: the server kept failing, timed out, could not
    /// be reached, or sent more than <see cref="MaxBytes"/>.</exception>
    public async Task<byte[]?> FetchAsync(Uri uri, DownloadFailure failure, CancellationToken cancellationToken)
    {
        var attempts = 0;
        Fetched fetched;
        try
        {
            fetched = await _pipeline.ExecuteAsync(
                async token =>
                {
                    Interlocked.Increment(ref attempts);
                    return await SendAsync(uri, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw failure(uri, DescribeFailure(_kind, uri, null, attempts, e), null, attempts, e);
        }

        return fetched.Status switch
        {
            HttpStatusCode.OK when fetched.Body is null => throw failure(uri, TooLarge(uri), HttpStatusCode.OK, attempts, null),
            HttpStatusCode.OK => fetched.Body,
            HttpStatusCode.NotFound or HttpStatusCode.Gone => null,
            _ => throw failure(uri, DescribeFailure(_kind, uri, fetched.Status, attempts, null), fetched.Status, attempts, null),
        };
    }

    private string TooLarge(Uri uri) => string.Create(CultureInfo.InvariantCulture, $"The {_kind} at {uri} is larger than {MaxBytes} bytes; it cannot be a CSL {_kind}.");

    /// <summary>One request. A body over the cap ends the request at once and comes back as a 200 without a body (not
    /// an exception, so that the pipeline does not retry it).</summary>
    private async Task<Fetched> SendAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.ParseAdd(_accept);
        request.Headers.UserAgent.Add(UserAgent);
        var client = _client ?? _factory!.CreateClient(_clientName);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return new Fetched(response.StatusCode, null, RetryAfter(response));
        }

        if (response.Content.Headers.ContentLength > MaxBytes)
        {
            return new Fetched(HttpStatusCode.OK, null, null);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    return new Fetched(HttpStatusCode.OK, null, null);
                }

                buffer.Write(chunk, 0, read);
            }

            return new Fetched(HttpStatusCode.OK, buffer.ToArray(), null);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _timeProvider.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static bool IsTransient(Outcome<Fetched> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException or IOException } => true,
        { Exception: null } => outcome.Result.Status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            || ((int)outcome.Result.Status >= 500 && outcome.Result.Status is not (HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported)),
        _ => false,
    };

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: a stale file is read and rejected again next time.
        }
    }

    /// <summary>What one request produced: the status, the body of a 200 (none when it was over the cap), and a server's
    /// <c>Retry-After</c>.</summary>
    private readonly record struct Fetched(HttpStatusCode Status, byte[]? Body, TimeSpan? RetryAfter);
}
