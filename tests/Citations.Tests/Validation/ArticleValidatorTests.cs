using Citations.Diagnostics;
using Citations.Model;
using Citations.Tests.Model;
using Citations.Tests.TestSupport;
using Citations.Validation;

namespace Citations.Tests.Validation;

[TestClass]
public sealed class ArticleValidatorTests
{
    [TestMethod]
    public void Validate_RichArticleWithItsText_NoFindings()
    {
        var findings = ArticleValidator.Validate(SampleArticles.Rich(), SampleArticles.RichText());

        Assert.AreEqual(0, findings.Count, string.Join("\n", findings));
    }

    [TestMethod]
    public void Validate_DuplicateIds_ErrorOnTheSecondWithTheFirstNamed()
    {
        var claim = Claim("same");
        var article = new Article(SampleArticles.Item("a"))
        {
            Claims = [claim, claim with { Text = "other" }],
            Sources = [Source("s"), Source("s", SourceClass.News)],
        };

        var findings = ArticleValidator.Validate(article);

        var claimDuplicate = findings.Single(d => d.Code == ValidationCodes.DuplicateClaimId);
        Assert.AreEqual("$.claims[1].id", claimDuplicate.Location.Path);
        Assert.Contains("$.claims[0]", claimDuplicate.Message);
        Assert.AreEqual("$.sources[1].item.id", findings.Single(d => d.Code == ValidationCodes.DuplicateSourceId).Location.Path);
        Assert.AreEqual(2, findings.Count(d => d.IsError));
    }

    [TestMethod]
    public void Validate_DanglingEvidenceAndDependency_ErrorsAtTheIds()
    {
        var article = new Article(SampleArticles.Item("a"))
        {
            Claims = [Claim("c", new EvidenceLink("s", CitationRelation.CitesAsEvidence), new EvidenceLink("ghost", CitationRelation.CitesAsEvidence))],
            Sources = [Source("s") with { ReliesOn = ["s2", "phantom"] }, Source("s2")],
        };

        var findings = ArticleValidator.Validate(article);

        Assert.AreEqual("$.claims[0].evidence[1].source", findings.Single(d => d.Code == ValidationCodes.UnknownEvidenceSource).Location.Path);
        Assert.AreEqual("$.sources[0].reliesOn[1]", findings.Single(d => d.Code == ValidationCodes.UnknownDependency).Location.Path);
        Assert.IsTrue(findings.Where(d => d.Code is ValidationCodes.UnknownEvidenceSource or ValidationCodes.UnknownDependency).All(d => d.IsError));
    }

    [TestMethod]
    public void Validate_CircularSourcing_EachCycleReportedOnceWithItsMembers()
    {
        var article = ArticleTests.Chain(("a", SourceClass.News, ["b"]), ("b", SourceClass.News, ["c"]), ("c", SourceClass.News, ["a"]), ("self", SourceClass.News, ["self"]), ("d", SourceClass.News, ["a"]));

        var cycles = ArticleValidator.Validate(article).Where(d => d.Code == ValidationCodes.DependencyCycle).ToList();

        Assert.HasCount(2, cycles);
        Assert.Contains("a → b → c → a", cycles[0].Message);
        Assert.AreEqual("$.sources[2].reliesOn[0]", cycles[0].Location.Path);
        Assert.Contains("self → self", cycles[1].Message);
        Assert.IsTrue(cycles.All(d => d.Severity == DiagnosticSeverity.Warning));
    }

    [TestMethod]
    public void Validate_LongChainOfSources_DoesNotOverflowTheStack()
    {
        const int count = 100_000;
        var article = new Article(SampleArticles.Item("a"))
        {
            Sources = Enumerable.Range(0, count).Select(i => Source($"s{i}") with { ReliesOn = [$"s{(i + 1) % count}"] }).ToArray(),
        };

        var cycles = ArticleValidator.Validate(article).Where(d => d.Code == ValidationCodes.DependencyCycle).ToList();

        Assert.HasCount(1, cycles);
    }

    [TestMethod]
    public void Validate_StatisticWithoutData_WarnsUnlessDataIsInReach()
    {
        var article = new Article(SampleArticles.Item("a"))
        {
            Claims =
            [
                Claim("none", ClaimKind.Statistic),
                Claim("evidence-only", ClaimKind.Statistic, new EvidenceLink("brief", CitationRelation.CitesAsEvidence)),
                Claim("via-chain", ClaimKind.Statistic, new EvidenceLink("relying", CitationRelation.CitesAsEvidence)),
                Claim("data-source", ClaimKind.Statistic, new EvidenceLink("brief", CitationRelation.CitesAsDataSource)),
                Claim("disputed-data", ClaimKind.Statistic, new EvidenceLink("data", CitationRelation.Disputes)),
                Claim("factual", ClaimKind.Factual),
            ],
            Sources = [Source("brief"), Source("relying") with { ReliesOn = ["data"] }, Source("data", SourceClass.PrimaryData)],
        };

        var warned = ArticleValidator.Validate(article).Where(d => d.Code == ValidationCodes.StatisticWithoutData).Select(d => d.Location.Path).ToArray();

        CollectionAssert.AreEqual(new[] { "$.claims[0]", "$.claims[1].evidence", "$.claims[4].evidence" }, warned);
    }

    [TestMethod]
    public void Validate_AnchorsAgainstText_NormalisesWhitespaceAndQuotes()
    {
        var text = ArticleText.Parse("He said “it’s   fine”\u00A0today.\nSecond paragraph.");
        var article = WithAnchors(new TextAnchor(1, "said \"it's fine\" today", prefix: "He ", suffix: "."));

        Assert.AreEqual(0, ArticleValidator.Validate(article, text).Count);
    }

    [TestMethod]
    [DataRow(3, "Second", null, null, ValidationCodes.NoSuchParagraph, "$.claims[0].anchor.paragraph")]
    [DataRow(1, "Second", null, null, ValidationCodes.AnchorNotFound, "$.claims[0].anchor.selector.exact")]
    [DataRow(1, "missing words", null, null, ValidationCodes.AnchorNotFound, "$.claims[0].anchor.selector.exact")]
    [DataRow(1, "fine", "She said", null, ValidationCodes.AnchorContextMismatch, "$.claims[0].anchor.selector.prefix")]
    [DataRow(1, "fine", null, "tomorrow", ValidationCodes.AnchorContextMismatch, "$.claims[0].anchor.selector.suffix")]
    [DataRow(2, "a", null, null, ValidationCodes.AmbiguousAnchor, "$.claims[0].anchor.selector")]
    public void Validate_BadAnchor_ReportedAtTheRightPart(int paragraph, string exact, string? prefix, string? suffix, string code, string path)
    {
        var text = ArticleText.Parse("He said it is fine today.\nSecond a paragraph, a second time.");
        var article = WithAnchors(new TextAnchor(paragraph, exact, prefix, suffix));

        var finding = ArticleValidator.Validate(article, text).Single();

        Assert.AreEqual(code, finding.Code);
        Assert.AreEqual(path, finding.Location.Path);
    }

    [TestMethod]
    public void Validate_AnchorInAnotherParagraph_MessageSaysWhere()
    {
        var text = ArticleText.Parse("One.\nTwo words here.");
        var article = WithAnchors(new TextAnchor(1, "words here"));

        var finding = ArticleValidator.Validate(article, text).Single();

        Assert.Contains("occur in paragraph 2", finding.Message);
    }

    [TestMethod]
    public void Validate_AmbiguousWordsMadeUniqueByPrefix_NoFinding()
    {
        var text = ArticleText.Parse("a cat and a cat");

        Assert.AreEqual(0, ArticleValidator.Validate(WithAnchors(new TextAnchor(1, "cat", prefix: "and a")), text).Count);
    }

    [TestMethod]
    [DataRow("In 2023, more than 76,000 died", true)]
    [DataRow("In 2023 … 76,000 died", true)]
    [DataRow("more than 76,000 dyed [sic]", false)]
    [DataRow("killed by poising [sic]", true)]
    [DataRow("76,000 … In 2023", false)]
    public void Validate_QuoteWording_TextMustQuoteTheParagraph(string claimText, bool quotes)
    {
        var text = ArticleText.Parse("In 2023, more than 76,000 died, killed by poising.");
        var claim = new Claim("q", ClaimKind.Statistic, claimText, new TextAnchor(1, "76,000")) { Wording = ClaimWording.Quote };
        var article = new Article(SampleArticles.Item("a")) { Claims = [claim] };

        var findings = ArticleValidator.Validate(article, text).Where(d => d.Code == ValidationCodes.QuoteNotInText).ToList();

        Assert.AreEqual(quotes ? 0 : 1, findings.Count);
    }

    [TestMethod]
    public void Validate_NonStandardLocatorLabelAndUnusedSource_WarningAndInfo()
    {
        var article = new Article(SampleArticles.Item("a"))
        {
            Claims = [Claim("c", new EvidenceLink("s", CitationRelation.CitesAsEvidence) { Locator = new Locator("slide", "4") })],
            Sources = [Source("s") with { ReliesOn = ["dep"] }, Source("dep"), Source("lonely")],
        };

        var findings = ArticleValidator.Validate(article);

        var label = findings.Single(d => d.Code == ValidationCodes.UnknownLocatorLabel);
        Assert.AreEqual((DiagnosticSeverity.Warning, "$.claims[0].evidence[0].locator.label"), (label.Severity, label.Location.Path));
        var unused = findings.Single(d => d.Code == ValidationCodes.UnusedSource);
        Assert.AreEqual((DiagnosticSeverity.Info, "$.sources[2]"), (unused.Severity, unused.Location.Path));
    }

    private static Claim Claim(string id, params EvidenceLink[] evidence) => Claim(id, ClaimKind.Factual, evidence);

    private static Claim Claim(string id, ClaimKind kind, params EvidenceLink[] evidence)
        => new(id, kind, "text of " + id, new TextAnchor(1, "x")) { Evidence = evidence };

    private static Source Source(string id, SourceClass sourceClass = SourceClass.AdvocacyOrThinkTank) => new(SampleArticles.Item(id), sourceClass);

    private static Article WithAnchors(TextAnchor anchor)
        => new(SampleArticles.Item("a")) { Claims = [new Claim("c", ClaimKind.Opinion, "t", anchor)] };
}
