namespace Citations.Links.Tests;

/// <summary>The names the history database stores for the checker's enumerations cannot change silently.</summary>
[TestClass]
public sealed class ReportNamesTests
{
    [TestMethod]
    public void ErrorKinds_Names_AreTheStoredNames()
    {
        CollectionAssert.AreEqual(
            new[]
            {
                "name-not-found", "name-resolution-failed", "connection-refused", "connection-reset", "network-unreachable",
                "tls", "timeout", "redirect-loop", "too-many-redirects", "invalid-redirect", "address-not-allowed",
                "circuit-open", "offline", "protocol", "invalid-url", "other",
            },
            ReportNames.ErrorKinds.Names.ToArray());
    }

    [TestMethod]
    public void RedirectKinds_Names_AreTheStoredNames()
        => CollectionAssert.AreEqual(new[] { "permanent", "temporary" }, ReportNames.RedirectKinds.Names.ToArray());

    [TestMethod]
    public void ErrorKinds_TryParse_ReadsWhatItWrites()
    {
        foreach (var kind in Enum.GetValues<LinkErrorKind>())
        {
            Assert.IsTrue(ReportNames.ErrorKinds.TryParse(ReportNames.ErrorKinds[kind], out var read));
            Assert.AreEqual(kind, read);
        }

        Assert.IsFalse(ReportNames.ErrorKinds.TryParse("ConnectionRefused", out _), "names are case-sensitive kebab case");
        Assert.IsFalse(ReportNames.ErrorKinds.TryParse(null, out _));
    }
}
