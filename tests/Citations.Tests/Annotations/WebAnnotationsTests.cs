using System.Text.Json;
using Citations.Annotations;
using Citations.CslData;
using Citations.Model;
using Citations.Tests.TestSupport;

namespace Citations.Tests.Annotations;

[TestClass]
public sealed class WebAnnotationsTests
{
    private const string Url = "https://news.example/2026/overdoses";

    [TestMethod]
    public void Write_Article_CollectionWithOneAnnotationPerClaimAndTheRequiredFields()
    {
        using var document = JsonDocument.Parse(WebAnnotations.Write(Sample()));
        var root = document.RootElement;

        Assert.AreEqual("http://www.w3.org/ns/anno.jsonld", root.GetProperty("@context").GetString());
        Assert.AreEqual("AnnotationCollection", root.GetProperty("type").GetString());
        Assert.StartsWith("urn:uuid:", root.GetProperty("id").GetString());
        Assert.AreEqual(2, root.GetProperty("total").GetInt32());
        var page = root.GetProperty("first");
        Assert.AreEqual("AnnotationPage", page.GetProperty("type").GetString());
        Assert.IsTrue(page.TryGetProperty("id", out _));
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.HasCount(2, items);
        foreach (var annotation in items)
        {
            Assert.AreEqual("Annotation", annotation.GetProperty("type").GetString());
            Assert.MatchesRegex("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", annotation.GetProperty("id").GetString()!);
            Assert.AreEqual(Url, annotation.GetProperty("target").GetProperty("source").GetString());
            Assert.AreEqual("TextQuoteSelector", annotation.GetProperty("target").GetProperty("selector").GetProperty("type").GetString());
        }

        Assert.AreEqual(items.Count, items.Select(a => a.GetProperty("id").GetString()).Distinct().Count());
    }

    [TestMethod]
    public void Write_Claims_SelectorsRoundTrip()
    {
        var article = Sample();
        using var document = JsonDocument.Parse(WebAnnotations.Write(article));

        var selectors = document.RootElement.GetProperty("first").GetProperty("items").EnumerateArray()
            .Select(a => a.GetProperty("target").GetProperty("selector"))
            .Select(s => new TextQuoteSelector(s.GetProperty("exact").GetString()!, Optional(s, "prefix"), Optional(s, "suffix")))
            .ToList();

        CollectionAssert.AreEqual(article.Claims.Select(c => c.Anchor.Selector).ToList(), selectors);
    }

    [TestMethod]
    public void Write_Bodies_ClaimTextKindReviewAndLinkedSources()
    {
        using var document = JsonDocument.Parse(WebAnnotations.Write(Sample()));
        var items = document.RootElement.GetProperty("first").GetProperty("items").EnumerateArray().ToList();

        var first = items[0].GetProperty("body").EnumerateArray().ToList();
        Assert.AreEqual("describing", first[0].GetProperty("purpose").GetString());
        Assert.AreEqual("TextualBody", first[0].GetProperty("type").GetString());
        Assert.AreEqual("76,000 died in 2023.", first[0].GetProperty("value").GetString());
        Assert.AreEqual("statistic", first[1].GetProperty("value").GetString());
        Assert.AreEqual("unreviewed", first[2].GetProperty("value").GetString());
        var link = first[3];
        Assert.AreEqual("SpecificResource", link.GetProperty("type").GetString());
        Assert.AreEqual("linking", link.GetProperty("purpose").GetString());
        Assert.AreEqual("https://data.example/overdoses", link.GetProperty("source").GetString());
        Assert.AreEqual("https://doi.org/10.5555/x.1", first[4].GetProperty("source").GetString());
        CollectionAssert.AreEqual(new[] { "describing", "linking" }, items[0].GetProperty("motivation").EnumerateArray().Select(m => m.GetString()).ToArray());

        var second = items[1].GetProperty("body").EnumerateArray().ToList();
        Assert.HasCount(3, second, "reviewed: no 'unreviewed' tag; an unlinked source named in words");
        Assert.AreEqual("identifying", second[2].GetProperty("purpose").GetString());
        Assert.AreEqual("An unnamed official", second[2].GetProperty("value").GetString());
        Assert.AreEqual("describing", items[1].GetProperty("motivation").GetString());
        Assert.IsFalse(items[1].GetProperty("target").GetProperty("selector").TryGetProperty("prefix", out _));
    }

    [TestMethod]
    public void Write_Twice_SameText()
        => Assert.AreEqual(WebAnnotations.Write(Sample()), WebAnnotations.Write(Sample()));

    [TestMethod]
    public void Write_NoUrl_ThrowsAndTargetOfIsNull()
    {
        var article = Sample() with { Metadata = SampleArticles.Item("art") };

        Assert.IsNull(WebAnnotations.TargetOf(article));
        Assert.ThrowsExactly<ArgumentException>(() => WebAnnotations.Write(article));
        Assert.Contains("https://elsewhere.example/a", WebAnnotations.Write(article, "https://elsewhere.example/a"));
    }

    private static string? Optional(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static Article Sample()
    {
        var data = new Source(new CslItemBuilder("data", CslItemTypes.Dataset).Set(CslVariables.Title, "Overdoses").Set(CslVariables.Url, "https://data.example/overdoses").Build(), SourceClass.PrimaryData);
        var study = new Source(new CslItemBuilder("study", CslItemTypes.ArticleJournal).Set(CslVariables.Title, "A study").Set(CslVariables.Doi, "10.5555/x.1").Build(), SourceClass.Academic);
        var official = new Source(new CslItemBuilder("official", CslItemTypes.PersonalCommunication).Set(CslVariables.Title, "An unnamed official").Build(), SourceClass.Anonymous);
        var first = new Claim("deaths", ClaimKind.Statistic, "76,000 died in 2023.", new TextAnchor(1, "76,000 died in 2023.", "Last year", "The figure"))
        {
            Evidence = [new EvidenceLink("data", CitationRelation.CitesAsDataSource), new EvidenceLink("study", CitationRelation.CitesAsEvidence)],
            Reviewed = false,
        };
        var second = new Claim("crisis", ClaimKind.Attribution, "It is a crisis, an official said.", new TextAnchor(3, "\u201CIt is a crisis,\u201D an official said."))
        {
            Evidence = [new EvidenceLink("official", CitationRelation.CitesForInformation)],
        };
        var metadata = new CslItemBuilder("art", CslItemTypes.ArticleNewspaper).Set(CslVariables.Title, "Overdoses").Set(CslVariables.Url, Url).Build();
        return new Article(metadata) { Claims = [first, second], Sources = [data, study, official] };
    }
}
