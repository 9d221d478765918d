using Citations.Links.Tests.Infrastructure;

namespace Citations.Links.Tests.Checking;

/// <summary>The options that choose what a run checks: patterns, remaps, accepted statuses, per-host headers (<c>TargetRules</c>, <c>HttpSender</c>).</summary>
[TestClass]
public sealed class TargetRulesTests
{
    private static TestSite Site => AssemblySetup.Site;

    private static async Task<List<LinkCheckResult>> CheckAsync(IEnumerable<string> urls, Action<LinkCheckerOptions> configure)
    {
        using var checker = TestChecker.Create(configure);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var results = new List<LinkCheckResult>();
        await foreach (var result in checker.CheckUrlsAsync(urls, null, timeout.Token))
        {
            results.Add(result);
        }

        return results;
    }

    [TestMethod]
    public async Task CheckAsync_ExcludedByUrlOrHost_NotRequested()
    {
        var results = await CheckAsync([Site.Url("/ok"), Site.Url("/missing"), Site.Url("/ok", "other.test")], o => o.ExcludePatterns = ["/missing$", "^other\\.test$"]);

        Assert.HasCount(1, results);
        Assert.AreEqual(Site.Url("/ok"), results[0].Url);
    }

    [TestMethod]
    public async Task CheckAsync_IncludePatterns_OnlyMatchingChecked()
    {
        var results = await CheckAsync([Site.Url("/ok"), Site.Url("/missing")], o => o.IncludePatterns = ["/ok$"]);

        Assert.HasCount(1, results);
        Assert.AreEqual(LinkVerdict.Alive, results[0].Verdict);
    }

    [TestMethod]
    public void IsExcluded_PatternThatRunsOutOfTime_DoesNotMatch()
    {
        using var checker = TestChecker.Create(o =>
        {
            o.ExcludePatterns = ["(a+)+$"];
            o.PatternTimeout = TimeSpan.FromMilliseconds(1);
        });

        Assert.IsFalse(checker.IsExcluded("http://site.test/" + new string('a', 40) + "!"));
        Assert.IsTrue(checker.IsExcluded("aaaa"));
    }

    [TestMethod]
    public async Task CheckAsync_Remap_ReplacementCheckedCitationKept()
    {
        var cited = Site.Url("/moved/ok");
        var results = await CheckAsync([cited], o => o.Remaps = [new UrlRemap("/moved/(\\w+)$", "/$1")]);

        Assert.AreEqual(LinkVerdict.Alive, results.Single().Verdict);
        Assert.AreEqual(Site.Url("/ok"), results[0].Url);
        Assert.AreEqual(cited, results[0].Targets.Single().Url);
    }

    [TestMethod]
    public async Task CheckAsync_AcceptedStatus_AliveWithANote()
    {
        var results = await CheckAsync([Site.Url("/forbidden")], o => o.AcceptedStatusCodes = [403]);

        Assert.AreEqual(LinkVerdict.Alive, results.Single().Verdict);
        Assert.IsTrue(results[0].Evidence.Notes.Any(n => n.Contains("403 is accepted", StringComparison.Ordinal)), string.Join("; ", results[0].Evidence.Notes));
    }

    [TestMethod]
    public void Validate_BadPatternStatusAndHeader_AllReportedWithoutTheHeaderValue()
    {
        var options = new LinkCheckerOptions
        {
            ExcludePatterns = ["(unclosed"],
            Remaps = [new UrlRemap("[", "x")],
            AcceptedStatusCodes = [99],
            RequestHeaders = [new HostRequestHeader("site.test", "Bad Name", "secret-value")],
        };

        var error = Assert.ThrowsExactly<LinkOptionsException>(options.Validate);

        Assert.HasCount(4, error.Errors, string.Join("\n", error.Errors));
        Assert.IsFalse(error.Message.Contains("secret-value", StringComparison.Ordinal), error.Message);
        Assert.AreEqual("site.test: X-Token=***", new HostRequestHeader("site.test", "X-Token", "secret-value").ToString());
    }
}
