using System.Text.Json;
using System.Text.Json.Nodes;
using Citations.CslData;
using Citations.Serialization;
using Citations.Tests.TestSupport;

namespace Citations.Tests.Serialization;

[TestClass]
public sealed class CslJsonRoundTripTests
{
    private const int ItemCount = 3000;

    [TestMethod]
    [DataRow(20250101)]
    [DataRow(7)]
    public void ReadWriteRead_GeneratedItemsOfEveryTypeAndVariable_SameJsonData(int seed)
    {
        var schemaPath = RepoPaths.RequireShared(Path.Combine(RepoPaths.SharedCsl, "schema", "csl-data.json"));
        using var schema = JsonDocument.Parse(File.ReadAllText(schemaPath));
        var generator = new CslItemGenerator(seed, schema.RootElement);
        var items = new JsonArray();
        for (var i = 0; i < ItemCount; i++)
        {
            items.Add(generator.Item(i));
        }

        var original = items.ToJsonString();
        var first = CslJson.Read(original, "generated.json");
        Assert.IsTrue(first.Success, string.Join("\n", first.Diagnostics.Where(d => d.Severity == Citations.Diagnostics.DiagnosticSeverity.Error).Take(5)));
        Assert.AreEqual(ItemCount, first.Value.Count);

        var written = CslJson.Write(first.Value);
        var second = CslJson.Read(written);

        Assert.IsTrue(second.Success);
        CollectionAssert.AreEqual(first.Value.ToList(), second.Value.ToList(), "read → write → read gives equal items");
        var expected = JsonNode.Parse(original)!.AsArray();
        var actual = JsonNode.Parse(written)!.AsArray();
        for (var i = 0; i < ItemCount; i++)
        {
            Assert.IsTrue(JsonNode.DeepEquals(expected[i], actual[i]), $"item {i} changed:\n{expected[i]!.ToJsonString()}\n{actual[i]!.ToJsonString()}");
        }

        // The generator must really cover the schema, or the test proves less than it claims.
        var seenTypes = first.Value.Select(item => item.Type).ToHashSet();
        CollectionAssert.IsSubsetOf(generator.Types.ToList(), seenTypes.ToList());
        var seenKeys = expected.SelectMany(node => node!.AsObject().Select(p => p.Key)).ToHashSet();
        CollectionAssert.IsSubsetOf(generator.Variables.Select(v => v.Name).ToList(), seenKeys.ToList());
    }

    [TestMethod]
    public void Converter_GeneratedItems_RoundTripThroughJsonSerializer()
    {
        var schemaPath = RepoPaths.RequireShared(Path.Combine(RepoPaths.SharedCsl, "schema", "csl-data.json"));
        using var schema = JsonDocument.Parse(File.ReadAllText(schemaPath));
        var generator = new CslItemGenerator(99, schema.RootElement);
        for (var i = 0; i < 300; i++)
        {
            var json = generator.Item(i).ToJsonString();

            var item = JsonSerializer.Deserialize<CslItem>(json)!;
            var again = JsonSerializer.Serialize(item);

            Assert.IsTrue(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(again)), json);
            Assert.AreEqual(item, JsonSerializer.Deserialize<CslItem>(again));
        }
    }

    [TestMethod]
    public void Read_CustomObjectWhoseFirstKeyIsRaw_KeptVerbatimNotReadAsDate()
    {
        const string json = """[{"id": "a", "type": "book", "custom": {"raw": 5}, "x-date-like": {"date-parts": [[2020]], "extra": 1}, "x-date": {"date-parts": [[2020, 5]]}}]""";

        var result = CslJson.Read(json);

        Assert.AreEqual(0, result.Diagnostics.Count, string.Join("\n", result.Diagnostics));
        var item = result.Value!.Single();
        Assert.IsTrue(item.Extensions.ContainsKey("custom"));
        Assert.IsTrue(item.Extensions.ContainsKey("x-date-like"));
        Assert.AreEqual(new CslDatePart(2020, 5, null), item.GetDate("x-date")!.Start, "an unknown object made only of date properties is a date");
        Assert.IsTrue(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(CslJson.Write(result.Value!))));
    }

    [TestMethod]
    public void CslDate_WithAfterParsing_ParsesTheNewValues()
    {
        var date = CslDate.FromParts(2020, 1);
        Assert.AreEqual(2020, date.Start!.Value.Year);

        var changed = date with { DateParts = [[CslScalar.FromNumber(1999)]] };

        Assert.AreEqual(1999, changed.Start!.Value.Year);
        Assert.AreEqual(2020, date.Start!.Value.Year);
    }

    [TestMethod]
    public void Read_SyntaxErrorAfterNonAsciiText_ColumnCountsCharacters()
    {
        const string json = "[{\"id\": \"a\", \"type\": \"book\", \"title\": \"日本語\" \"x\": 1}]";

        var result = CslJson.Read(json, "cjk.json");

        var d = result.Diagnostics.Single();
        Assert.AreEqual(1, d.Location.Line);
        Assert.AreEqual(json.IndexOf("\"x\"", StringComparison.Ordinal) + 1, d.Location.Column);
    }
}
