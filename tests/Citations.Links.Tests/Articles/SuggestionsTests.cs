using Citations.Links.Articles;
using Citations.Model;

namespace Citations.Links.Tests.Articles;

[TestClass]
public sealed class SuggestionsTests
{
    [TestMethod]
    [DataRow("More than 76,000 Americans died.", ClaimKind.Statistic)]
    [DataRow("Prices rose 4 percent.", ClaimKind.Statistic)]
    [DataRow("The plan costs $2.5 billion.", ClaimKind.Statistic)]
    [DataRow("Three agencies and 12 states joined.", ClaimKind.Statistic)]
    [DataRow("The law was passed in 2019.", ClaimKind.Factual)]
    [DataRow("The minister said the plan would work.", ClaimKind.Attribution)]
    [DataRow("She called it \"the worst crisis in a generation.\"", ClaimKind.Attribution)]
    [DataRow("The ministry published a plan.", ClaimKind.Factual)]
    public void Kind_Sentence_SuggestedKind(string sentence, ClaimKind expected)
    {
        var (kind, reason) = Suggestions.Kind(sentence);

        Assert.AreEqual(expected, kind);
        Assert.IsFalse(string.IsNullOrWhiteSpace(reason));
    }

    [TestMethod]
    public void Class_DatasetOnStatisticsSite_PrimaryDataWithReason()
    {
        var facts = new PageFacts("Counts", "dataset", "Dataset", null, ["json-ld"]);

        var (@class, reason) = Suggestions.Class(new Uri("https://www.cdc.gov/nchs/data.htm"), facts);

        Assert.AreEqual(SourceClass.PrimaryData, @class);
        Assert.Contains("dataset", reason);
        Assert.Contains("cdc.gov", reason);
    }

    [TestMethod]
    public void Class_OpinionSection_UnknownAndSaysOpinion()
    {
        var facts = new PageFacts("A view", "article-newspaper", "NewsArticle", "Opinion", ["opengraph"]);

        var (@class, reason) = Suggestions.Class(new Uri("https://paper.example/2025/view"), facts);

        Assert.AreEqual(SourceClass.Unknown, @class);
        Assert.Contains("opinion", reason);
    }

    [TestMethod]
    public void Class_NoFacts_UnknownOrByHost()
    {
        Assert.AreEqual(SourceClass.Unknown, Suggestions.Class(new Uri("https://blog.example/post"), null).Class);
        Assert.AreEqual(SourceClass.OfficialStatement, Suggestions.Class(new Uri("https://www.health.gov.uk/news"), null).Class);
        Assert.AreEqual(SourceClass.Academic, Suggestions.Class(new Uri("https://doi.org/10.1000/x"), null).Class);
    }
}
