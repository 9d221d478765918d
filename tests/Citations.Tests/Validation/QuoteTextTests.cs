using Citations.Validation;

namespace Citations.Tests.Validation;

[TestClass]
public sealed class QuoteTextTests
{
    [TestMethod]
    public void Normalize_Typography_IsFolded()
        => Assert.AreEqual("\"It's\" - a test ... done", QuoteText.Normalize("  \u201CIt\u2019s\u201D \u2014\u00A0a\u200B test\n\t\u2026 done "));

    [TestMethod]
    public void Fragments_EllipsesAndBrackets_SplitTheQuote()
    {
        var fragments = QuoteText.Fragments(QuoteText.Normalize("\u201CRates rose \u2026 to [sic] 12 percent [in 2023].\u201D"));
        CollectionAssert.AreEqual(new[] { "Rates rose", "to", "12 percent" }, fragments.ToArray());
    }

    [TestMethod]
    public void Fragments_UnclosedBracket_IsText()
        => CollectionAssert.AreEqual(new[] { "a [b c" }, QuoteText.Fragments("a [b c").ToArray());

    [TestMethod]
    public void Contains_OrderMatters_AndCaseAsAsked()
    {
        var text = QuoteText.Normalize("Alpha beta gamma. Delta epsilon.");
        Assert.IsTrue(QuoteText.Contains(text, "alpha beta ... DELTA", StringComparison.OrdinalIgnoreCase));
        Assert.IsFalse(QuoteText.Contains(text, "alpha beta ... DELTA", StringComparison.Ordinal));
        Assert.IsFalse(QuoteText.Contains(text, "Delta ... Alpha", StringComparison.Ordinal));
        Assert.IsFalse(QuoteText.Contains(text, "\u201C \u2026 \u201D", StringComparison.Ordinal), "a quote with no text is never found");
    }
}
