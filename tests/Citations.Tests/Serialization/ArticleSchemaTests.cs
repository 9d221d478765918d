using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Citations.Serialization;
using Citations.Tests.TestSupport;

namespace Citations.Tests.Serialization;

/// <summary>The committed JSON Schema of the article file format agrees with the files and with the reader.</summary>
[TestClass]
public sealed class ArticleSchemaTests
{
    private static readonly MiniJsonSchema Schema = MiniJsonSchema.Load(Path.Combine(RepoPaths.Schemas, "article.schema.json"));

    [TestMethod]
    public void Seed_ValidatesAgainstTheSchema()
    {
        using var seed = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Seeds, "article.json")));

        var errors = Schema.Validate(seed.RootElement);

        Assert.AreEqual(0, errors.Count, string.Join("\n", errors));
        Assert.AreEqual("../schemas/article.schema.json", seed.RootElement.GetProperty("$schema").GetString());
    }

    [TestMethod]
    public void WrittenArticle_ValidatesAgainstTheSchema()
    {
        using var written = JsonDocument.Parse(ArticleJson.Write(SampleArticles.Rich()));

        Assert.AreEqual(0, Schema.Validate(written.RootElement).Count);
    }

    [TestMethod]
    public void Schema_BrokenFile_Rejected()
    {
        // The checker must be able to fail, or the tests above prove nothing.
        using var broken = JsonDocument.Parse("""
            {"metadata": {"id": "a"}, "claims": [{"id": "c", "kind": "rumour", "text": "", "anchor": {"paragraph": 0, "selector": {"exact": "x"}}, "extra": 1}]}
            """);

        var errors = Schema.Validate(broken.RootElement);

        CollectionAssert.AreEquivalent(
            new[]
            {
                "$.metadata: missing required 'type'",
                "$.claims[0]: property 'extra' is not allowed",
                "$.claims[0].kind: \"rumour\" is not in the enum",
                "$.claims[0].text: shorter than 1",
                "$.claims[0].anchor.paragraph: below 1",
            },
            errors);
    }

    [TestMethod]
    public void Schema_EnumsMatchTheNamesTheReaderAccepts()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Schemas, "article.schema.json")));
        var defs = document.RootElement.GetProperty("$defs");

        AssertEnum(ModelJsonNames.ClaimKinds.Names, defs.GetProperty("claim").GetProperty("properties").GetProperty("kind"));
        AssertEnum(ModelJsonNames.Wordings.Names, defs.GetProperty("claim").GetProperty("properties").GetProperty("wording"));
        AssertEnum(ModelJsonNames.Relations.Names, defs.GetProperty("evidence").GetProperty("properties").GetProperty("relation"));
        AssertEnum(ModelJsonNames.Origins.Names, defs.GetProperty("evidence").GetProperty("properties").GetProperty("origin"));
        AssertEnum(ModelJsonNames.SourceClasses.Names, defs.GetProperty("source").GetProperty("properties").GetProperty("class"));
    }

    [TestMethod]
    public void Schema_PropertiesMatchTheSerializerContract()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Schemas, "article.schema.json")));
        var root = document.RootElement;
        var defs = root.GetProperty("$defs");
        var context = ArticleJsonContext.Default;

        AssertProperties(context.ArticleFileDto, root);
        AssertProperties(context.GetTypeInfo(typeof(ClaimDto))!, defs.GetProperty("claim"));
        AssertProperties(context.GetTypeInfo(typeof(AnchorDto))!, defs.GetProperty("anchor"));
        AssertProperties(context.GetTypeInfo(typeof(SelectorDto))!, defs.GetProperty("textQuoteSelector"));
        AssertProperties(context.GetTypeInfo(typeof(EvidenceDto))!, defs.GetProperty("evidence"));
        AssertProperties(context.GetTypeInfo(typeof(LocatorDto))!, defs.GetProperty("locator"));
        AssertProperties(context.GetTypeInfo(typeof(SourceDto))!, defs.GetProperty("source"));
    }

    private static void AssertEnum(IReadOnlyList<string> names, JsonElement schema)
        => CollectionAssert.AreEqual(names.ToArray(), schema.GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToArray());

    private static void AssertProperties(JsonTypeInfo contract, JsonElement schema)
        => CollectionAssert.AreEquivalent(
            contract.Properties.Select(p => p.Name).ToArray(),
            schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToArray(),
            contract.Type.Name);
}
