using System.Net;
using Citations.Links.Http;

namespace Citations.Links.Tests.Http;

[TestClass]
public sealed class AddressRulesTests
{
    [TestMethod]
    [DataRow("127.0.0.1", "Loopback")]
    [DataRow("127.0.1.5", "Loopback")]
    [DataRow("::1", "Loopback")]
    [DataRow("10.1.2.3", "Private")]
    [DataRow("172.16.0.1", "Private")]
    [DataRow("172.31.255.255", "Private")]
    [DataRow("192.168.1.1", "Private")]
    [DataRow("fd12:3456::1", "Private")]
    [DataRow("169.254.10.10", "LinkLocal")]
    [DataRow("fe80::1", "LinkLocal")]
    [DataRow("169.254.169.254", "Metadata")]
    [DataRow("fd00:ec2::254", "Metadata")]
    [DataRow("100.100.100.200", "Metadata")]
    [DataRow("100.64.0.1", "SharedAddressSpace")]
    [DataRow("0.0.0.0", "Reserved")]
    [DataRow("::", "Reserved")]
    [DataRow("224.0.0.1", "Reserved")]
    [DataRow("::ffff:10.0.0.1", "Private")]
    [DataRow("64:ff9b::7f00:1", "Loopback")]
    public void IsRestricted_RestrictedAddress_TrueWithKind(string address, string expected)
    {
        Assert.IsTrue(AddressRules.IsRestricted(IPAddress.Parse(address), out var kind));
        Assert.AreEqual(expected, kind.ToString(), "the kind is internal, so the rows name it");
    }

    [TestMethod]
    [DataRow("93.184.216.34")]
    [DataRow("172.32.0.1")]
    [DataRow("100.128.0.1")]
    [DataRow("2606:2800:220:1::1")]
    [DataRow("::ffff:8.8.8.8")]
    public void IsRestricted_PublicAddress_False(string address)
    {
        Assert.IsFalse(AddressRules.IsRestricted(IPAddress.Parse(address), out _));
    }
}
