using System.Net.NetworkInformation;
using System.Net.Sockets;
using Citations.Links.Http;

namespace Citations.Links.Checking;

/// <summary>
/// Tells whether the checker itself has a network. Asked only when a check fails in a way being offline could explain
/// (a name that does not resolve, no route to a public address, a timeout on a name that did not resolve): if the
/// checker is offline, such failures say nothing about the link, and the verdict is <see cref="LinkVerdict.Inconclusive"/>
/// instead of "gone". A refusal, a reset or a stall after the name resolved (or on an address) is never put down to it.
/// The answer, when and how long it took are in <see cref="LinkEvidence.Connectivity"/>.
/// </summary>
/// <remarks>Implementations must be thread-safe. The checker caches the answer for a minute.</remarks>
public abstract class ConnectivityProbe
{
    /// <summary>Names that resolve wherever DNS works (reserved for documentation, served by the IANA).</summary>
    public static IReadOnlyList<string> DefaultProbeHosts { get; } = ["example.com", "example.org", "example.net"];

    /// <summary>The default probe: a network interface is up and at least one of <see cref="DefaultProbeHosts"/> resolves to a public address.</summary>
    public static ConnectivityProbe Default { get; } = Dns(HostResolver.System, DefaultProbeHosts);

    /// <summary>A probe that always says the same, for tests and for callers who know.</summary>
    /// <param name="online">The answer.</param>
    public static ConnectivityProbe Fixed(bool online) => new FixedProbe(online);

    /// <summary>A probe that resolves names: online when any resolves to a public address within the timeout.</summary>
    /// <param name="resolver">The resolver (the checker's, so both see the same DNS).</param>
    /// <param name="hosts">Names to resolve; several, so one name's outage is not taken for the checker's.</param>
    /// <param name="timeout">How long to wait for DNS; 5 seconds when <see langword="null"/>.</param>
    public static ConnectivityProbe Dns(HostResolver resolver, IEnumerable<string> hosts, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(hosts);
        var list = hosts.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("At least one probe host is needed.", nameof(hosts));
        }

        return new DnsProbe(resolver, list, timeout ?? TimeSpan.FromSeconds(5));
    }

    /// <summary>Whether the checker has a network.</summary>
    /// <param name="cancellationToken">Cancels the probe.</param>
    public abstract ValueTask<bool> IsOnlineAsync(CancellationToken cancellationToken = default);

    private sealed class FixedProbe(bool online) : ConnectivityProbe
    {
        public override ValueTask<bool> IsOnlineAsync(CancellationToken cancellationToken = default) => new(online);
    }

    private sealed class DnsProbe(HostResolver resolver, string[] hosts, TimeSpan timeout) : ConnectivityProbe
    {
        public override async ValueTask<bool> IsOnlineAsync(CancellationToken cancellationToken = default)
        {
            if (ReferenceEquals(resolver, HostResolver.System) && !NetworkInterface.GetIsNetworkAvailable())
            {
                return false;
            }

            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(timeout);
            var lookups = hosts.Select(async host =>
            {
                try
                {
                    var addresses = await resolver.ResolveAsync(host, cts.Token).ConfigureAwait(false);
                    return addresses.Any(a => !AddressRules.IsRestricted(a, out _));
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException or ArgumentException)
                {
                    return false;
                }
            }).ToList();
            while (lookups.Count > 0)
            {
                var done = await Task.WhenAny(lookups).ConfigureAwait(false);
                if (await done.ConfigureAwait(false))
                {
                    await cts.CancelAsync().ConfigureAwait(false);
                    return true;
                }

                lookups.Remove(done);
            }

            cancellationToken.ThrowIfCancellationRequested();
            return false;
        }
    }
}
