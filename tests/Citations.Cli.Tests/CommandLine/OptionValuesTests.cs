using Citations.Cli.CommandLine;

namespace Citations.Cli.Tests.CommandLine;

[TestClass]
public sealed class OptionValuesTests
{
    [TestMethod]
    [DataRow("30s", 30)]
    [DataRow("15m", 900)]
    [DataRow("12h", 43200)]
    [DataRow("2d", 172800)]
    [DataRow("00:01:30", 90)]
    [DataRow("0", 0)]
    public void ParseDuration_Forms_Seconds(string text, int seconds)
        => Assert.AreEqual(TimeSpan.FromSeconds(seconds), OptionValues.ParseDuration(text));

    [TestMethod]
    [DataRow("soon")]
    [DataRow("-5s")]
    [DataRow("5w")]
    public void ParseDuration_NotADuration_Null(string text) => Assert.IsNull(OptionValues.ParseDuration(text));

    [TestMethod]
    [DataRow("65536", 65536L)]
    [DataRow("1K", 1024L)]
    [DataRow("300MiB", 300L << 20)]
    [DataRow("2g", 2L << 30)]
    public void ParseByteSize_Forms_Bytes(string text, long bytes) => Assert.AreEqual(bytes, OptionValues.ParseByteSize(text));

    [TestMethod]
    [DataRow("0")]
    [DataRow("lots")]
    [DataRow("1T")]
    [DataRow("99999999999999999G")]
    public void ParseByteSize_NotASize_Null(string text) => Assert.IsNull(OptionValues.ParseByteSize(text));

    [TestMethod]
    public void ParseCount_ZeroOnlyWhenAllowed()
    {
        Assert.IsNull(OptionValues.ParseCount("0", allowZero: false));
        Assert.AreEqual(0, OptionValues.ParseCount("0", allowZero: true));
        Assert.IsNull(OptionValues.ParseCount("-1", allowZero: true));
    }
}
