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
    [DataRow("-5s", -5)]
    [DataRow("1.5e1s", 15)]
    public void ParseDuration_Forms_Seconds(string text, int seconds)
        => Assert.AreEqual(TimeSpan.FromSeconds(seconds), OptionValues.ParseDuration(text));

    [TestMethod]
    public void ParseDuration_Milliseconds_AreNotMinutes()
    {
        Assert.AreEqual(TimeSpan.FromMilliseconds(500), OptionValues.ParseDuration("500ms"));
        Assert.AreEqual(TimeSpan.FromMilliseconds(5), OptionValues.ParseDuration("0.005s"));
        Assert.AreEqual(TimeSpan.FromMinutes(5), OptionValues.ParseDuration("5m"));
    }

    [TestMethod]
    [DataRow("soon")]
    [DataRow("5w")]
    [DataRow("NaN")]
    [DataRow("NaNs")]
    [DataRow("ms")]
    public void ParseDuration_NotADuration_Null(string text) => Assert.IsNull(OptionValues.ParseDuration(text));

    [TestMethod]
    [DataRow("1e300s")]
    [DataRow("Infinitys")]
    [DataRow("99999999d")]
    public void ParseDuration_BeyondATimeSpan_MaxValueNotAnException(string text)
        => Assert.AreEqual(TimeSpan.MaxValue, OptionValues.ParseDuration(text));

    [TestMethod]
    [DataRow(10.0 / 1000, "10ms")]
    [DataRow(86400.0, "1d")]
    [DataRow(36500.0 * 86400, "36500d")]
    [DataRow(90.0, "90s")]
    [DataRow(0.0, "0")]
    public void FormatDuration_LargestWholeUnit(double seconds, string text)
        => Assert.AreEqual(text, OptionValues.FormatDuration(TimeSpan.FromSeconds(seconds)));

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
