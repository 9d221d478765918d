using System.Net;
using Citations.Links.Http;

namespace Citations.Links.Tests.Http;

/// <summary>
/// The address rules as a pure function, row by row through the IANA IPv4 and IPv6 special-purpose address registries
/// (no traffic: nothing here connects anywhere).
/// </summary>
[TestClass]
public sealed class AddressRulesTests
{
    [TestMethod]
    // IPv4 special-purpose registry, every entry not globally reachable.
    [DataRow("0.0.0.0", "Reserved")]
    [DataRow("0.1.2.3", "Reserved")]
    [DataRow("10.1.2.3", "Private")]
    [DataRow("100.64.0.1", "SharedAddressSpace")]
    [DataRow("100.127.255.254", "SharedAddressSpace")]
    [DataRow("127.0.0.1", "Loopback")]
    [DataRow("127.0.1.5", "Loopback")]
    [DataRow("169.254.10.10", "LinkLocal")]
    [DataRow("172.16.0.1", "Private")]
    [DataRow("172.31.255.255", "Private")]
    [DataRow("192.0.0.1", "Reserved")]
    [DataRow("192.0.0.8", "Reserved")]
    [DataRow("192.0.0.170", "Reserved")]
    [DataRow("192.0.2.1", "Documentation")]
    [DataRow("192.88.99.1", "Reserved")]
    [DataRow("192.168.1.1", "Private")]
    [DataRow("198.18.0.1", "Benchmarking")]
    [DataRow("198.19.255.255", "Benchmarking")]
    [DataRow("198.51.100.7", "Documentation")]
    [DataRow("203.0.113.9", "Documentation")]
    [DataRow("240.0.0.1", "Reserved")]
    [DataRow("255.255.255.255", "Reserved")]
    [DataRow("224.0.0.1", "Multicast")]
    [DataRow("239.255.255.250", "Multicast")]
    // Cloud metadata services.
    [DataRow("169.254.169.254", "Metadata")]
    [DataRow("100.100.100.200", "Metadata")]
    [DataRow("fd00:ec2::254", "Metadata")]
    // IPv6 special-purpose registry.
    [DataRow("::1", "Loopback")]
    [DataRow("::", "Reserved")]
    [DataRow("::ffff:10.0.0.1", "Private")]
    [DataRow("::ffff:127.0.0.1", "Loopback")]
    [DataRow("::127.0.0.1", "Loopback")]
    [DataRow("::10.1.1.1", "Private")]
    [DataRow("::8.8.8.8", "Reserved")]
    [DataRow("64:ff9b::7f00:1", "Loopback")]
    [DataRow("64:ff9b::a9fe:a9fe", "Metadata")]
    [DataRow("64:ff9b::c000:201", "Documentation")]
    [DataRow("64:ff9b:1::7f00:1", "Loopback")]
    [DataRow("64:ff9b:1::808:808", "Reserved")]
    [DataRow("100::1", "Reserved")]
    [DataRow("100:0:0:1::1", "Reserved")]
    [DataRow("2001::1", "Reserved")]
    [DataRow("2001:0:4136:e378:8000:63bf:80ff:fffe", "Loopback")]
    [DataRow("2001:0:4136:e378:8000:63bf:f5ff:fffe", "Private")]
    [DataRow("2001:2::1", "Benchmarking")]
    [DataRow("2001:10::1", "Reserved")]
    [DataRow("2001:db8::1", "Documentation")]
    [DataRow("2002:7f00:1::1", "Loopback")]
    [DataRow("2002:c0a8:101::1", "Private")]
    [DataRow("2002:a9fe:a9fe::1", "Metadata")]
    [DataRow("3fff::1", "Documentation")]
    [DataRow("3fff:fff::1", "Documentation")]
    [DataRow("5f00::1", "Reserved")]
    [DataRow("fc00::1", "Private")]
    [DataRow("fd12:3456::1", "Private")]
    [DataRow("fe80::1", "LinkLocal")]
    [DataRow("febf::1", "LinkLocal")]
    [DataRow("fec0::1", "Private")]
    [DataRow("ff02::1", "Multicast")]
    [DataRow("4000::1", "Reserved")]
    public void IsRestricted_SpecialPurposeAddress_TrueWithKind(string address, string expected)
    {
        Assert.IsTrue(AddressRules.IsRestricted(IPAddress.Parse(address), out var kind), address);
        Assert.AreEqual(expected, kind.ToString(), "the kind is internal, so the rows name it");
    }

    [TestMethod]
    [DataRow("93.184.216.34")]
    [DataRow("8.8.8.8")]
    [DataRow("172.32.0.1")]
    [DataRow("100.128.0.1")]
    [DataRow("198.20.0.1")]
    [DataRow("192.0.3.1")]
    [DataRow("223.255.255.255")]
    // Globally reachable special-purpose entries: public services.
    [DataRow("192.0.0.9")]
    [DataRow("192.0.0.10")]
    [DataRow("192.31.196.1")]
    [DataRow("192.52.193.1")]
    [DataRow("192.175.48.1")]
    [DataRow("2606:2800:220:1::1")]
    [DataRow("::ffff:8.8.8.8")]
    [DataRow("64:ff9b::808:808")]
    [DataRow("2002:808:808::1")]
    [DataRow("2001:1::1")]
    [DataRow("2001:1::3")]
    [DataRow("2001:3::1")]
    [DataRow("2001:4:112::1")]
    [DataRow("2001:20::1")]
    [DataRow("2001:3f::1")]
    [DataRow("2001:200::1")]
    [DataRow("2620:4f:8000::1")]
    [DataRow("3fff:1000::1")]
    public void IsRestricted_GloballyReachableAddress_False(string address)
    {
        Assert.IsFalse(AddressRules.IsRestricted(IPAddress.Parse(address), out var kind), $"{address} ({kind})");
    }

    [TestMethod]
    [DataRow("http://www.cdc.gov/", "Name")]
    [DataRow("http://site.test:8080/", "Name")]
    [DataRow("http://intranet/", "Name")]
    [DataRow("http://localhost/", "LocalName")]
    [DataRow("http://api.localhost./", "LocalName")]
    [DataRow("http://nothing.invalid/", "LocalName")]
    [DataRow("http://93.184.216.34/", "PublicAddress")]
    [DataRow("http://[2606:2800:220:1::1]/", "PublicAddress")]
    [DataRow("http://127.0.0.1:5000/", "RestrictedAddress")]
    [DataRow("http://2130706433/", "RestrictedAddress")]
    [DataRow("http://[::1]/", "RestrictedAddress")]
    [DataRow("http://[::ffff:192.168.0.1]/", "RestrictedAddress")]
    public void Classify_Host_KindForTheOfflineRule(string url, string expected)
    {
        Assert.AreEqual(expected, AddressRules.Classify(new Uri(url)).ToString());
    }
}
