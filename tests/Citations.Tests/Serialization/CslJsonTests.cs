using Citations.CslData;
using Citations.Diagnostics;
using Citations.Serialization;

namespace Citations.Tests.Serialization;

[TestClass]
public sealed class CslJsonTests
{
    [TestMethod]
    public void Read_ItemWithEveryKindOfValue_RoundTripsToSameJsonData()
    {
        const string json = """
            [{"id": 12, "type": "article-journal", "title": "A <i>study</i>", "volume": 3, "page": "10-12",
              "author": [{"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van", "comma-suffix": true, "x-extra": [1, 2]},
                         {"literal": "World Health Organization"}],
              "issued": {"date-parts": [["2020", 5], [2021]], "circa": 1, "season": "2"},
              "accessed": "2021-03~",
              "categories": ["a", "b"], "custom": {"k": [true, null]}, "flag": false}]
            """;

        var first = CslJson.Read(json, "items.json");
        Assert.IsTrue(first.Success, string.Join("\n", first.Diagnostics));
        var written = CslJson.Write(first.Value);
        var second = CslJson.Read(written);

        Assert.IsTrue(second.Success);
        CollectionAssert.AreEqual(first.Value.ToList(), second.Value.ToList());
        Assert.IsTrue(System.Text.Json.JsonElement.DeepEquals(
            System.Text.Json.JsonDocument.Parse(json).RootElement,
            System.Text.Json.JsonDocument.Parse(written).RootElement));
    }

    [TestMethod]
    public void Read_WrongTypeForNameVariable_ReportsPathLineAndColumn()
    {
        const string json = "[\n  {\"id\": \"a\", \"type\": \"book\",\n   \"author\": \"Smith\"}\n]";

        var result = CslJson.Read(json, "bad.json");

        Assert.IsFalse(result.Success);
        var d = result.Diagnostics.Single();
        Assert.AreEqual(new SourceLocation("bad.json", "$[0].author", 3, 14), d.Location);
        Assert.AreEqual(1, result.Value!.Count, "the item itself is still read");
    }

    [TestMethod]
    public void Read_ProblemInsideAnItem_NamesTheItemEvenWhenItsIdComesLater()
    {
        const string json = "[{\"issued\": 1999, \"id\": \"late-id\", \"type\": \"book\"}]";

        var result = CslJson.Read(json, "bad.json");

        var d = result.Diagnostics.Single();
        Assert.AreEqual("$[0].issued", d.Location.Path);
        StringAssert.StartsWith(d.Message, "Item 'late-id': ");
        Assert.AreEqual("late-id", result.Value!.Single().Id.Text);
    }

    [TestMethod]
    public void Read_TruncatedJson_KeepsItemsBeforeTheError()
    {
        const string json = "[{\"id\": \"a\", \"type\": \"book\"},\n {\"id\": \"b\", \"type\": ";

        var result = CslJson.Read(json, "cut.json");

        Assert.AreEqual(DiagnosticCodes.InvalidJson, result.Diagnostics.Single().Code);
        Assert.AreEqual(2, result.Diagnostics[0].Location.Line);
        Assert.AreEqual("a", result.Value!.Single().Id.Text);
    }

    [TestMethod]
    public void Read_DuplicateIds_SecondIsSkippedWithError()
    {
        var result = CslJson.Read("""[{"id": "a", "type": "book"}, {"id": "a", "type": "report"}]""");

        Assert.AreEqual(DiagnosticCodes.DuplicateId, result.Diagnostics.Single().Code);
        Assert.AreEqual("book", result.Value!.Single().Type);
    }

    [TestMethod]
    public void TryGetVariable_CslJsonSpelling_FoundUnderCslName()
    {
        var item = new CslItemBuilder("x", "book").Set("part", 2).Build();

        Assert.AreEqual("2", item.GetText("part-number"));
    }

    [TestMethod]
    [DataRow("2021-03-05", 2021, 3, 5)]
    [DataRow("2021-22", 2021, 14, null)]
    [DataRow("May 17, 2003", 2003, 5, 17)]
    [DataRow("17 May 2003", 2003, 5, 17)]
    [DataRow("-0099", -100, null, null)]
    public void CslDate_EdtfAndRawText_ParsesStart(string text, int year, int? month, int? day)
    {
        var date = new CslDate { Raw = text };

        Assert.AreEqual(new CslDatePart(year, month, day), date.Start);
    }
}
