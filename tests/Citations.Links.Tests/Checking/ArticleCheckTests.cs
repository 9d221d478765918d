using System.Net;
using System.Net.Sockets;
using Citations.CslData;
using Citations.Links.Checking;
using Citations.Links.Extraction;
using Citations.Links.Http;
using Citations.Links.Reports;
using Citations.Links.Tests.Infrastructure;
using Citations.Model;
using Citations.Serialization;
using Citations.Tests.TestSupport;

namespace Citations.Links.Tests.Checking;

[TestClass]
public sealed class ArticleCheckTests
{
    private static TestSite Site => AssemblySetup.Site;

    private static Source WebSource(string id, string? url, SourceClass @class = SourceClass.PrimaryData)
    {
        var item = new CslItemBuilder(id, "webpage");
        if (url is not null)
        {
            item.Set(CslVariables.Url, url);
        }

        return new Source(item.Build(), @class);
    }

    [TestMethod]
    public async Task CheckArticleAsync_SourcesOnSite_QuotesLookedForPerSource()
    {
        var article = new ArticleBuilder(new CslItemBuilder("article", "article").Build())
            .AddSource(WebSource("present", Site.Url("/ok")))
            .AddSource(WebSource("absent", Site.Url("/typographic")))
            .AddSource(WebSource("brief", null, SourceClass.AdvocacyOrThinkTank))
            .AddClaim("c1", ClaimKind.Statistic, "Deaths rose.", c => c.AnchoredAt(1, "rose")
                .Cites("present", CitationRelation.CitesAsDataSource, quote: "more than 76,000 Americans were killed")
                .Cites("brief", CitationRelation.CitesAsEvidence))
            .AddClaim("c2", ClaimKind.Attribution, "The agency said few died.", c => c.AnchoredAt(2, "fewer than ten people died")
                .Cites("absent", CitationRelation.IncludesQuotationFrom))
            .Build();
        using var checker = TestChecker.Create();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var results = new List<LinkCheckResult>();
        await foreach (var result in checker.CheckArticleAsync(article, cancellationToken: timeout.Token))
        {
            results.Add(result);
        }

        Assert.HasCount(2, results, "the source without a URL is not requested");
        var present = results.Single(r => r.Targets[0].SourceId == "present");
        Assert.AreEqual(LinkVerdict.Alive, present.Verdict);
        Assert.IsTrue(present.Content!.Quotes.Single().Found);
        var absent = results.Single(r => r.Targets[0].SourceId == "absent");
        Assert.AreEqual("fewer than ten people died", absent.Content!.Quotes.Single().Quote);
        Assert.IsTrue(absent.HasMissingQuote);
    }

    [TestMethod]
    public async Task CheckSourcesAsync_SourceWithoutUrlSkipped_OthersChecked()
    {
        using var checker = TestChecker.Create();

        var results = new List<LinkCheckResult>();
        await foreach (var result in checker.CheckSourcesAsync([WebSource("a", Site.Url("/ok")), WebSource("b", null), WebSource("c", Site.Url("/gone"))]))
        {
            results.Add(result);
        }

        CollectionAssert.AreEquivalent(new[] { "a", "c" }, results.Select(r => r.Targets.Single().SourceId).ToArray());
        Assert.AreEqual(LinkVerdict.Gone, results.Single(r => r.Targets[0].SourceId == "c").Verdict);
    }

    [TestMethod]
    public async Task CheckArticleAsync_SeedArticleOffline_UrlsInconclusiveFairBriefNotCheckable()
    {
        // The sample article on a machine with no network: DNS answers nothing, for the cited hosts and the probe names
        // alike. The resolver is a stub, so no request leaves the process.
        var article = ArticleJson.ReadFile(Path.Combine(RepoPaths.Seeds, "article.json")).GetValueOrThrow();
        var set = ArticleLinkTargets.From(article, "seeds/article.json");
        var resolver = new OfflineResolver();
        using var checker = new LinkCheckerBuilder { Options = { MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromMilliseconds(10) } }
            .WithHostResolver(resolver)
            .WithConnectivityProbe(ConnectivityProbe.Dns(resolver, ConnectivityProbe.DefaultProbeHosts))
            .Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var results = await checker.CheckAllAsync(set.Targets, cancellationToken: timeout.Token);
        var report = new LinkReport(results, checker.TimeProvider.GetUtcNow(), set.NotCheckable);

        CollectionAssert.AreEqual(new[] { LinkVerdict.Inconclusive, LinkVerdict.Inconclusive }, results.Select(r => r.Verdict).ToArray());
        Assert.IsTrue(results.All(r => r.Evidence.Error?.Kind == LinkErrorKind.NameNotFound));
        Assert.AreEqual(0, report.Broken);
        Assert.IsFalse(report.HasFailures, "offline is not broken");
        CollectionAssert.AreEqual(new[] { "cbp-encounters", "cdc-overdose", "fair-china-brief", "unnamed-expert" }, report.Sources.Select(s => s.SourceId).ToArray());
        CollectionAssert.AreEqual(new[] { "inconclusive", "inconclusive", "not-checkable", "not-checkable" }, report.Sources.Select(s => s.Status).ToArray());
        CollectionAssert.Contains(resolver.Asked.ToArray(), "www.cdc.gov");
        CollectionAssert.Contains(resolver.Asked.ToArray(), "example.com");
    }

    /// <summary>DNS on a machine with no network: every name fails, as the system resolver fails here.</summary>
    private sealed class OfflineResolver : HostResolver
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Asked { get; } = new();

        public override ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken = default)
        {
            Asked.Enqueue(host);
            throw new SocketException((int)SocketError.HostNotFound);
        }
    }
}
