using Citations.Links.Drift;
using Citations.Validation;

namespace Citations.Links.Tests.Drift;

[TestClass]
public sealed class DriftTests
{
    [TestMethod]
    public void Extract_PageWithScriptsStylesAndEntities_ReadableTextAndTitle()
    {
        const string html = """
            <!DOCTYPE html><html><head><title>Drug Overdose &amp; Data</title><style>p { color: red }</style>
            <script>var secret = "<p>not text</p>";</script></head>
            <body><!-- a comment --><h1>Provisional counts</h1><p>More than 76,000&nbsp;deaths&hellip;</p><p>Next</p></body></html>
            """;

        var (text, title) = HtmlText.Extract(html);
        var normalized = QuoteText.Normalize(text);

        Assert.AreEqual("Drug Overdose & Data", title);
        Assert.AreEqual("Provisional counts More than 76,000 deaths... Next", normalized);
    }

    [TestMethod]
    public void Extract_UnclosedTagsAndStrayBrackets_DoesNotThrowAndKeepsText()
    {
        var (text, title) = HtmlText.Extract("<p>a < b and c > d <b>bold<i>unclosed");

        var normalized = QuoteText.Normalize(text);
        StringAssert.StartsWith(normalized, "a < b and c > d");
        StringAssert.EndsWith(normalized, "boldunclosed");
        Assert.IsNull(title);
    }

    [TestMethod]
    public void Normalize_CurlyQuotesDashesAndInvisibleCharacters_Plain()
    {
        var text = QuoteText.Normalize("\u201CIt\u2019s\u00A0a  record\u201D \u2014 the\u00ADagency\u200B said.\n\n");

        Assert.AreEqual("\"It's a record\" - theagency said.", text);
    }

    [TestMethod]
    public void Check_QuoteWithEllipsisAndBracketedInsertion_FoundInOrder()
    {
        var page = QuoteText.Normalize("Illegal immigration from China increased sharply between 2021 and 2024, reaching almost 200,000 encounters.");

        var check = QuoteMatcher.Check(page, "“Illegal immigration from China increased … reaching almost [the figure of] 200,000 encounters.”");

        Assert.IsTrue(check.Found);
        Assert.AreEqual(1.0, check.Coverage);
    }

    [TestMethod]
    public void Check_FragmentsOutOfOrder_NotFound()
    {
        var page = QuoteText.Normalize("alpha beta gamma. delta epsilon zeta.");

        Assert.IsFalse(QuoteMatcher.Check(page, "delta epsilon ... alpha beta").Found);
        Assert.IsTrue(QuoteMatcher.Check(page, "ALPHA BETA ... delta EPSILON").Found, "case is ignored");
    }

    [TestMethod]
    public void Check_QuoteReworded_PartialCoverage()
    {
        var page = QuoteText.Normalize("In 2023 more than 76,000 Americans died of synthetic opioid poisoning, officials said.");

        var check = QuoteMatcher.Check(page, "In 2023, more than 76,000 Americans were killed due to synthetic opioid poisoning");

        Assert.IsFalse(check.Found);
        Assert.IsTrue(check.Coverage is > 0.2 and < 1.0, check.Coverage.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [TestMethod]
    public void Similarity_SameTextSmallEditUnrelatedText_Ordered()
    {
        var original = ContentAnalyzer.Fingerprint(string.Join(' ', Enumerable.Range(0, 300).Select(i => "word" + i)));
        var same = ContentAnalyzer.Fingerprint(string.Join(' ', Enumerable.Range(0, 300).Select(i => "word" + i)));
        var edited = ContentAnalyzer.Fingerprint(string.Join(' ', Enumerable.Range(0, 300).Select(i => i == 150 ? "changed" : "word" + i)));
        var unrelated = ContentAnalyzer.Fingerprint(string.Join(' ', Enumerable.Range(0, 300).Select(i => "other" + (i * 7))));

        Assert.AreEqual(1.0, original.Similarity(same));
        Assert.AreEqual(original.Sha256, same.Sha256);
        Assert.AreNotEqual(original.Sha256, edited.Sha256);
        Assert.IsGreaterThan(original.Similarity(unrelated), original.Similarity(edited));
        Assert.IsGreaterThanOrEqualTo(0.85, original.Similarity(edited));
    }

    [TestMethod]
    public void Decode_MetaCharsetLatin1_Decoded()
    {
        var bytes = System.Text.Encoding.Latin1.GetBytes("<html><head><meta charset=\"iso-8859-1\"></head><body>café</body></html>");

        var text = ContentAnalyzer.Decode(bytes, null);

        StringAssert.Contains(text, "café");
    }
}
