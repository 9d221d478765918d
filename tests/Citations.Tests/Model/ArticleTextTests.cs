using Citations.Model;

namespace Citations.Tests.Model;

[TestClass]
public sealed class ArticleTextTests
{
    [TestMethod]
    public void Parse_OneParagraphPerLineAndLeadingBlankLines_CountsLinesOfText()
    {
        var text = ArticleText.Parse("\n\n  First paragraph. \nSecond.\r\nThird.\n");

        CollectionAssert.AreEqual(new[] { "First paragraph.", "Second.", "Third." }, text.Paragraphs.ToArray());
        Assert.AreEqual("Second.", text.GetParagraph(2));
        Assert.IsNull(text.GetParagraph(0));
        Assert.IsNull(text.GetParagraph(4));
    }

    [TestMethod]
    public void Parse_BlankLinesBetweenParagraphs_JoinsWrappedLines()
    {
        var text = ArticleText.Parse("First line\nwrapped here.\n\n\nSecond\r\nparagraph.\n");

        CollectionAssert.AreEqual(new[] { "First line wrapped here.", "Second paragraph." }, text.Paragraphs.ToArray());
    }

    [TestMethod]
    public void Parse_ExplicitLineMode_IgnoresBlankLines()
    {
        var text = ArticleText.Parse("a\nb\n\nc", ParagraphBreaks.Line);

        Assert.AreEqual(3, text.Paragraphs.Count);
    }
}
