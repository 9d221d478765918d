using System.Net;
using System.Net.Sockets;

namespace Citations.Links.Http;

/// <summary>Why an address is off limits for a checker that must not reach into private networks.</summary>
internal enum RestrictedAddressKind
{
    /// <summary>The machine itself: 127.0.0.0/8, ::1.</summary>
    Loopback,

    /// <summary>Private networks: 10/8, 172.16/12, 192.168/16, fc00::/7 (unique local), fec0::/10 (deprecated site-local).</summary>
    Private,

    /// <summary>Link-local: 169.254/16, fe80::/10.</summary>
    LinkLocal,

    /// <summary>Cloud instance metadata services (169.254.169.254, fd00:ec2::254, 100.100.100.200).</summary>
    Metadata,

    /// <summary>Carrier-grade NAT shared space, 100.64/10.</summary>
    SharedAddressSpace,

    /// <summary>Reserved for documentation: 192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32, 3fff::/20.</summary>
    Documentation,

    /// <summary>Reserved for benchmarking: 198.18/15, 2001:2::/48.</summary>
    Benchmarking,

    /// <summary>Multicast: 224/4, ff00::/8.</summary>
    Multicast,

    /// <summary>
    /// Everything else that is not a globally reachable unicast address: "this network" (0/8, ::), broadcast and
    /// 240/4, IETF protocol assignments (192.0.0/24, 2001::/23), the deprecated 6to4 relay (192.88.99/24),
    /// IPv4-compatible (::a.b.c.d), Teredo (2001::/32), discard-only (100::/64), local-use translation
    /// (64:ff9b:1::/48), and IPv6 outside the global unicast range 2000::/3.
    /// </summary>
    Reserved,
}

/// <summary>What a URL's host is, for the offline rule: whether reaching it needs DNS, and whether it is a public address.</summary>
internal enum HostKind
{
    /// <summary>A host name that needs DNS (or another name service) to resolve.</summary>
    Name,

    /// <summary>A name whose answer never depends on the network: <c>localhost</c>, <c>*.localhost</c> (loopback), <c>*.invalid</c> (never resolves).</summary>
    LocalName,

    /// <summary>An IP address that is globally reachable.</summary>
    PublicAddress,

    /// <summary>An IP address the checker restricts (loopback, private, link-local, reserved…).</summary>
    RestrictedAddress,
}

/// <summary>
/// Classifies IP addresses a checker must not contact unless told it may: every range of the IANA IPv4 and IPv6
/// special-purpose address registries that is not globally reachable, plus multicast and cloud metadata addresses.
/// </summary>
/// <remarks>
/// <para>Thread-safe; pure. Addresses that carry an IPv4 address (IPv4-mapped <c>::ffff:a.b.c.d</c>, IPv4-compatible
/// <c>::a.b.c.d</c>, NAT64 <c>64:ff9b::/96</c> and <c>64:ff9b:1::/48</c>, 6to4 <c>2002::/16</c>, Teredo
/// <c>2001::/32</c>) are judged by the IPv4 address inside: one that hides a restricted address is restricted with
/// that address's kind. Mapped, well-known NAT64 and 6to4 addresses of a public IPv4 address are public; the other
/// forms are restricted whatever they carry (deprecated, local-use or tunnels).</para>
/// <para>The special-purpose entries the registries mark globally reachable (192.0.0.9 and 192.0.0.10, AS112
/// 192.31.196/24 and 192.175.48/24, AMT 192.52.193/24, 2001:1::1–3, 2001:3::/32, 2001:4:112::/48, 2001:20::/28,
/// 2001:30::/28, 2620:4f:8000::/48) are public services and stay allowed.</para>
/// </remarks>
internal static class AddressRules
{
    /// <summary>Tells whether an address is restricted, and why.</summary>
    /// <param name="address">The address.</param>
    /// <param name="kind">Why, when the method returns <see langword="true"/>.</param>
    /// <returns>Whether the address is not a globally reachable unicast address (or is a metadata service).</returns>
    public static bool IsRestricted(IPAddress address, out RestrictedAddressKind kind)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> v4 = stackalloc byte[4];
            address.TryWriteBytes(v4, out _);
            return IsRestrictedV4(v4, out kind);
        }

        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);
        return IsRestrictedV6(b, out kind);
    }

    /// <summary>What a URL's host is: a name that needs DNS, a local name, or a public or restricted address.</summary>
    /// <param name="url">The URL.</param>
    public static HostKind Classify(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && IPAddress.TryParse(url.Host.TrimStart('[').TrimEnd(']'), out var address))
        {
            return IsRestricted(address, out _) ? HostKind.RestrictedAddress : HostKind.PublicAddress;
        }

        var host = url.Host.TrimEnd('.');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
               || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
               || host.Equals("invalid", StringComparison.OrdinalIgnoreCase)
               || host.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase)
            ? HostKind.LocalName
            : HostKind.Name;
    }

    private static bool IsRestrictedV4(ReadOnlySpan<byte> b, out RestrictedAddressKind kind)
    {
        kind = (b[0], b[1], b[2], b[3]) switch
        {
            (169, 254, 169, 254) or (100, 100, 100, 200) => RestrictedAddressKind.Metadata,
            (127, _, _, _) => RestrictedAddressKind.Loopback,
            (10, _, _, _) => RestrictedAddressKind.Private,
            (172, >= 16 and <= 31, _, _) => RestrictedAddressKind.Private,
            (192, 168, _, _) => RestrictedAddressKind.Private,
            (169, 254, _, _) => RestrictedAddressKind.LinkLocal,
            (100, >= 64 and <= 127, _, _) => RestrictedAddressKind.SharedAddressSpace,
            (192, 0, 2, _) or (198, 51, 100, _) or (203, 0, 113, _) => RestrictedAddressKind.Documentation,
            (198, 18 or 19, _, _) => RestrictedAddressKind.Benchmarking,
            (>= 224 and <= 239, _, _, _) => RestrictedAddressKind.Multicast,

            // PCP and TURN anycast are globally reachable; the rest of 192.0.0/24 is not.
            (192, 0, 0, 9 or 10) => (RestrictedAddressKind)(-1),
            (0, _, _, _) or (>= 240, _, _, _) or (192, 0, 0, _) or (192, 88, 99, _) => RestrictedAddressKind.Reserved,
            _ => (RestrictedAddressKind)(-1),
        };
        return (int)kind >= 0;
    }

    private static bool IsRestrictedV6(ReadOnlySpan<byte> b, out RestrictedAddressKind kind)
    {
        var zeroPrefix = b[..12].IndexOfAnyExcept((byte)0) < 0;
        if (zeroPrefix)
        {
            // ::, ::1, and the deprecated IPv4-compatible ::a.b.c.d (judged by what it carries, restricted anyway).
            if (b[12..15].IndexOfAnyExcept((byte)0) < 0 && b[15] <= 1)
            {
                kind = b[15] == 1 ? RestrictedAddressKind.Loopback : RestrictedAddressKind.Reserved;
                return true;
            }

            return Carried(b[12..16], out kind);
        }

        // NAT64, well-known prefix 64:ff9b::/96: public when the IPv4 address inside is.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return IsRestrictedV4(b[12..16], out kind);
        }

        // NAT64, local-use prefix 64:ff9b:1::/48 (not globally reachable), with the IPv4 address in its last 32 bits.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4] == 0x00 && b[5] == 0x01)
        {
            return Carried(b[12..16], out kind);
        }

        // fd00:ec2::254, the EC2 metadata service over IPv6.
        if (b[0] == 0xfd && b[1] == 0x00 && b[2] == 0x0e && b[3] == 0xc2 && b[4..14].IndexOfAnyExcept((byte)0) < 0 && b[14] == 0x02 && b[15] == 0x54)
        {
            kind = RestrictedAddressKind.Metadata;
            return true;
        }

        if ((b[0] & 0xe0) != 0x20)
        {
            // Outside global unicast 2000::/3.
            kind = b[0] switch
            {
                0xfc or 0xfd => RestrictedAddressKind.Private,
                0xfe when (b[1] & 0xc0) == 0x80 => RestrictedAddressKind.LinkLocal,
                0xfe when (b[1] & 0xc0) == 0xc0 => RestrictedAddressKind.Private,
                0xff => RestrictedAddressKind.Multicast,
                _ => RestrictedAddressKind.Reserved,
            };
            return true;
        }

        // 6to4, 2002::/16: the IPv4 address in bits 16-47 decides.
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsRestrictedV4(b[2..6], out kind);
        }

        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
        {
            kind = RestrictedAddressKind.Documentation;
            return true;
        }

        if (b[0] == 0x3f && b[1] == 0xff && (b[2] & 0xf0) == 0x00)
        {
            kind = RestrictedAddressKind.Documentation;
            return true;
        }

        // IETF protocol assignments, 2001::/23.
        if (b[0] == 0x20 && b[1] == 0x01 && (b[2] & 0xfe) == 0x00)
        {
            return IsRestrictedProtocolAssignment(b, out kind);
        }

        kind = default;
        return false;
    }

    /// <summary>2001::/23: restricted, but for the entries the registry marks globally reachable.</summary>
    private static bool IsRestrictedProtocolAssignment(ReadOnlySpan<byte> b, out RestrictedAddressKind kind)
    {
        var second = (b[2] << 8) | b[3];
        switch (second)
        {
            case 0x0000:
                // Teredo, 2001::/32: the client's IPv4 address is the last 32 bits, inverted.
                Span<byte> client = [(byte)~b[12], (byte)~b[13], (byte)~b[14], (byte)~b[15]];
                return Carried(client, out kind);
            case 0x0001 when b[4..15].IndexOfAnyExcept((byte)0) < 0 && b[15] is 1 or 2 or 3:
                // PCP, TURN and DNS-SD SRP anycast.
                kind = default;
                return false;
            case 0x0002 when b[4] == 0x00 && b[5] == 0x00:
                kind = RestrictedAddressKind.Benchmarking;
                return true;
            case 0x0003:
            case 0x0004 when b[4] == 0x01 && b[5] == 0x12:
            case >= 0x0020 and <= 0x003f:
                // AMT; AS112-v6; ORCHIDv2 and drone remote ID.
                kind = default;
                return false;
            default:
                kind = RestrictedAddressKind.Reserved;
                return true;
        }
    }

    /// <summary>An address form that is restricted whatever it carries: with the carried IPv4 address's kind when that is restricted, else <see cref="RestrictedAddressKind.Reserved"/>.</summary>
    private static bool Carried(ReadOnlySpan<byte> v4, out RestrictedAddressKind kind)
    {
        if (!IsRestrictedV4(v4, out kind))
        {
            kind = RestrictedAddressKind.Reserved;
        }

        return true;
    }
}
