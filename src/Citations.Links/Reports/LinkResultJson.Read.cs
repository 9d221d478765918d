using System.Globalization;
using System.Text.Json;
using Citations.CslData;

namespace Citations.Links.Reports;

/// <summary>Reads one result back from the report's JSON form, as <see cref="LinkResultJson.Write"/> wrote it.</summary>
/// <remarks>
/// For stores that keep results as the report has them (shared runs in PostgreSQL), so that a report can be built
/// again from them by any report writer. What the report leaves out stays out: a citation's <see cref="LinkTarget.Title"/>
/// and its URL's redacted credentials; a citation's accessed date comes back as the text the report shows.
/// </remarks>
internal static partial class LinkResultJson
{
    private static readonly JsonWriterOptions CompactOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One result as compact JSON text, as the report writes it (the form <see cref="Read(string)"/> reads).</summary>
    /// <param name="result">The result.</param>
    public static string ToJson(LinkCheckResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, CompactOptions))
        {
            Write(json, result);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Reads a result written by <see cref="Write"/>.</summary>
    /// <param name="json">One result object.</param>
    /// <exception cref="JsonException">The text is not such a result.</exception>
    public static LinkCheckResult Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement);
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or FormatException or OverflowException)
        {
            throw new JsonException($"Not a result in the report's form: {e.Message}", e);
        }
    }

    private static LinkCheckResult Read(JsonElement root)
    {
        if (!LinkVerdictExtensions.TryParseReportName(root.GetProperty("verdict").GetString(), out var verdict))
        {
            throw new JsonException($"Unknown verdict '{root.GetProperty("verdict")}'.");
        }

        return new LinkCheckResult
        {
            Url = root.GetProperty("url").GetString()!,
            Targets = [.. root.GetProperty("citations").EnumerateArray().Select(ReadTarget)],
            Verdict = verdict,
            CheckedAt = ParseTimestamp(root.GetProperty("checkedAt")),
            FromHistory = root.TryGetProperty("fromHistory", out var fromHistory) && fromHistory.GetBoolean(),
            Evidence = ReadEvidence(root.GetProperty("evidence")),
            Assessment = root.TryGetProperty("assessment", out var assessment) ? ReadAssessment(assessment) : null,
            Content = root.TryGetProperty("content", out var content) ? ReadContent(content) : null,
            History = root.TryGetProperty("history", out var history) ? ReadHistory(root.GetProperty("url").GetString()!, history) : null,
            Archive = root.TryGetProperty("archive", out var archive) ? ReadArchive(archive) : null,
        };
    }

    private static LinkTarget ReadTarget(JsonElement t) => new(t.GetProperty("url").GetString()!)
    {
        SourceId = OptionalString(t, "sourceId"),
        Origin = OptionalString(t, "origin"),
        File = OptionalString(t, "file"),
        Line = t.TryGetProperty("line", out var line) ? line.GetInt32() : null,
        Construct = OptionalString(t, "construct"),
        Accessed = OptionalString(t, "accessed") is { } accessed ? new CslDate { Raw = accessed } : null,
        Quotes = Strings(t, "quotes"),
    };

    private static LinkEvidence ReadEvidence(JsonElement e)
    {
        RedirectInfo? redirect = null;
        if (e.TryGetProperty("redirect", out var r) && ReportNames.RedirectKinds.TryParse(r.GetProperty("kind").GetString(), out var kind))
        {
            redirect = new RedirectInfo(kind, r.GetProperty("target").GetString()!, r.GetProperty("canonicalization").GetBoolean());
        }

        LinkError? error = null;
        if (e.TryGetProperty("error", out var err))
        {
            error = new LinkError(ReportNames.ErrorKinds.TryParse(err.GetProperty("kind").GetString(), out var errorKind) ? errorKind : LinkErrorKind.Other,
                err.GetProperty("message").GetString() ?? string.Empty);
        }

        return new LinkEvidence
        {
            StatusCode = e.TryGetProperty("statusCode", out var status) ? status.GetInt32() : null,
            FinalUrl = OptionalString(e, "finalUrl"),
            Method = OptionalString(e, "method"),
            Requests = e.GetProperty("requests").GetInt32(),
            Elapsed = TimeSpan.FromMilliseconds(e.GetProperty("elapsedMs").GetDouble()),
            ContentType = OptionalString(e, "contentType"),
            BodyBytes = e.TryGetProperty("bodyBytes", out var bytes) ? bytes.GetInt64() : null,
            BodyTruncated = e.TryGetProperty("bodyTruncated", out var truncated) && truncated.GetBoolean(),
            RetryAfter = e.TryGetProperty("retryAfterSeconds", out var retry) ? TimeSpan.FromSeconds(retry.GetDouble()) : null,
            RedirectChain = e.TryGetProperty("redirects", out var hops)
                ? [.. hops.EnumerateArray().Select(h => new RedirectHop(h.GetProperty("url").GetString()!, h.GetProperty("status").GetInt32(), h.GetProperty("location").GetString()!))]
                : [],
            Redirect = redirect,
            Error = error,
            Notes = Strings(e, "notes"),
            Connectivity = e.TryGetProperty("connectivity", out var c)
                ? new ConnectivityCheck(c.GetProperty("online").GetBoolean(), ParseTimestamp(c.GetProperty("checkedAt")), TimeSpan.FromMilliseconds(c.GetProperty("durationMs").GetDouble()))
                : null,
        };
    }

    private static PageAssessment ReadAssessment(JsonElement a)
    {
        if (!ReportNames.VerdictReasons.TryParse(a.GetProperty("reason").GetString(), out var reason))
        {
            throw new JsonException($"Unknown verdict reason '{a.GetProperty("reason")}'.");
        }

        RenderedComparison? rendering = null;
        if (a.TryGetProperty("rendering", out var r))
        {
            rendering = new RenderedComparison
            {
                Rendered = r.GetProperty("rendered").GetBoolean(),
                Failure = OptionalString(r, "failure"),
                Title = OptionalString(r, "title"),
                TextLength = r.GetProperty("textLength").GetInt32(),
                RandomUrl = OptionalString(r, "randomUrl"),
                Similarity = r.TryGetProperty("similarity", out var similarity) ? similarity.GetDouble() : null,
                Requests = r.GetProperty("requests").GetInt32(),
                RefusedRequests = r.GetProperty("refusedRequests").GetInt32(),
                Elapsed = TimeSpan.FromMilliseconds(r.GetProperty("elapsedMs").GetDouble()),
            };
        }

        return new PageAssessment
        {
            Reason = reason,
            Signals = [.. a.GetProperty("signals").EnumerateArray().Select(s => new PageSignal(s.GetProperty("name").GetString()!, s.GetProperty("detail").GetString()!))],
            Comparison = OptionalString(a, "comparison"),
            Rendering = rendering,
        };
    }

    private static ContentCheck ReadContent(JsonElement c)
    {
        TitleCheck? title = null;
        if (c.TryGetProperty("titleMatch", out var t))
        {
            title = new TitleCheck(t.GetProperty("citedTitle").GetString()!, t.GetProperty("pageTitle").GetString()!,
                t.GetProperty("similarity").GetDouble(), t.GetProperty("changed").GetBoolean());
        }

        return new ContentCheck
        {
            Title = OptionalString(c, "title"),
            Fingerprint = new PageFingerprint(c.GetProperty("sha256").GetString()!,
                ulong.Parse(c.GetProperty("simhash").GetString()!, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                c.GetProperty("textLength").GetInt32()),
            Truncated = c.TryGetProperty("truncated", out var truncated) && truncated.GetBoolean(),
            ChangedSinceLastCheck = c.TryGetProperty("changedSinceLastCheck", out var changed) ? changed.GetBoolean() : null,
            SimilarityToLastCheck = c.TryGetProperty("similarityToLastCheck", out var similarity) ? similarity.GetDouble() : null,
            LastCheckedAt = c.TryGetProperty("lastCheckedAt", out var last) ? ParseTimestamp(last) : null,
            TitleMatch = title,
            Quotes = [.. c.GetProperty("quotes").EnumerateArray()
                .Select(q => new QuoteCheck(q.GetProperty("quote").GetString()!, q.GetProperty("found").GetBoolean(), q.GetProperty("coverage").GetDouble()))],
        };
    }

    private static LinkHistorySummary ReadHistory(string url, JsonElement h)
    {
        if (!LinkVerdictExtensions.TryParseReportName(h.GetProperty("lastVerdict").GetString(), out var last))
        {
            throw new JsonException($"Unknown verdict '{h.GetProperty("lastVerdict")}'.");
        }

        return new LinkHistorySummary(url, h.GetProperty("checks").GetInt32(), ParseTimestamp(h.GetProperty("firstCheckedAt")),
            ParseTimestamp(h.GetProperty("lastCheckedAt")), last,
            h.TryGetProperty("lastSeenAlive", out var alive) ? ParseTimestamp(alive) : null,
            h.TryGetProperty("firstSeenFailing", out var failing) ? ParseTimestamp(failing) : null,
            h.GetProperty("spacedFailures").GetInt32(), h.GetProperty("rot").GetBoolean());
    }

    private static ArchivedCopy ReadArchive(JsonElement a) => new()
    {
        Url = a.GetProperty("url").GetString()!,
        OriginalUrl = a.GetProperty("originalUrl").GetString()!,
        CapturedAt = ParseTimestamp(a.GetProperty("capturedAt")),
        Archive = a.GetProperty("archive").GetString()!,
        Reference = ParseTimestamp(a.GetProperty("reference")),
        ReferenceIsAccessedDate = a.GetProperty("referenceIsAccessedDate").GetBoolean(),
        Verified = a.GetProperty("verified").GetBoolean(),
        VerifiedStatus = a.TryGetProperty("verifiedStatus", out var s) ? s.GetInt32() : null,
    };

    private static DateTimeOffset ParseTimestamp(JsonElement value)
        => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static string? OptionalString(JsonElement e, string name)
        => e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string[] Strings(JsonElement e, string name)
        => e.TryGetProperty(name, out var values) ? [.. values.EnumerateArray().Select(v => v.GetString() ?? string.Empty)] : [];
}
