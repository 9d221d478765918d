namespace Citations.Links.Tests;

[TestClass]
public sealed class LinkVerdictTests
{
    [TestMethod]
    public void Classes_EveryVerdict_ExactlyOneOfAliveBrokenUnverified()
    {
        foreach (var verdict in Enum.GetValues<LinkVerdict>())
        {
            var classes = new[] { verdict.IsAlive(), verdict.IsBroken(), verdict.IsUnverified() }.Count(c => c);

            Assert.AreEqual(1, classes, verdict.ToString());
        }
    }

    [TestMethod]
    public void CountsAsFailure_EveryVerdict_OnlyBrokenOnes()
    {
        foreach (var verdict in Enum.GetValues<LinkVerdict>().Where(v => v.CountsAsFailure()))
        {
            Assert.IsTrue(verdict.IsBroken(), verdict.ToString());
        }
    }

    [TestMethod]
    public void ToReportName_EveryVerdict_DistinctKebabNameThatParsesBack()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var verdict in Enum.GetValues<LinkVerdict>())
        {
            var name = verdict.ToReportName();

            StringAssert.Matches(name, new System.Text.RegularExpressions.Regex("^[a-z0-9]+(-[a-z0-9]+)*$"));
            Assert.IsTrue(names.Add(name), name);
            Assert.IsTrue(LinkVerdictExtensions.TryParseReportName(name, out var back));
            Assert.AreEqual(verdict, back);
        }
    }
}
