using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Citations.Csl.Styles;

/// <summary>
/// Downloads styles by name from a server laid out like the official CSL distribution into a cache directory, on first
/// use. Requests go through a Polly pipeline (total time-out, retries with back-off and <c>Retry-After</c>, a time-out
/// per attempt). A response is parsed before it is cached, so an error page never poisons the cache.
/// </summary>
internal sealed class DownloadStyleSource : ICslStyleSource
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

    private static readonly ProductInfoHeaderValue UserAgent = new("Citations.Csl", typeof(DownloadStyleSource).Assembly.GetName().Version?.ToString(3) ?? "1.0");

    private readonly Uri _baseAddress;
    private readonly string _cacheDirectory;
    private readonly HttpClient _client;
    private readonly long _maxBytes;
    private readonly TimeProvider _timeProvider;
    private readonly ResiliencePipeline<Fetched> _pipeline;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.OrdinalIgnoreCase);

    public DownloadStyleSource(CslStyleDownloadOptions options)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid style download options: " + string.Join(" ", problems), nameof(options));
        }

        var address = options.BaseAddress.ToString();
        _baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        _cacheDirectory = Path.GetFullPath(options.CacheDirectory);
        _client = options.HttpClient ?? SharedClient.Value;
        _maxBytes = options.MaxStyleBytes;
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

    /// <summary>The cache directory's full path.</summary>
    public string CacheDirectory => _cacheDirectory;

    public string Description => $"{_baseAddress} (NAME.csl, then dependent/NAME.csl; cached in {_cacheDirectory})";

    public async ValueTask<CslStyle?> FindAsync(string reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (!StyleNames.TryGetName(reference, out var name))
        {
            return null;
        }

        var cached = Path.Combine(_cacheDirectory, name + ".csl");
        if (ReadCache(cached) is { } hit)
        {
            return hit;
        }

        // One download per name at a time: a second caller waits and then finds the cached file.
        var gate = _gates.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (ReadCache(cached) is { } late)
            {
                return late;
            }

            foreach (var relative in new[] { name + ".csl", "dependent/" + name + ".csl" })
            {
                var uri = new Uri(_baseAddress, relative);
                if (await FetchAsync(uri, cancellationToken).ConfigureAwait(false) is not { } body)
                {
                    continue;
                }

                var style = CslStyle.Parse(Decode(body), uri.ToString());
                WriteCache(cached, body);
                return style;
            }

            return null;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Downloads one file: its bytes, or <see langword="null"/> when the server does not have it (404, 410).</summary>
    private async Task<byte[]?> FetchAsync(Uri uri, CancellationToken cancellationToken)
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
            throw new CslStyleDownloadException(uri, null, attempts, e);
        }

        return fetched.Status switch
        {
            HttpStatusCode.OK => fetched.Body,
            HttpStatusCode.NotFound or HttpStatusCode.Gone => null,
            _ => throw new CslStyleDownloadException(uri, fetched.Status, attempts),
        };
    }

    private async Task<Fetched> SendAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.ParseAdd("application/vnd.citationstyles.style+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5");
        request.Headers.UserAgent.Add(UserAgent);
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return new Fetched(response.StatusCode, null, RetryAfter(response));
        }

        if (response.Content.Headers.ContentLength > _maxBytes)
        {
            throw new CslStyleDownloadException(uri, $"The style at {uri} is larger than {_maxBytes} bytes; it cannot be a CSL style.", response.StatusCode, 1);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > _maxBytes)
                {
                    throw new CslStyleDownloadException(uri, $"The style at {uri} is larger than {_maxBytes} bytes; it cannot be a CSL style.", response.StatusCode, 1);
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

    /// <summary>Reads a cached style; a file that no longer parses is deleted so that it is downloaded again.</summary>
    private static CslStyle? ReadCache(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return CslStyle.Parse(Decode(File.ReadAllBytes(path)), path);
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

    /// <summary>Writes the cache atomically (a temporary file, then a rename). The cache is an optimisation: when it
    /// cannot be written the style is still returned, and is downloaded again next time.</summary>
    private void WriteCache(string path, byte[] body)
    {
        var temporary = Path.Combine(_cacheDirectory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            Directory.CreateDirectory(_cacheDirectory);
            File.WriteAllBytes(temporary, body);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
        }
    }

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

    private static string Decode(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }

        return Encoding.UTF8.GetString(span);
    }

    /// <summary>What one request produced: the status, the body of a 200, and a server's <c>Retry-After</c>.</summary>
    private readonly record struct Fetched(HttpStatusCode Status, byte[]? Body, TimeSpan? RetryAfter);
}
