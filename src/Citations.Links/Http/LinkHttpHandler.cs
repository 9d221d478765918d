using System.Net;
using System.Net.Sockets;

namespace Citations.Links.Http;

/// <summary>
/// Builds the HTTP handler a link checker needs: redirects and decompression left to the checker (it follows the
/// chain by hand and caps bodies after decompression), no proxy, and a connect step that checks the address actually
/// connected to, so that a name resolving to a private address is refused even when DNS changes between checks.
/// </summary>
/// <remarks>
/// Use it when you give the checker your own <see cref="HttpClient"/> or register a client with
/// <c>IHttpClientFactory</c> (<c>ConfigurePrimaryHttpMessageHandler(() => LinkHttpHandler.Create(...))</c>).
/// </remarks>
public static class LinkHttpHandler
{
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
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowPrivateAddresses, resolver, cancellationToken),
        };
    }

    /// <summary>Resolves, refuses restricted addresses unless allowed, and connects to the first address that answers.</summary>
    internal static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowPrivateAddresses, HostResolver resolver, CancellationToken cancellationToken)
    {
        var host = endPoint.Host;
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await resolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
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
}

/// <summary>The host resolved only to addresses the checker may not contact.</summary>
internal sealed class AddressNotAllowedException(string host, IPAddress address, RestrictedAddressKind kind)
    : Exception($"{host} resolves to {address}, a {kind.ToString().ToLowerInvariant()} address; private addresses are not allowed.")
{
    public RestrictedAddressKind Kind { get; } = kind;
}
