using Citations.Links.Articles;

namespace Citations.Links.Tests.Articles;

[TestClass]
public sealed class SentencesTests
{
    private static string[] Split(string text) => Sentences.Split(text).Select(s => text[s.Start..s.End]).ToArray();

    [TestMethod]
    public void Split_AbbreviationsInitialsAndDecimals_NotSentenceEnds()
    {
        var sentences = Split("Dr. Brown and J. Smith of the U.S. agency said 3.5 percent. The rate rose. Did it? \"Yes,\" she said.");

        CollectionAssert.AreEqual(
            new[] { "Dr. Brown and J. Smith of the U.S. agency said 3.5 percent.", "The rate rose.", "Did it?", "\"Yes,\" she said." },
            sentences);
    }

    [TestMethod]
    public void Split_ClosingQuoteAndFootnoteMarker_StayWithTheSentence()
    {
        var sentences = Split("He called it \"a crisis.\" Others disagreed.[2] Then 2024 came.");

        CollectionAssert.AreEqual(new[] { "He called it \"a crisis.\"", "Others disagreed.[2] Then 2024 came." }, sentences);
    }

    [TestMethod]
    public void Split_LowerCaseAfterFullStop_OneSentence()
    {
        CollectionAssert.AreEqual(new[] { "See p. 12 and fig. 3 for details" }, Split("See p. 12 and fig. 3 for details"));
    }

    [TestMethod]
    public void Split_FootnoteReferenceRightAfterFullStop_EndsTheSentenceWithIt()
    {
        const string text = "Costs fell by two thirds by 2024.3 A state audit was critical.4";

        var sentences = Sentences.Split(text, [(33, 34), (63, 64)]).Select(s => text[s.Start..s.End]).ToArray();

        CollectionAssert.AreEqual(new[] { "Costs fell by two thirds by 2024.3", "A state audit was critical.4" }, sentences);
    }
}
