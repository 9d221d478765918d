using System.Globalization;
using System.Text;
using Citations.Links.Articles;
using Citations.Links.Http;
using Citations.Model;
using Citations.Serialization;
using Citations.Tests.ArticleCorpus;
using Citations.Tests.TestSupport;

namespace Citations.Links.Tests.Articles;

/// <summary>
/// The sample article (<c>seeds/article.json</c>, from <c>../shared/seed/</c>) rendered as a web page
/// (<c>Articles/Corpus/sample/article.html</c>: the seed's paragraphs and the phrases its anchors quote, links to
/// stand-ins for the FAIR brief, the CBP encounters page and the CDC overdose data page, each with the metadata such a
/// page carries), extracted by URL from the corpus site: the source map must agree with the hand-made seed on every
/// source the page links to, and on the claims whose sentences carry those links. What it cannot see is written to the
/// test output: that is what a reviewer still adds by hand.
/// </summary>
[TestClass]
public sealed class SampleArticleTests
{
    // The rendering's links: which seed source each stand-in page is.
    private static readonly Dictionary<string, string> Pages = new(StringComparer.Ordinal)
    {
        ["fair-china-brief"] = "/sample/fair-china-brief.html",
        ["cbp-encounters"] = "/sample/cbp-encounters.html",
        ["cdc-overdose"] = "/sample/cdc-overdose.html",
    };

    // The seed's claims whose sentence carries a link in the rendering (the others have no link in the text).
    private static readonly string[] LinkedClaims =
        ["policy-intersects", "crime-overlap", "overdose-deaths-2023", "military-installations", "encounters-2010-2020", "encounters-2021-2024", "repression-not-the-cause"];

    private static CorpusSite _site = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task StartSiteAsync(TestContext context) => _site = await CorpusSite.StartAsync();

    [ClassCleanup]
    public static async Task StopSiteAsync() => await _site.DisposeAsync();

    [TestMethod]
    public async Task Sample_ExtractedByUrl_AgreesWithTheSeedOnTheSourcesItCanSee()
    {
        var (seed, extracted) = await ExtractAsync();

        Assert.HasCount(Pages.Count, extracted.Sources, string.Join(", ", extracted.Sources.Select(s => s.Item.Url)));
        foreach (var (id, path) in Pages)
        {
            var expected = seed.FindSource(id)!;
            var source = extracted.Sources.SingleOrDefault(s => s.Item.Url == _site.Address + path);
            Assert.IsNotNull(source, $"{id}: no source for {path}");
            Assert.AreEqual(expected.Item.Type, source.Item.Type, id);
            Assert.AreEqual(expected.Item.GetText("publisher"), source.Item.GetText("publisher"), id);
            Assert.AreEqual(expected.Item.Authors[0].Literal, source.Item.Authors.FirstOrDefault()?.Literal, id + ": the author is the organisation");
            if (!expected.Item.Title!.StartsWith('['))
            {
                Assert.AreEqual(expected.Item.Title, source.Item.Title, id);
            }

            if (expected.Class == SourceClass.PrimaryData)
            {
                Assert.AreEqual(SourceClass.PrimaryData, source.Class, id + ": a dataset is suggested as primary data");
            }
        }
    }

    [TestMethod]
    public async Task Sample_ExtractedByUrl_EveryLinkedSeedClaimFoundInItsParagraphCitingItsSource()
    {
        var (seed, extracted) = await ExtractAsync();

        foreach (var id in LinkedClaims)
        {
            var claim = seed.FindClaim(id)!;
            var exact = claim.Anchor.Selector.Exact.TrimEnd('.');
            var found = extracted.Claims.SingleOrDefault(c => c.Anchor.Paragraph == claim.Anchor.Paragraph && c.Anchor.Selector.Exact.Contains(exact, StringComparison.Ordinal));
            Assert.IsNotNull(found, $"{id}: no claim in paragraph {claim.Anchor.Paragraph} quoting \"{exact}\"");
            var cites = found.Evidence.Select(e => extracted.FindSource(e.SourceId)!.Item.Url).ToList();
            foreach (var evidence in claim.Evidence)
            {
                CollectionAssert.Contains(cites, _site.Address + Pages[evidence.SourceId], id);
            }
        }

        Assert.IsTrue(extracted.Claims.All(c => !c.Reviewed) && extracted.Sources.All(s => !s.Reviewed));
        TestContext.WriteLine(Comparison(seed, extracted));
    }

    /// <summary>What the seed has that the extraction does not, claim by claim and source by source.</summary>
    private static string Comparison(Article seed, Article extracted)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"seed: {seed.Claims.Count} claims, {seed.Sources.Count} sources; extracted: {extracted.Claims.Count} claims, {extracted.Sources.Count} sources");
        foreach (var claim in seed.Claims)
        {
            var exact = claim.Anchor.Selector.Exact.TrimEnd('.');
            var found = extracted.Claims.FirstOrDefault(c => c.Anchor.Paragraph == claim.Anchor.Paragraph && c.Anchor.Selector.Exact.Contains(exact, StringComparison.Ordinal));
            var seedKind = claim.Kind.ToString().ToLowerInvariant();
            text.AppendLine(found is null
                ? $"  {claim.Id} (P{claim.Anchor.Paragraph}, {seedKind}, evidence: {(claim.Evidence.Count > 0 ? string.Join(", ", claim.Evidence.Select(e => e.SourceId)) : "none")}): not extracted — no link in its sentence"
                : $"  {claim.Id} (P{claim.Anchor.Paragraph}): extracted as {found.Id}, kind {found.Kind.ToString().ToLowerInvariant()} (seed {seedKind}), wording {found.Wording} (seed {claim.Wording}), relation {string.Join(", ", found.Evidence.Select(e => e.Relation))} (seed {string.Join(", ", claim.Evidence.Select(e => e.Relation))})");
        }

        foreach (var source in seed.Sources)
        {
            var found = Pages.TryGetValue(source.Id, out var path) ? extracted.Sources.FirstOrDefault(s => s.Item.Url?.EndsWith(path, StringComparison.Ordinal) == true) : null;
            text.AppendLine(found is null
                ? $"  source {source.Id} ({source.Class}): not extracted — nothing links to it"
                : $"  source {source.Id}: extracted as {found.Id}, type {found.Item.Type} (seed {source.Item.Type}), class {found.Class} (seed {source.Class}), title \"{found.Item.Title}\" (seed \"{source.Item.Title}\")");
        }

        return text.ToString();
    }

    private async Task<(Article Seed, Article Extracted)> ExtractAsync()
    {
        var seed = ArticleJson.Read(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "seeds", "article.json"), TestContext.CancellationToken), "seeds/article.json").Value!;
        using var extractor = new ArticleExtractor(new ArticleExtractionOptions { AllowPrivateAddresses = true, MaxRetries = 0, PerHostMinimumInterval = TimeSpan.Zero },
            hostResolver: HostResolver.LoopbackOnly);
        var read = await extractor.ExtractUrlAsync(new Uri(_site.Address + "/sample/article.html"), TestContext.CancellationToken);
        Assert.IsNotNull(read.Value, string.Join("\n", read.Diagnostics));
        return (seed, read.Value.Article);
    }
}
