using System.Net;
using System.Net.Sockets;

namespace Citations.Links.Http;

/// <summary>
/// Turns host names into addresses for the checker's connections and its offline test. The default asks the system's
/// resolver; tests and special deployments supply their own.
/// </summary>
/// <remarks>Implementations must be thread-safe. Throw <see cref="SocketException"/> with
/// <see cref="SocketError.HostNotFound"/> for a name that does not exist, as the system resolver does.</remarks>
public abstract class HostResolver
{
    /// <summary>The system's resolver (<see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/>).</summary>
    public static HostResolver System { get; } = new SystemHostResolver();

    /// <summary>
    /// A resolver that never leaves the machine: <c>localhost</c> and <c>*.localhost</c> resolve to 127.0.0.1, and
    /// every other name does not exist (<see cref="SocketError.HostNotFound"/>) without any DNS query. For tests and
    /// offline runs; with it the default connectivity probe finds no public name, so the checker counts as offline.
    /// Selected by configuration with <see cref="Checking.LinkCheckerBuilder.WithNetworkFromEnvironment"/>.
    /// </summary>
    public static HostResolver LoopbackOnly { get; } = new LoopbackOnlyResolver();

    /// <summary>Resolves a host name to its addresses.</summary>
    /// <param name="host">The host name (never an IP literal: those are not resolved).</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The addresses, in the order to try them.</returns>
    /// <exception cref="SocketException">The name does not exist or DNS failed.</exception>
    public abstract ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken = default);

    private sealed class SystemHostResolver : HostResolver
    {
        public override async ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken = default)
            => await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
    }

    private sealed class LoopbackOnlyResolver : HostResolver
    {
        public override ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(host);
            var name = host.TrimEnd('.');
            return name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
                ? new ValueTask<IPAddress[]>([IPAddress.Loopback])
                : ValueTask.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
        }
    }
}
