using System.Text;
using Citations.Diagnostics;
using Citations.Serialization;

namespace Citations.Tests.Serialization;

/// <summary>
/// JSON that is not text (bytes that are not UTF-8, escapes of half a surrogate pair) and CSL-JSON values no date or name
/// can have: each is a diagnostic with its path, line and column, never an exception nor a silent blank (issue 11,
/// items 1 and 13).
/// </summary>
[TestClass]
public sealed class UntrustedJsonTests
{
    [TestMethod]
    public void CslJsonRead_BytesThatAreNotUtf8_FatalWithPathLineAndColumn()
    {
        var bytes = Encoding.UTF8.GetBytes("[{\"id\": \"a\", \"type\": \"book\",\n  \"title\": \"X\"}]");
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0xFF;

        var result = CslJson.Read(bytes, "items.json");

        Assert.IsTrue(result.Stopped);
        var d = result.Diagnostics.Single();
        Assert.AreEqual(DiagnosticSeverity.Fatal, d.Severity);
        Assert.AreEqual(DiagnosticCodes.NotUtf8, d.Code);
        Assert.AreEqual(new SourceLocation("items.json", "$[0].title", 2, 13), d.Location);
    }

    [TestMethod]
    public void CslJsonRead_LoneSurrogateEscape_ErrorForThatItemOthersRead()
    {
        const string json = """[{"id": "a", "type": "book", "title": "ok"}, {"id": "b", "type": "book", "title": "x\ud800y"}]""";

        var result = CslJson.Read(json, "items.json");

        Assert.IsFalse(result.Stopped);
        var d = result.Diagnostics.Single();
        Assert.AreEqual(DiagnosticSeverity.Error, d.Severity);
        Assert.AreEqual(DiagnosticCodes.UnpairedSurrogate, d.Code);
        Assert.AreEqual(new SourceLocation("items.json", "$[1].title", 1, 83), d.Location);
        StringAssert.Contains(d.Message, "\\ud800");
        Assert.AreEqual("a", result.Value!.Single().Id.Text);
    }

    [TestMethod]
    public void CslJsonRead_LoneSurrogateInAPropertyNameOrNestedValue_ErrorNamingIt()
    {
        const string json = """[{"id": "a", "type": "book", "author": [{"family": "Doe", "\udc00": 1}]}, {"id": "b", "custom": {"k": ["\ud834"]}}]""";

        var result = CslJson.Read(json, "items.json");

        CollectionAssert.AreEqual(new[] { "$[0].author[0]['\\udc00']", "$[1].custom.k[0]" }, result.Diagnostics.Select(d => d.Location.Path).ToArray());
        Assert.IsTrue(result.Diagnostics.All(d => d.Code == DiagnosticCodes.UnpairedSurrogate));
        Assert.AreEqual(0, result.Value!.Count);
    }

    [TestMethod]
    public void CslJsonRead_SurrogatePairEscape_IsText()
    {
        var result = CslJson.Read("""[{"id": "a", "type": "book", "title": "\ud834\udd1e"}]""");

        Assert.IsTrue(result.Success, string.Join("\n", result.Diagnostics));
        Assert.AreEqual("\U0001D11E", result.Value.Single().Variables["title"].Text);
    }

    [TestMethod]
    public void ArticleJsonRead_BytesThatAreNotUtf8_FatalWithPath()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"formatVersion\": 1, \"metadata\": {\"id\": \"m\", \"type\": \"article\", \"title\": \"X\"}}");
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0xC3;

        var result = ArticleJson.Read(bytes, "article.json");

        var d = result.Diagnostics.Single();
        Assert.AreEqual(DiagnosticCodes.NotUtf8, d.Code);
        Assert.AreEqual(DiagnosticSeverity.Fatal, d.Severity);
        Assert.AreEqual("$.metadata.title", d.Location.Path);
        Assert.AreEqual(1, d.Location.Line);
    }

    [TestMethod]
    public void ArticleJsonRead_LoneSurrogateInAClaimOrAName_ThatClaimSkippedRestRead()
    {
        const string json = """
            {"formatVersion": 1, "metadata": {"id": "m", "type": "article"},
             "claims": [
               {"id": "c1", "kind": "factual", "text": "fine", "anchor": {"paragraph": 1, "selector": {"exact": "fine"}}},
               {"id": "c2", "kind": "factual", "text": "bad \udfff", "anchor": {"paragraph": 1, "selector": {"exact": "bad"}}, "\ud800": 1}
             ],
             "sources": []}
            """;

        var result = ArticleJson.Read(json, "article.json");

        Assert.IsFalse(result.Stopped);
        var surrogates = result.Diagnostics.Where(d => d.Code == DiagnosticCodes.UnpairedSurrogate).ToList();
        CollectionAssert.AreEquivalent(new[] { "$.claims[1].text", "$.claims[1]['\\ud800']" }, surrogates.Select(d => d.Location.Path).ToArray());
        Assert.IsTrue(surrogates.All(d => d.Severity == DiagnosticSeverity.Error && d.Location.Line == 4));
        Assert.AreEqual("c1", result.Value!.Claims.Single().Id);
    }

    [TestMethod]
    public void CslJsonRead_MonthAndDayOutOfRange_WarningAndThePartsLeftOut()
    {
        var result = CslJson.Read("""[{"id": "a", "type": "book", "issued": {"date-parts": [[2020, 99, -4]]}}, {"id": "b", "type": "book", "issued": {"date-parts": [[2020, 5, -4]]}}]""", "d.json");

        CollectionAssert.AreEqual(new[] { "$[0].issued.date-parts[0][1]", "$[1].issued.date-parts[0][2]" }, result.Diagnostics.Select(d => d.Location.Path).ToArray());
        Assert.IsTrue(result.Diagnostics.All(d => d.Code == DiagnosticCodes.InvalidDatePart && d.Severity == DiagnosticSeverity.Warning));
        Assert.AreEqual(new CslData.CslDatePart(2020, null, null), result.Value![0].Dates["issued"].Start);
        Assert.AreEqual(new CslData.CslDatePart(2020, 5, null), result.Value[1].Dates["issued"].Start);
    }

    [TestMethod]
    [DataRow("[0]")]
    [DataRow("[1e20]")]
    [DataRow("[2020.5]")]
    [DataRow("[\"x\"]")]
    [DataRow("[-10000000]")]
    public void CslJsonRead_YearThatIsNoYear_ErrorAndTheDateLeftOut(string parts)
    {
        var result = CslJson.Read("""[{"id": "a", "type": "book", "issued": {"date-parts": [""" + parts + "]}}]", "d.json");

        var d = result.Diagnostics.Single();
        Assert.AreEqual(DiagnosticCodes.InvalidDatePart, d.Code);
        Assert.AreEqual(DiagnosticSeverity.Error, d.Severity);
        Assert.AreEqual("$[0].issued.date-parts[0][0]", d.Location.Path);
        Assert.IsFalse(result.Value!.Single().Dates.ContainsKey("issued"), "a date without its year is left out");
    }

    [TestMethod]
    public void CslJsonRead_NonNumericMonth_WarningAndTheYearKept()
    {
        var result = CslJson.Read("""[{"id": "a", "type": "book", "issued": {"date-parts": [["2020", "x"]]}}]""");

        Assert.AreEqual(DiagnosticCodes.InvalidDatePart, result.Diagnostics.Single().Code);
        Assert.AreEqual(new CslData.CslDatePart(2020, null, null), result.Value!.Single().Dates["issued"].Start);
    }

    [TestMethod]
    public void CslJsonRead_OpenRangeSeasonsAndNoneMonth_AreDates()
    {
        var result = CslJson.Read("""
            [{"id": "a", "type": "book", "issued": {"date-parts": [[2019, 2], [0, 0]]}},
             {"id": "b", "type": "book", "issued": {"date-parts": [[1999, 21], [2001, 24]]}},
             {"id": "c", "type": "book", "issued": {"date-parts": [[1965, 24, 0]]}},
             {"id": "d", "type": "book", "issued": {"date-parts": [[-44, 3, 15]]}}]
            """);

        Assert.IsTrue(result.Success, string.Join("\n", result.Diagnostics));
        Assert.AreEqual(0, result.Diagnostics.Count);
        Assert.IsTrue(result.Value[0].Dates["issued"].IsOpenRange);
    }

    [TestMethod]
    public void CslJsonRead_BlankNames_WarningAndLeftOut()
    {
        var result = CslJson.Read("""[{"id": "a", "type": "book", "author": [{"literal": ""}, {"family": " "}, {"family": "Doe"}]}]""");

        CollectionAssert.AreEqual(new[] { "$[0].author[0]", "$[0].author[1]" }, result.Diagnostics.Select(d => d.Location.Path).ToArray());
        Assert.IsTrue(result.Diagnostics.All(d => d.Code == DiagnosticCodes.EmptyName && d.Severity == DiagnosticSeverity.Warning));
        Assert.AreEqual("Doe", result.Value!.Single().Names["author"].Single().Family);
    }

    [TestMethod]
    public void CslJsonRead_NameOrTitleOfTheWrongType_IsAnError()
    {
        var result = CslJson.Read("""[{"id": "a", "type": "book", "author": "Doe", "title": ["x"]}]""");

        Assert.AreEqual(2, result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error && d.Code == DiagnosticCodes.WrongType));
        Assert.IsFalse(result.Success);
    }
}
