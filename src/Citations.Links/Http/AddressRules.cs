using System.Net;
using System.Net.Sockets;

namespace Citations.Links.Http;

/// <summary>Why an address is off limits for a checker that must not reach into private networks.</summary>
internal enum RestrictedAddressKind
{
    /// <summary>The machine itself: 127.0.0.0/8, ::1.</summary>
    Loopback,

    /// <summary>Private networks: 10/8, 172.16/12, 192.168/16, fc00::/7.</summary>
    Private,

    /// <summary>Link-local: 169.254/16, fe80::/10.</summary>
    LinkLocal,

    /// <summary>Cloud instance metadata services (169.254.169.254, fd00:ec2::254, 100.100.100.200).</summary>
    Metadata,

    /// <summary>Carrier-grade NAT shared space, 100.64/10.</summary>
    SharedAddressSpace,

    /// <summary>Unspecified (0.0.0.0/8, ::), multicast, broadcast and other reserved ranges.</summary>
    Reserved,
}

/// <summary>Classifies IP addresses a checker must not contact unless told it may.</summary>
/// <remarks>Thread-safe. IPv4 addresses mapped into IPv6 (<c>::ffff:10.0.0.1</c>) and NAT64 forms are unwrapped first.</remarks>
internal static class AddressRules
{
    /// <summary>Tells whether an address is restricted, and why.</summary>
    /// <param name="address">The address.</param>
    /// <param name="kind">Why, when the method returns <see langword="true"/>.</param>
    /// <returns>Whether the address is loopback, private, link-local, metadata or reserved.</returns>
    public static bool IsRestricted(IPAddress address, out RestrictedAddressKind kind)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return IsRestrictedV4(address, out kind);
        }

        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);

        // NAT64 (64:ff9b::/96) carries an IPv4 address in its last four bytes.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return IsRestrictedV4(new IPAddress(b[12..16]), out kind);
        }

        if (IPAddress.IPv6Loopback.Equals(address))
        {
            kind = RestrictedAddressKind.Loopback;
            return true;
        }

        // fd00:ec2::254, the EC2 metadata service over IPv6.
        if (b[0] == 0xfd && b[1] == 0x00 && b[2] == 0x0e && b[3] == 0xc2 && b[4..14].IndexOfAnyExcept((byte)0) < 0 && b[14] == 0x02 && b[15] == 0x54)
        {
            kind = RestrictedAddressKind.Metadata;
            return true;
        }

        if ((b[0] & 0xfe) == 0xfc)
        {
            kind = RestrictedAddressKind.Private;
            return true;
        }

        if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
        {
            kind = RestrictedAddressKind.LinkLocal;
            return true;
        }

        // Deprecated site-local fec0::/10 behaves like a private range.
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)
        {
            kind = RestrictedAddressKind.Private;
            return true;
        }

        if (IPAddress.IPv6Any.Equals(address) || b[0] == 0xff)
        {
            kind = RestrictedAddressKind.Reserved;
            return true;
        }

        kind = default;
        return false;
    }

    private static bool IsRestrictedV4(IPAddress address, out RestrictedAddressKind kind)
    {
        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        kind = (b[0], b[1], b[2], b[3]) switch
        {
            (169, 254, 169, 254) or (100, 100, 100, 200) => RestrictedAddressKind.Metadata,
            (127, _, _, _) => RestrictedAddressKind.Loopback,
            (10, _, _, _) => RestrictedAddressKind.Private,
            (172, >= 16 and <= 31, _, _) => RestrictedAddressKind.Private,
            (192, 168, _, _) => RestrictedAddressKind.Private,
            (169, 254, _, _) => RestrictedAddressKind.LinkLocal,
            (100, >= 64 and <= 127, _, _) => RestrictedAddressKind.SharedAddressSpace,
            (0, _, _, _) or (>= 224, _, _, _) => RestrictedAddressKind.Reserved,
            (192, 0, 0, _) => RestrictedAddressKind.Reserved,
            (198, 18 or 19, _, _) => RestrictedAddressKind.Reserved,
            _ => (RestrictedAddressKind)(-1),
        };
        return (int)kind >= 0;
    }
}
