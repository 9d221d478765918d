using System.Globalization;
using System.Text.Json;

namespace Citations.Links.History;

/// <summary>
/// Reads the checks of a schema-1 history, which stored each check as the report's JSON form of a result (version 1
/// of <c>citations-link-report</c>, without <c>citations</c> and <c>history</c>). Frozen: used only to migrate such
/// a database to the history's own row format (<see cref="CheckRow"/>), so later report changes leave it alone.
/// </summary>
internal static class SchemaOneRows
{
    /// <summary>Reads the <c>result</c> column of a schema-1 row.</summary>
    /// <param name="json">The column's text.</param>
    /// <exception cref="JsonException">The text is not a stored result.</exception>
    public static LinkCheckResult Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (!LinkVerdictExtensions.TryParseReportName(root.GetProperty("verdict").GetString(), out var verdict))
        {
            throw new JsonException("Unknown verdict.");
        }

        return new LinkCheckResult
        {
            Url = root.GetProperty("url").GetString()!,
            Targets = [],
            Verdict = verdict,
            CheckedAt = ParseTimestamp(root.GetProperty("checkedAt")),
            Evidence = ReadEvidence(root.GetProperty("evidence")),
            Content = root.TryGetProperty("content", out var content) ? ReadContent(content) : null,
            Archive = root.TryGetProperty("archive", out var archive) ? ReadArchive(archive) : null,
        };
    }

    private static LinkEvidence ReadEvidence(JsonElement e)
    {
        var chain = new List<RedirectHop>();
        if (e.TryGetProperty("redirects", out var redirects))
        {
            foreach (var hop in redirects.EnumerateArray())
            {
                chain.Add(new RedirectHop(hop.GetProperty("url").GetString()!, hop.GetProperty("status").GetInt32(), hop.GetProperty("location").GetString()!));
            }
        }

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
            RedirectChain = chain,
            Redirect = redirect,
            Error = error,
            Notes = e.TryGetProperty("notes", out var notes) ? notes.EnumerateArray().Select(n => n.GetString() ?? string.Empty).ToArray() : [],
        };
    }

    private static ContentCheck ReadContent(JsonElement c) => new()
    {
        Title = OptionalString(c, "title"),
        Fingerprint = new PageFingerprint(c.GetProperty("sha256").GetString()!,
            ulong.Parse(c.GetProperty("simhash").GetString()!, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            c.GetProperty("textLength").GetInt32()),
        Truncated = c.TryGetProperty("truncated", out var t) && t.GetBoolean(),
        ChangedSinceLastCheck = c.TryGetProperty("changedSinceLastCheck", out var changed) ? changed.GetBoolean() : null,
        SimilarityToLastCheck = c.TryGetProperty("similarityToLastCheck", out var similarity) ? similarity.GetDouble() : null,
        LastCheckedAt = c.TryGetProperty("lastCheckedAt", out var last) ? ParseTimestamp(last) : null,
        Quotes = c.GetProperty("quotes").EnumerateArray()
            .Select(q => new QuoteCheck(q.GetProperty("quote").GetString()!, q.GetProperty("found").GetBoolean(), q.GetProperty("coverage").GetDouble()))
            .ToArray(),
    };

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
}
