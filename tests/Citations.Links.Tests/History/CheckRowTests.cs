using System.Text.Json;
using Citations.Links.History;

namespace Citations.Links.Tests.History;

/// <summary>The history's row format alone: no database.</summary>
[TestClass]
public sealed class CheckRowTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 1, 9, 0, 0, 123, TimeSpan.Zero);

    private static LinkCheckResult Full() => new()
    {
        Url = "https://a.example/report",
        Targets = [new LinkTarget("https://a.example/report") { SourceId = "s1" }],
        Verdict = LinkVerdict.Redirected,
        CheckedAt = At,
        Evidence = new LinkEvidence
        {
            StatusCode = 200,
            FinalUrl = "https://www.a.example/report/",
            RedirectChain = [new RedirectHop("https://a.example/report", 301, "https://www.a.example/report/")],
            Redirect = new RedirectInfo(RedirectKind.Permanent, "https://www.a.example/report/", true),
            Method = "GET",
            Requests = 3,
            Elapsed = TimeSpan.FromMilliseconds(412.5),
            ContentType = "text/html",
            BodyBytes = 2048,
            BodyTruncated = true,
            RetryAfter = TimeSpan.FromSeconds(30),
            Error = null,
            Notes = ["HEAD refused (405); checked with GET", "retried after 30 s"],
            Connectivity = new ConnectivityCheck(true, At.AddSeconds(-2), TimeSpan.FromMilliseconds(12.5)),
        },
        Content = new ContentCheck
        {
            Title = "Report — “2025”",
            Fingerprint = new PageFingerprint("ab" + new string('0', 62), 0xFEDCBA9876543210UL, 4321),
            Quotes = [new QuoteCheck("a quote", true, 1), new QuoteCheck("gone words", false, 0.333)],
            ChangedSinceLastCheck = true,
            SimilarityToLastCheck = 0.875,
            LastCheckedAt = At.AddDays(-7),
            Truncated = true,
        },
        Archive = new ArchivedCopy
        {
            Url = "https://web.archive.example/web/2024/https://a.example/report",
            OriginalUrl = "https://a.example/report",
            CapturedAt = At.AddDays(-400),
            Archive = "wayback",
            Reference = At.AddDays(-390),
            ReferenceIsAccessedDate = true,
            Verified = true,
            VerifiedStatus = 200,
        },
        History = new LinkHistorySummary("https://a.example/report", 1, At, At, LinkVerdict.Redirected, At, null, 0, false),
        FromHistory = true,
    };

    [TestMethod]
    public void ToResult_EveryPartWritten_ReadBackEqual()
    {
        var original = Full();

        var row = CheckRow.From(original);
        var back = row.ToResult(original.Targets);

        Assert.AreEqual(original.Url, back.Url);
        Assert.AreEqual(original.Verdict, back.Verdict);
        Assert.AreEqual(original.CheckedAt, back.CheckedAt);
        Assert.AreSame(original.Targets, back.Targets);
        Assert.AreEqual(original.Archive, back.Archive);
        AssertEvidenceEqual(original.Evidence, back.Evidence);
        Assert.AreEqual(original.Content! with { Quotes = [] }, back.Content! with { Quotes = [] });
        CollectionAssert.AreEqual(original.Content!.Quotes.ToArray(), back.Content!.Quotes.ToArray());
        Assert.IsNull(back.History, "the history summary comes from the urls table, not the row");
        Assert.IsFalse(back.FromHistory);
    }

    [TestMethod]
    public void ToResult_ErrorWithoutAnswer_ReadBackEqual()
    {
        var original = new LinkCheckResult
        {
            Url = "https://gone.example/",
            Targets = [],
            Verdict = LinkVerdict.Gone,
            CheckedAt = At,
            Evidence = new LinkEvidence { Error = new LinkError(LinkErrorKind.NameNotFound, "no such host"), Requests = 1 },
        };

        var back = CheckRow.From(original).ToResult([]);

        AssertEvidenceEqual(original.Evidence, back.Evidence);
        Assert.IsNull(back.Content);
        Assert.IsNull(back.Archive);
    }

    [TestMethod]
    public void From_Result_ColumnsCarryTheQueriedPartsAndDetailTheRest()
    {
        var row = CheckRow.From(Full());

        Assert.AreEqual(At.ToUnixTimeMilliseconds(), row.CheckedAt);
        Assert.AreEqual("redirected", row.Verdict);
        Assert.AreEqual(200, row.Status);
        Assert.AreEqual("https://www.a.example/report/", row.FinalUrl);
        Assert.AreEqual("ab" + new string('0', 62), row.Fingerprint);
        Assert.AreEqual(CheckRow.Format, row.DetailFormat);
        using var detail = JsonDocument.Parse(row.Detail);
        var keys = detail.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        CollectionAssert.AreEquivalent(new[] { "m", "n", "ms", "ct", "bb", "bt", "ra", "hops", "rk", "rt", "rc", "notes", "pr", "c", "a" }, keys);
        StringAssert.Contains(row.Detail, "Report — “2025”", "text is stored as text, not escaped");
    }

    [TestMethod]
    public void From_BareResult_EmptyDetail()
    {
        var row = CheckRow.From(new LinkCheckResult
        {
            Url = "https://a.example/", Targets = [], Verdict = LinkVerdict.Alive, CheckedAt = At, Evidence = new LinkEvidence { StatusCode = 200 },
        });

        Assert.AreEqual("{}", row.Detail);
    }

    [TestMethod]
    public void ToResult_UnknownRowFormat_JsonException()
    {
        var row = CheckRow.From(Full()) with { DetailFormat = CheckRow.Format + 1 };

        Assert.ThrowsExactly<JsonException>(() => row.ToResult([]));
    }

    [TestMethod]
    public void ToResult_UnknownVerdict_JsonException()
    {
        var row = CheckRow.From(Full()) with { Verdict = "resting" };

        Assert.ThrowsExactly<JsonException>(() => row.ToResult([]));
    }

    private static void AssertEvidenceEqual(LinkEvidence expected, LinkEvidence actual)
    {
        Assert.AreEqual(expected with { RedirectChain = [], Notes = [] }, actual with { RedirectChain = [], Notes = [] });
        CollectionAssert.AreEqual(expected.RedirectChain.ToArray(), actual.RedirectChain.ToArray());
        CollectionAssert.AreEqual(expected.Notes.ToArray(), actual.Notes.ToArray());
    }
}
