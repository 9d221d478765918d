using Citations.Model;
using Citations.Reanchoring;
using Citations.Tests.TestSupport;
using Citations.Validation;

namespace Citations.Tests.Reanchoring;

[TestClass]
public sealed class AnchorRelocationTests
{
    private const string Deaths = "In 2023, more than 76,000 Americans died of overdoses involving fentanyl.";
    private const string Encounters = "Border agents recorded 37,000 encounters with Chinese nationals last year.";

    [TestMethod]
    public void Relocate_SameText_UnchangedExactAndNothingRewritten()
    {
        var article = Article(Claim("a", 1, Deaths, null, "The figure had"), Claim("b", 2, Encounters, "Meanwhile,", null));
        var text = new ArticleText([Deaths + " The figure had risen for a decade.", "Meanwhile, " + Encounters]);

        var result = AnchorRelocation.Relocate(article, text);

        Assert.IsTrue(result.Claims.All(c => c is { Outcome: RelocationOutcome.Unchanged, Method: RelocationMethod.Exact, EditDistance: 0 }));
        Assert.AreEqual(article, result.Article, "an anchor that still holds is written back as it was");
        Assert.IsTrue(result.AllPlacedUnchanged);
    }

    [TestMethod]
    public void Relocate_ParagraphInsertedBefore_MovedToTheNewNumber()
    {
        var article = Article(Claim("a", 1, Deaths, null, null));
        var text = new ArticleText(["A new opening paragraph.", Deaths]);

        var result = AnchorRelocation.Relocate(article, text);

        Assert.AreEqual(RelocationOutcome.Moved, result.Claims[0].Outcome);
        Assert.AreEqual(2, result.Article.Claims[0].Anchor.Paragraph);
        Assert.IsTrue(result.Article.Claims[0].Reviewed, "same words: the review still holds");
        Assert.IsEmpty(ArticleValidator.Validate(result.Article, text).Where(d => d.IsError));
    }

    [TestMethod]
    public void Relocate_TypographyChanged_UnchangedAndTheOldWordsKept()
    {
        const string old = "\"It is a crisis,\" the minister said - and promised action.";
        var article = Article(Claim("a", 1, old, null, null));
        var text = new ArticleText(["\u201CIt is a crisis,\u201D the minister   said \u2014 and promised\u00A0action."]);

        var result = AnchorRelocation.Relocate(article, text);

        Assert.AreEqual(RelocationOutcome.Unchanged, result.Claims[0].Outcome);
        Assert.AreEqual(old, result.Article.Claims[0].Anchor.Selector.Exact);
    }

    [TestMethod]
    public void Relocate_WordsTwiceInNewText_PrefixAndSuffixChoose()
    {
        const string sentence = "The rate doubled in ten years.";
        var article = Article(Claim("a", 2, sentence, "For rural counties,", "Officials blamed"));
        var text = new ArticleText([
            "For cities, " + sentence + " Nobody was surprised.",
            "A new paragraph.",
            "For rural counties, " + sentence + " Officials blamed fentanyl.",
        ]);

        var result = AnchorRelocation.Relocate(article, text);

        Assert.AreEqual(RelocationMethod.Context, result.Claims[0].Method);
        Assert.AreEqual(RelocationOutcome.Moved, result.Claims[0].Outcome);
        Assert.AreEqual(3, result.Article.Claims[0].Anchor.Paragraph);
    }

    [TestMethod]
    public void Relocate_WordsTwiceAndNoContextToTell_NotFoundAndUnreviewed()
    {
        const string sentence = "The rate doubled in ten years.";
        var article = Article(Claim("a", 5, sentence, null, null));
        var text = new ArticleText([sentence, sentence]);

        var result = AnchorRelocation.Relocate(article, text);

        Assert.AreEqual(RelocationOutcome.NotFound, result.Claims[0].Outcome);
        Assert.Contains("2 times", result.Claims[0].Reason!);
        Assert.AreEqual(article.Claims[0].Anchor, result.Article.Claims[0].Anchor, "the old anchor is kept");
        Assert.IsFalse(result.Article.Claims[0].Reviewed);
    }

    [TestMethod]
    public void Relocate_QuoteEditedBetweenUnchangedNeighbours_RewordedByContext()
    {
        var article = Article(Claim("a", 1, "Deaths fell by 3 percent last year.", "Good news first.", "But experts warn"));
        var text = new ArticleText(["Good news first. Deaths fell by nearly 4 percent last year, the first fall in years. But experts warn it may not last."]);

        var result = AnchorRelocation.Relocate(article, text);

        var relocation = result.Claims[0];
        Assert.AreEqual(RelocationOutcome.Reworded, relocation.Outcome);
        Assert.AreEqual(RelocationMethod.Context, relocation.Method);
        Assert.AreEqual("Deaths fell by nearly 4 percent last year, the first fall in years.", relocation.NewAnchor!.Selector.Exact);
        var claim = result.Article.Claims[0];
        Assert.AreEqual(relocation.NewAnchor.Selector.Exact, claim.Text, "a claim quoting the old words now quotes the new ones");
        Assert.IsFalse(claim.Reviewed, "changed words need a person's eye");
        Assert.IsEmpty(ArticleValidator.Validate(result.Article, text).Where(d => d.IsError));
    }

    [TestMethod]
    public void Relocate_SmallEditAndNeighboursGone_RewordedByFuzzyWholeSentence()
    {
        var article = Article(Claim("a", 1, Deaths, "Old neighbour text.", "Another old neighbour"));
        var text = new ArticleText(["Entirely new lead. Something else here.", "Rewritten intro. In 2023, more than 76,000 people died of overdoses involving fentanyl. New ending."]);

        var result = AnchorRelocation.Relocate(article, text);

        var relocation = result.Claims[0];
        Assert.AreEqual(RelocationOutcome.Reworded, relocation.Outcome);
        Assert.AreEqual(RelocationMethod.Fuzzy, relocation.Method);
        Assert.AreEqual(2, relocation.NewAnchor!.Paragraph);
        Assert.AreEqual("In 2023, more than 76,000 people died of overdoses involving fentanyl.", relocation.NewAnchor.Selector.Exact);
        Assert.AreEqual("Rewritten intro.", relocation.NewAnchor.Selector.Prefix);
        Assert.AreEqual("New ending.", relocation.NewAnchor.Selector.Suffix);
        Assert.AreEqual(ApproximateMatch.Distance(Deaths, relocation.NewAnchor.Selector.Exact), relocation.EditDistance);
    }

    [TestMethod]
    public void Relocate_ChangedBeyondTheBound_NotFound()
    {
        var article = Article(Claim("a", 1, Deaths, null, null));
        var text = new ArticleText(["Fentanyl overdoses claimed tens of thousands of American lives in 2023."]);

        var result = AnchorRelocation.Relocate(article, text);

        Assert.AreEqual(RelocationOutcome.NotFound, result.Claims[0].Outcome);
        Assert.AreEqual(RelocationMethod.None, result.Claims[0].Method);
        Assert.IsFalse(result.AllPlacedUnchanged);
    }

    [TestMethod]
    public void Relocate_TighterFuzzyBound_SameEditNotFound()
    {
        var article = Article(Claim("a", 1, Deaths, null, null));
        var text = new ArticleText(["In 2023, more than 76,000 people died of overdoses involving fentanyl."]);

        var loose = AnchorRelocation.Relocate(article, text);
        var strict = AnchorRelocation.Relocate(article, text, new ReanchorOptions { MaxFuzzyDistance = 0.05, MaxContextDistance = 0.05 });

        Assert.AreEqual(RelocationOutcome.Reworded, loose.Claims[0].Outcome);
        Assert.AreEqual(RelocationOutcome.NotFound, strict.Claims[0].Outcome);
    }

    [TestMethod]
    public void Relocate_ShortQuoteGone_NotFoundWithoutFuzzySearch()
    {
        var article = Article(Claim("a", 1, "Ten died.", null, null));
        var text = new ArticleText(["Tan died."]);

        var result = AnchorRelocation.Relocate(article, text);

        Assert.AreEqual(RelocationOutcome.NotFound, result.Claims[0].Outcome);
        Assert.Contains("16 characters", result.Claims[0].Reason!);
    }

    [TestMethod]
    public void Relocate_ParaphrasedClaimReworded_TextKeptAnchorMoved()
    {
        var article = Article(Claim("a", 1, Deaths, null, null) with { Text = "Overdose deaths were high.", Wording = ClaimWording.Paraphrase, Note = "kept" });
        var text = new ArticleText(["In 2023, more than 76,000 people died of overdoses involving fentanyl."]);

        var claim = AnchorRelocation.Relocate(article, text).Article.Claims[0];

        Assert.AreEqual("Overdose deaths were high.", claim.Text);
        Assert.AreEqual("kept", claim.Note);
        Assert.IsTrue(article.Claims[0].Evidence.SequenceEqual(claim.Evidence));
        Assert.AreEqual("In 2023, more than 76,000 people died of overdoses involving fentanyl.", claim.Anchor.Selector.Exact);
    }

    [TestMethod]
    [DataRow(-0.1)]
    [DataRow(0.6)]
    public void Options_FuzzyDistanceOutOfRange_Throws(double value)
        => Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ReanchorOptions { MaxFuzzyDistance = value });

    [TestMethod]
    public void ApproximateMatch_RandomTexts_AgreesWithBruteForce()
    {
        var random = new Random(16);
        for (var round = 0; round < 300; round++)
        {
            var text = RandomText(random, random.Next(0, 40));
            var pattern = RandomText(random, random.Next(1, 10));
            var bound = random.Next(0, 4);

            var budget = long.MaxValue;
            var found = ApproximateMatch.Best(pattern, text, bound, ref budget);

            var brute = int.MaxValue;
            for (var s = 0; s <= text.Length; s++)
            {
                for (var e = s; e <= text.Length; e++)
                {
                    brute = Math.Min(brute, ApproximateMatch.Distance(pattern, text[s..e]));
                }
            }

            if (brute > bound)
            {
                Assert.IsNull(found, $"'{pattern}' in '{text}' within {bound}");
            }
            else
            {
                Assert.IsNotNull(found, $"'{pattern}' in '{text}' within {bound}");
                Assert.AreEqual(brute, found.Value.Distance, $"'{pattern}' in '{text}'");
                Assert.AreEqual(brute, ApproximateMatch.Distance(pattern, text[found.Value.Start..found.Value.End]), $"'{pattern}' in '{text}': the passage reported");
            }
        }
    }

    [TestMethod]
    public void ApproximateMatch_BudgetSpent_NothingFoundAndBudgetNegative()
    {
        var text = new string('a', 10_000) + "needle in a haystack";
        var budget = 1_000L;

        var found = ApproximateMatch.Best("needle in a haystack", text, 4, ref budget);

        Assert.IsNull(found);
        Assert.IsLessThan(0L, budget);
    }

    [TestMethod]
    [DataRow("kitten", "sitting", 3)]
    [DataRow("", "abc", 3)]
    [DataRow("same", "same", 0)]
    public void ApproximateMatch_Distance_Levenshtein(string a, string b, int expected)
        => Assert.AreEqual(expected, ApproximateMatch.Distance(a, b));

    private static string RandomText(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = "abc "[random.Next(4)];
        }

        return new string(chars);
    }

    private static Claim Claim(string id, int paragraph, string exact, string? prefix, string? suffix)
        => new(id, ClaimKind.Statistic, exact, new TextAnchor(paragraph, exact, prefix, suffix)) { Wording = ClaimWording.Quote };

    private static Article Article(params Claim[] claims) => new(SampleArticles.Item("art")) { Claims = claims };
}
