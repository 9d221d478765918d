using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Citations.Links.Http;

/// <summary>
/// Builds the HTTP handler a link checker needs: redirects and decompression left to the checker (it follows the
/// chain by hand and caps bodies after decompression), no proxy, and a connect step that checks the address actually
/// connected to, so that a name resolving to a private address is refused even when DNS changes between checks.
/// </summary>
/// <remarks>
/// <para>Use it when you give the checker your own <see cref="HttpClient"/> or register a client with
/// <c>IHttpClientFactory</c> (<c>ConfigurePrimaryHttpMessageHandler(() => LinkHttpHandler.Create(...))</c>).</para>
/// <para>The checker makes sure the client it is given has this guard: before a run it sends the client a request
/// for <c>http://0.0.0.0:0/</c> marked as a guard check, which this handler's connect step answers itself, without
/// any network traffic (a handler without the guard refuses that address before connecting). A client that does not
/// answer it is refused unless <see cref="LinkCheckerOptions.AllowPrivateAddresses"/> is on.</para>
/// </remarks>
public static class LinkHttpHandler
{
    /// <summary>The URL of the guard check: the unspecified address, which no handler connects to.</summary>
    internal static readonly Uri GuardCheckUrl = new("http://0.0.0.0:0/");

    /// <summary>Marks the guard check request.</summary>
    internal static readonly HttpRequestOptionsKey<bool> GuardCheckKey = new("Citations.Links.AddressGuardCheck");

    /// <summary>The header of the guard's answer: <see cref="RefusesPrivate"/> or <see cref="AllowsPrivate"/>.</summary>
    internal const string GuardHeader = "Citations-Address-Guard";

    internal const string RefusesPrivate = "refuses-private";

    internal const string AllowsPrivate = "allows-private";

    /// <summary>Creates a handler.</summary>
    /// <param name="allowPrivateAddresses">Whether loopback, private, link-local and metadata addresses may be contacted.</param>
    /// <param name="resolver">Resolves host names; <see cref="HostResolver.System"/> when <see langword="null"/>.</param>
    /// <param name="maxConnectionsPerServer">The most connections kept to one server.</param>
    /// <param name="connectTimeout">The longest a TCP connect may take.</param>
    public static SocketsHttpHandler Create(bool allowPrivateAddresses = false, HostResolver? resolver = null, int maxConnectionsPerServer = 8, TimeSpan? connectTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConnectionsPerServer, 1);
        resolver ??= HostResolver.System;
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
            UseCookies = false,
            MaxConnectionsPerServer = maxConnectionsPerServer,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(15),
            ConnectCallback = (context, cancellationToken) => context.InitialRequestMessage.Options.TryGetValue(GuardCheckKey, out _)
                ? ValueTask.FromResult<Stream>(new GuardAnswer(allowPrivateAddresses))
                : ConnectAsync(context.DnsEndPoint, allowPrivateAddresses, resolver, cancellationToken),
        };
    }

    /// <summary>
    /// Asks a client whether its handler is this guard, and how it was made: sends it the guard check, which this
    /// handler answers in memory and any other handler fails (no handler connects to the unspecified address).
    /// </summary>
    /// <returns><see cref="RefusesPrivate"/>, <see cref="AllowsPrivate"/>, or <see langword="null"/> for a client without the guard.</returns>
    internal static async Task<string?> CheckGuardAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, GuardCheckUrl);
        request.Options.Set(GuardCheckKey, true);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            return response.Headers.NonValidated.TryGetValues(GuardHeader, out var value) && value.ToString() is RefusesPrivate or AllowsPrivate
                ? value.ToString()
                : null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or NotSupportedException or InvalidOperationException or ArgumentException or IOException)
        {
            return null;
        }
    }

    /// <summary>Resolves, refuses restricted addresses unless allowed, and connects to the first address that answers.</summary>
    internal static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowPrivateAddresses, HostResolver resolver, CancellationToken cancellationToken)
    {
        var host = endPoint.Host;
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            addresses = await resolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
            if (addresses.Length > 0)
            {
                ResolutionLog.NoteResolved(host);
            }
        }

        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        Exception? last = null;
        foreach (var address in addresses)
        {
            if (!allowPrivateAddresses && AddressRules.IsRestricted(address, out var kind))
            {
                last ??= new AddressNotAllowedException(endPoint.Host, address, kind);
                continue;
            }

            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    /// <summary>
    /// The connection the guard check gets: it reads the request and answers <c>204</c> with <see cref="GuardHeader"/>,
    /// all in memory.
    /// </summary>
    private sealed class GuardAnswer(bool allowPrivateAddresses) : Stream
    {
        private readonly byte[] _answer = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 204 No Content\r\n{GuardHeader}: {(allowPrivateAddresses ? AllowsPrivate : RefusesPrivate)}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");

        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(buffer.Length, _answer.Length - _position);
            _answer.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>The host resolved only to addresses the checker may not contact.</summary>
internal sealed class AddressNotAllowedException(string host, IPAddress address, RestrictedAddressKind kind)
    : Exception($"{host} resolves to {address}, a {Describe(kind)} address; private addresses are not allowed.")
{
    public RestrictedAddressKind Kind { get; } = kind;

    private static string Describe(RestrictedAddressKind kind) => kind switch
    {
        RestrictedAddressKind.LinkLocal => "link-local",
        RestrictedAddressKind.Metadata => "cloud metadata",
        RestrictedAddressKind.SharedAddressSpace => "shared (carrier-grade NAT)",
        _ => kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>
/// Which host names the checker's handlers resolved, and when: the offline rule asks whether a name that timed out
/// did resolve (then the server stalled; being offline cannot explain it). Process-wide, since any handler's answer
/// says DNS works for that name; bounded.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal static class ResolutionLog
{
    private const int MaxNames = 4096;

    private static readonly ConcurrentDictionary<string, long> Resolved = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Notes that a name resolved now.</summary>
    public static void NoteResolved(string host)
    {
        if (Resolved.Count >= MaxNames)
        {
            Resolved.Clear();
        }

        Resolved[host] = Environment.TickCount64;
    }

    /// <summary>Whether a name resolved at or after a moment (<see cref="Environment.TickCount64"/>).</summary>
    public static bool ResolvedSince(string host, long since) => Resolved.TryGetValue(host, out var at) && at >= since;
}
