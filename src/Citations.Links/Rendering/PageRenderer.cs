using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Citations.Links.Rendering;

/// <summary>
/// Renders pages in a headless Chromium started on first use: opens the page, answers each of its requests through
/// <see cref="RenderFetcher"/>, waits until the page settles, and reads its title, main heading and visible text.
/// </summary>
/// <remarks>
/// <para>Bounded: at most <see cref="LinkCheckerOptions.MaxRenderedPagesOpen"/> pages at once (each in its own renderer
/// process, whose JavaScript heap is capped at <see cref="LinkCheckerOptions.RendererMemoryMiB"/>), each within
/// <see cref="LinkCheckerOptions.RenderTimeout"/>, at most <see cref="MaxRequestsPerPage"/> requests and
/// <see cref="MaxBytesPerPage"/> times the body cap per page. Images, media, fonts and other requests that add no text
/// are refused. A page that crashes its renderer, or a browser that cannot be started, gives a failure, never an
/// exception.</para>
/// <para>Thread-safe; one per run. Disposing closes the browser.</para>
/// </remarks>
internal sealed class PageRenderer : IAsyncDisposable
{
    /// <summary>The most requests one page may make.</summary>
    public const int MaxRequestsPerPage = 200;

    /// <summary>How many body caps (<see cref="LinkCheckerOptions.MaxBodyBytes"/>) one page may load in all.</summary>
    public const int MaxBytesPerPage = 8;

    /// <summary>How long the page must be quiet (no request in flight, text unchanged) to count as settled.</summary>
    private static readonly TimeSpan QuietTime = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(150);

    /// <summary>Resource types that add no text: refused without a request.</summary>
    private static readonly HashSet<string> RefusedTypes = new(StringComparer.Ordinal)
    {
        "Image", "Media", "Font", "Ping", "EventSource", "Manifest", "Prefetch", "CSPViolationReport", "SignedExchange", "WebSocket", "TextTrack",
    };

    private readonly LinkCheckerOptions _options;
    private readonly RenderFetcher _fetcher;
    private readonly SemaphoreSlim _pages;
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private ChromiumProcess? _browser;
    private string? _startFailure;

    public PageRenderer(LinkCheckerOptions options, HttpClient client)
    {
        _options = options;
        _fetcher = new RenderFetcher(client, options.UserAgent, options.MaxBodyBytes, options.AttemptTimeout);
        _pages = new SemaphoreSlim(options.MaxRenderedPagesOpen, options.MaxRenderedPagesOpen);
    }

    /// <summary>How long starting the browser took, once it was started.</summary>
    public TimeSpan? StartupTime { get; private set; }

    /// <summary>The memory of the browser's processes now (see <see cref="ChromiumProcess.ProcessTreeMemory"/>), 0 before it starts.</summary>
    public long BrowserMemory => _browser?.ProcessTreeMemory() ?? 0;

    /// <summary>Renders a page. Never throws but for cancellation: failures are in <see cref="RenderedPage.Failure"/>.</summary>
    /// <param name="url">The page.</param>
    /// <param name="cancellationToken">Cancels rendering.</param>
    public async Task<RenderedPage> RenderAsync(Uri url, CancellationToken cancellationToken)
    {
        var browser = await StartAsync(cancellationToken).ConfigureAwait(false);
        if (browser is null)
        {
            return RenderedPage.Failed(url, _startFailure ?? "the browser could not be started");
        }

        await _pages.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RenderPageAsync(browser.Pipe, url, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pages.Release();
        }
    }

    /// <summary>Closes the browser.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_browser is { } browser)
        {
            await browser.DisposeAsync().ConfigureAwait(false);
        }

        _pages.Dispose();
        _startLock.Dispose();
    }

    private async Task<ChromiumProcess?> StartAsync(CancellationToken cancellationToken)
    {
        if (_browser is not null || _startFailure is not null)
        {
            return _browser;
        }

        await _startLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_browser is not null || _startFailure is not null)
            {
                return _browser;
            }

            var executable = ChromiumProcess.FindExecutable(_options.ChromiumPath);
            if (executable is null)
            {
                _startFailure = _options.ChromiumPath is null
                    ? $"no Chromium found (set {ChromiumProcess.ChromiumVariable} or ChromiumPath, or install chromium)"
                    : $"no Chromium at {_options.ChromiumPath}";
                return null;
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                _browser = await ChromiumProcess.StartAsync(executable, _options.MaxRenderedPagesOpen, _options.RendererMemoryMiB, cancellationToken).ConfigureAwait(false);
                StartupTime = Stopwatch.GetElapsedTime(started);
            }
            catch (DevToolsException e)
            {
                _startFailure = DisplayText.Escape(e.Message);
            }

            return _browser;
        }
        finally
        {
            _startLock.Release();
        }
    }

    private async Task<RenderedPage> RenderPageAsync(DevToolsPipe pipe, Uri url, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RenderTimeout);
        var page = new PageState(this, pipe, timeout.Token);
        string? targetId = null;
        try
        {
            var target = await pipe.SendAsync("Target.createTarget", j => j.WriteString("url", "about:blank"), null, timeout.Token).ConfigureAwait(false);
            targetId = target.GetProperty("targetId").GetString()!;
            var attached = await pipe.SendAsync("Target.attachToTarget", j =>
            {
                j.WriteString("targetId", targetId);
                j.WriteBoolean("flatten", true);
            }, null, timeout.Token).ConfigureAwait(false);
            page.SessionId = attached.GetProperty("sessionId").GetString()!;
            pipe.AddSession(page.SessionId, page.OnEvent);
            await page.SendAsync("Fetch.enable", j =>
            {
                j.WriteStartArray("patterns");
                j.WriteStartObject();
                j.WriteString("urlPattern", "*");
                j.WriteString("requestStage", "Request");
                j.WriteEndObject();
                j.WriteEndArray();
            }).ConfigureAwait(false);
            await page.SendAsync("Page.enable", null).ConfigureAwait(false);
            await page.SendAsync("Inspector.enable", null).ConfigureAwait(false);
            var navigation = await page.SendAsync("Page.navigate", j => j.WriteString("url", url.AbsoluteUri)).ConfigureAwait(false);
            if (navigation.TryGetProperty("errorText", out var navigationError) && navigationError.GetString() is { Length: > 0 } error)
            {
                return Failed(url, "the browser could not open the page (" + DisplayText.Escape(error) + ")", page, Stopwatch.GetElapsedTime(started));
            }

            var settled = await page.SettleAsync().ConfigureAwait(false);
            if (page.Crashed)
            {
                return Failed(url, "the page's renderer crashed (out of memory, or a browser fault)", page, Stopwatch.GetElapsedTime(started));
            }

            var read = await page.SendAsync("Runtime.evaluate", j =>
            {
                j.WriteString("expression", ReadExpression(_options.MaxBodyBytes));
                j.WriteBoolean("returnByValue", true);
            }).ConfigureAwait(false);
            var value = read.GetProperty("result").TryGetProperty("value", out var v) ? v.GetString() : null;
            using var facts = JsonDocument.Parse(value ?? "{}");
            var root = facts.RootElement;
            return new RenderedPage
            {
                Url = url,
                FinalUrl = Uri.TryCreate(Text(root, "u"), UriKind.Absolute, out var final) ? final : url,
                Title = Clean(Text(root, "t")),
                Heading = Clean(Text(root, "h")),
                Text = Text(root, "x") ?? string.Empty,
                Settled = settled,
                Requests = page.Requests,
                Refused = page.Refused,
                AddressRefused = page.AddressRefused,
                Elapsed = Stopwatch.GetElapsedTime(started),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(url, string.Create(CultureInfo.InvariantCulture, $"rendering took longer than {_options.RenderTimeout.TotalSeconds:0.###} s"), page, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e) when (e is DevToolsException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return Failed(url, page.Crashed ? "the page's renderer crashed (out of memory, or a browser fault)" : "the browser failed: " + DisplayText.Escape(e.Message), page, Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            page.Close();
            if (page.SessionId is { } session)
            {
                pipe.RemoveSession(session);
            }

            if (targetId is not null)
            {
                try
                {
                    using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await pipe.SendAsync("Target.closeTarget", j => j.WriteString("targetId", targetId), null, closing.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is DevToolsException or OperationCanceledException)
                {
                    // The browser is gone or the page closed itself.
                }
            }
        }
    }

    /// <summary>The script that reads the rendered page: title, first heading, visible text (capped), final address.</summary>
    private static string ReadExpression(int maxChars) => string.Create(CultureInfo.InvariantCulture,
        $"JSON.stringify({{t: document.title || '', h: ((document.querySelector('h1') || {{}}).innerText || ''), x: (document.body ? document.body.innerText : '').slice(0, {maxChars}), u: location.href}})");

    private static RenderedPage Failed(Uri url, string why, PageState page, TimeSpan elapsed)
        => new() { Url = url, Failure = why, Requests = page.Requests, Refused = page.Refused, AddressRefused = page.AddressRefused, Elapsed = elapsed };

    private static string? Text(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : DisplayText.Escape(text.Trim());

    /// <summary>One page being rendered: its session, its requests in flight, and what they came to.</summary>
    private sealed class PageState(PageRenderer renderer, DevToolsPipe pipe, CancellationToken token)
    {
        private readonly Lock _lock = new();
        private int _inFlight;
        private long _bytes;
        private long _lastActivity = Stopwatch.GetTimestamp();
        private bool _closed;

        public string? SessionId { get; set; }

        public int Requests { get; private set; }

        public int Refused { get; private set; }

        public int AddressRefused { get; private set; }

        public bool Crashed { get; private set; }

        public Task<JsonElement> SendAsync(string method, Action<Utf8JsonWriter>? writeParams) => pipe.SendAsync(method, writeParams, SessionId, token);

        /// <summary>Handles an event on the reader's thread: work is started elsewhere, never waited for here.</summary>
        public void OnEvent(string method, JsonElement parameters)
        {
            switch (method)
            {
                case "Fetch.requestPaused":
                    _ = Task.Run(() => AnswerAsync(parameters), CancellationToken.None);
                    break;
                case "Page.javascriptDialogOpening":
                    _ = Ignore(SendAsync("Page.handleJavaScriptDialog", j => j.WriteBoolean("accept", false)));
                    break;
                case "Inspector.targetCrashed":
                    Crashed = true;
                    break;
            }
        }

        /// <summary>Waits until the page is loaded, no request is in flight and its text has not changed for a while; false when time ran out first.</summary>
        public async Task<bool> SettleAsync()
        {
            var lastLength = -1;
            var stableSince = Stopwatch.GetTimestamp();
            while (!Crashed)
            {
                await Task.Delay(PollInterval, token).ConfigureAwait(false);
                var state = await SendAsync("Runtime.evaluate", j =>
                {
                    j.WriteString("expression", "document.readyState + '|' + (document.body ? document.body.innerText.length : 0)");
                    j.WriteBoolean("returnByValue", true);
                }).ConfigureAwait(false);
                var text = state.GetProperty("result").TryGetProperty("value", out var v) ? v.GetString() ?? string.Empty : string.Empty;
                var bar = text.IndexOf('|', StringComparison.Ordinal);
                var complete = bar > 0 && text[..bar] == "complete";
                var length = bar > 0 && int.TryParse(text.AsSpan(bar + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
                if (length != lastLength)
                {
                    lastLength = length;
                    stableSince = Stopwatch.GetTimestamp();
                }

                bool quiet;
                lock (_lock)
                {
                    quiet = _inFlight == 0 && Stopwatch.GetElapsedTime(_lastActivity) >= QuietTime;
                }

                if (complete && quiet && Stopwatch.GetElapsedTime(stableSince) >= QuietTime)
                {
                    return true;
                }
            }

            return false;
        }

        public void Close()
        {
            lock (_lock)
            {
                _closed = true;
            }
        }

        private async Task AnswerAsync(JsonElement parameters)
        {
            var requestId = parameters.GetProperty("requestId").GetString()!;
            var type = parameters.TryGetProperty("resourceType", out var t) ? t.GetString() ?? "Other" : "Other";
            string? refusal = null;
            lock (_lock)
            {
                if (_closed)
                {
                    return;
                }

                Requests++;
                if (RefusedTypes.Contains(type))
                {
                    refusal = "BlockedByClient";
                }
                else if (Requests > MaxRequestsPerPage || _bytes > (long)renderer._options.MaxBodyBytes * MaxBytesPerPage)
                {
                    refusal = "BlockedByClient";
                }
                else
                {
                    _inFlight++;
                }

                _lastActivity = Stopwatch.GetTimestamp();
            }

            if (refusal is not null)
            {
                lock (_lock)
                {
                    Refused++;
                }

                await Ignore(SendAsync("Fetch.failRequest", j =>
                {
                    j.WriteString("requestId", requestId);
                    j.WriteString("errorReason", refusal);
                })).ConfigureAwait(false);
                return;
            }

            try
            {
                var answer = await renderer._fetcher.FetchAsync(parameters.GetProperty("request"), token).ConfigureAwait(false);
                if (answer.ErrorReason is { } reason)
                {
                    lock (_lock)
                    {
                        Refused++;
                        AddressRefused += answer.AddressRefused ? 1 : 0;
                    }

                    await Ignore(SendAsync("Fetch.failRequest", j =>
                    {
                        j.WriteString("requestId", requestId);
                        j.WriteString("errorReason", reason);
                    })).ConfigureAwait(false);
                    return;
                }

                lock (_lock)
                {
                    _bytes += answer.Body.Length;
                }

                await Ignore(SendAsync("Fetch.fulfillRequest", j =>
                {
                    j.WriteString("requestId", requestId);
                    j.WriteNumber("responseCode", answer.Status);
                    j.WriteStartArray("responseHeaders");
                    foreach (var (name, value) in answer.Headers)
                    {
                        j.WriteStartObject();
                        j.WriteString("name", name);
                        j.WriteString("value", value);
                        j.WriteEndObject();
                    }

                    j.WriteEndArray();
                    j.WriteBase64String("body", answer.Body);
                })).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The page's time ran out: it is being closed.
            }
            finally
            {
                lock (_lock)
                {
                    _inFlight--;
                    _lastActivity = Stopwatch.GetTimestamp();
                }
            }
        }

        private static async Task Ignore(Task task)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (Exception e) when (e is DevToolsException or OperationCanceledException)
            {
                // The page went away meanwhile.
            }
        }
    }
}

/// <summary>What a rendered page showed.</summary>
/// <remarks>Immutable and thread-safe; the title and heading are escaped (<see cref="DisplayText.Escape"/>), the text is not (it is only compared).</remarks>
internal sealed record RenderedPage
{
    /// <summary>The URL rendered.</summary>
    public required Uri Url { get; init; }

    /// <summary>Where the page ended (after redirects and client-side navigation).</summary>
    public Uri? FinalUrl { get; init; }

    /// <summary>The rendered title, if any.</summary>
    public string? Title { get; init; }

    /// <summary>The first heading, if any.</summary>
    public string? Heading { get; init; }

    /// <summary>The visible text.</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>Whether the page settled before the time ran out.</summary>
    public bool Settled { get; init; }

    /// <summary>How many requests the page made.</summary>
    public int Requests { get; init; }

    /// <summary>How many were refused or failed.</summary>
    public int Refused { get; init; }

    /// <summary>How many were refused by the private-address guard.</summary>
    public int AddressRefused { get; init; }

    /// <summary>How long rendering took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Why the page could not be rendered, or <see langword="null"/>.</summary>
    public string? Failure { get; init; }

    /// <summary>A page that could not be rendered.</summary>
    internal static RenderedPage Failed(Uri url, string why) => new() { Url = url, Failure = why };
}
