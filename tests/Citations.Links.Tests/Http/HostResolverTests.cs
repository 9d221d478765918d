using System.Net;
using System.Net.Sockets;
using Citations.Links.Http;

namespace Citations.Links.Tests.Http;

[TestClass]
public sealed class HostResolverTests
{
    [TestMethod]
    [DataRow("localhost")]
    [DataRow("LOCALHOST.")]
    [DataRow("site.localhost")]
    public async Task LoopbackOnly_LocalhostName_Loopback(string host)
    {
        CollectionAssert.AreEqual(new[] { IPAddress.Loopback }, await HostResolver.LoopbackOnly.ResolveAsync(host));
    }

    [TestMethod]
    [DataRow("www.cdc.gov")]
    [DataRow("example.com")]
    [DataRow("localhost.example.com")]
    public async Task LoopbackOnly_AnyOtherName_HostNotFoundWithoutAsking(string host)
    {
        var error = await Assert.ThrowsExactlyAsync<SocketException>(async () => await HostResolver.LoopbackOnly.ResolveAsync(host));

        Assert.AreEqual(SocketError.HostNotFound, error.SocketErrorCode);
    }
}
