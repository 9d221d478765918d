using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;

namespace Citations.Links.Rendering;

/// <summary>
/// The Chrome DevTools protocol over Chromium's <c>--remote-debugging-pipe</c>: JSON messages separated by a NUL byte,
/// commands answered by id, events routed to the session (page) they belong to.
/// </summary>
/// <remarks>
/// Thread-safe: commands may be sent from any thread (writes are serialised); answers and events are read by one loop.
/// A message longer than <see cref="MaxMessageBytes"/> ends the connection (the browser is then treated as gone), so a
/// page cannot make the checker buffer without bound.
/// </remarks>
internal sealed class DevToolsPipe : IAsyncDisposable
{
    /// <summary>The longest message read from the browser.</summary>
    public const int MaxMessageBytes = 64 * 1024 * 1024;

    private readonly Stream _toBrowser;
    private readonly Stream _fromBrowser;
    private readonly Stream? _wake;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly ConcurrentDictionary<string, Action<string, JsonElement>> _sessions = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _closed = new();
    private readonly Task _reader;
    private long _nextId;

    /// <summary>Connects to a browser.</summary>
    /// <param name="toBrowser">Where commands are written.</param>
    /// <param name="fromBrowser">Where answers and events are read.</param>
    /// <param name="wake">
    /// A second writer into <paramref name="fromBrowser"/>, or <see langword="null"/>: a blocking read on a named pipe
    /// ignores cancellation, so closing writes a byte there to end the read loop.
    /// </param>
    public DevToolsPipe(Stream toBrowser, Stream fromBrowser, Stream? wake = null)
    {
        _toBrowser = toBrowser;
        _fromBrowser = fromBrowser;
        _wake = wake;
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>Why the connection ended, once it has.</summary>
    public string? ClosedBecause { get; private set; }

    /// <summary>Routes the events of a session (a page) to a handler, until <see cref="RemoveSession"/>.</summary>
    public void AddSession(string sessionId, Action<string, JsonElement> onEvent) => _sessions[sessionId] = onEvent;

    /// <summary>Stops routing a session's events.</summary>
    public void RemoveSession(string sessionId) => _sessions.TryRemove(sessionId, out _);

    /// <summary>Sends a command and waits for its answer.</summary>
    /// <param name="method">The protocol method, such as <c>Page.navigate</c>.</param>
    /// <param name="writeParams">Writes the members of the <c>params</c> object, or <see langword="null"/> for none.</param>
    /// <param name="sessionId">The page's session, or <see langword="null"/> for the browser.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The <c>result</c> object (cloned: it outlives the message).</returns>
    /// <exception cref="DevToolsException">The browser answered with an error, or the connection ended.</exception>
    public async Task<JsonElement> SendAsync(string method, Action<Utf8JsonWriter>? writeParams, string? sessionId, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        try
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteNumber("id", id);
                json.WriteString("method", method);
                if (sessionId is not null)
                {
                    json.WriteString("sessionId", sessionId);
                }

                json.WriteStartObject("params");
                writeParams?.Invoke(json);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (ClosedBecause is { } reason)
                {
                    throw new DevToolsException(reason);
                }

                await _toBrowser.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                await _toBrowser.WriteAsync(new byte[] { 0 }, cancellationToken).ConfigureAwait(false);
                await _toBrowser.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new DevToolsException("the browser's pipe is closed: " + e.Message);
            }
            finally
            {
                _writeLock.Release();
            }

            return await answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Fails every pending command and every later one (the browser exited).</summary>
    /// <param name="reason">Why, for the failures.</param>
    public void Fail(string reason) => Close(reason);

    /// <summary>Ends the connection: pending commands fail.</summary>
    public async ValueTask DisposeAsync()
    {
        Close("the connection to the browser was closed");
        await _closed.CancelAsync().ConfigureAwait(false);
        if (_wake is not null)
        {
            try
            {
                await _wake.WriteAsync(new byte[] { 0 }).ConfigureAwait(false);
                await _wake.FlushAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The pipe is gone: the read has ended.
            }
        }

        try
        {
            await _reader.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            // Stopped on the cancellation, or still blocked in a read that nothing will end: left behind.
        }

        if (_reader.IsCompleted)
        {
            await _fromBrowser.DisposeAsync().ConfigureAwait(false);
        }

        await _toBrowser.DisposeAsync().ConfigureAwait(false);
        if (_wake is not null)
        {
            await _wake.DisposeAsync().ConfigureAwait(false);
        }

        _closed.Dispose();
        _writeLock.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var message = new ArrayBufferWriter<byte>(64 * 1024);
        var chunk = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await _fromBrowser.ReadAsync(chunk, _closed.Token).ConfigureAwait(false);
                if (_closed.IsCancellationRequested)
                {
                    return;
                }

                if (read == 0)
                {
                    Close("the browser closed its pipe");
                    return;
                }

                var span = chunk.AsSpan(0, read);
                int nul;
                while ((nul = span.IndexOf((byte)0)) >= 0)
                {
                    message.Write(span[..nul]);
                    Dispatch(message.WrittenSpan);
                    message.ResetWrittenCount();
                    span = span[(nul + 1)..];
                }

                if (message.WrittenCount + span.Length > MaxMessageBytes)
                {
                    Close("the browser sent a message over the size limit");
                    return;
                }

                message.Write(span);
            }
        }
        catch (OperationCanceledException)
        {
            Close("the connection to the browser was closed");
        }
        catch (IOException e)
        {
            Close("the browser's pipe failed: " + e.Message);
        }
    }

    private void Dispatch(ReadOnlySpan<byte> utf8)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray());
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return;
        }

        if (root.TryGetProperty("id", out var id) && id.TryGetInt64(out var number))
        {
            if (_pending.TryGetValue(number, out var answer))
            {
                if (root.TryGetProperty("error", out var error))
                {
                    answer.TrySetException(new DevToolsException(error.TryGetProperty("message", out var text) ? text.GetString() ?? "error" : "error"));
                }
                else
                {
                    answer.TrySetResult(root.TryGetProperty("result", out var result) ? result : default);
                }
            }

            return;
        }

        if (root.TryGetProperty("method", out var method) && root.TryGetProperty("sessionId", out var session)
            && _sessions.TryGetValue(session.GetString() ?? string.Empty, out var handler))
        {
            handler(method.GetString() ?? string.Empty, root.TryGetProperty("params", out var parameters) ? parameters : default);
        }
    }

    private void Close(string reason)
    {
        ClosedBecause ??= reason;
        foreach (var (_, answer) in _pending)
        {
            answer.TrySetException(new DevToolsException(reason));
        }
    }
}

/// <summary>The browser answered a DevTools command with an error, or the connection to it ended.</summary>
internal sealed class DevToolsException(string message) : Exception(message);
