using System.Globalization;
using System.Text.Json;

namespace Citations.Links.Reports;

/// <summary>Writes one <see cref="LinkCheckResult"/> in the report's JSON form (see the package README).</summary>
internal static partial class LinkResultJson
{
    public static void Write(Utf8JsonWriter json, LinkCheckResult result)
    {
        json.WriteStartObject();
        json.WriteString("url", result.Url);
        json.WriteString("verdict", result.Verdict.ToReportName());
        json.WriteBoolean("broken", result.IsBroken);
        json.WriteBoolean("rot", result.IsRot);
        if (result.IsChanged)
        {
            // Only when true: reports and schema-1 history rows written before title checks read back the same.
            json.WriteBoolean("changed", true);
        }

        json.WriteString("checkedAt", Timestamp(result.CheckedAt));
        json.WriteBoolean("fromHistory", result.FromHistory);
        json.WriteStartArray("citations");
        foreach (var target in result.Targets)
        {
            json.WriteStartObject();
            json.WriteString("url", DisplayText.RedactUrl(target.Url));
            json.WriteStringIfAny("sourceId", target.SourceId);
            json.WriteStringIfAny("origin", target.Origin);
            json.WriteStringIfAny("file", target.File);
            if (target.Line is { } line)
            {
                json.WriteNumber("line", line);
            }

            json.WriteStringIfAny("construct", target.Construct);
            json.WriteStringIfAny("accessed", target.Accessed?.ToString());
            json.WriteStringsIfAny("quotes", target.Quotes);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteEvidence(json, result.Evidence);
        if (result.Assessment is { } assessment)
        {
            WriteAssessment(json, assessment);
        }

        if (result.Content is { } content)
        {
            WriteContent(json, content);
        }

        if (result.History is { } history)
        {
            json.WriteStartObject("history");
            json.WriteNumber("checks", history.Checks);
            json.WriteString("firstCheckedAt", Timestamp(history.FirstCheckedAt));
            json.WriteString("lastCheckedAt", Timestamp(history.LastCheckedAt));
            json.WriteString("lastVerdict", history.LastVerdict.ToReportName());
            WriteOptional(json, "lastSeenAlive", history.LastSeenAlive);
            WriteOptional(json, "firstSeenFailing", history.FirstSeenFailing);
            json.WriteNumber("spacedFailures", history.SpacedFailures);
            json.WriteBoolean("rot", history.IsRot);
            json.WriteEndObject();
        }

        if (result.Archive is { } archive)
        {
            WriteArchive(json, archive);
        }

        json.WriteEndObject();
    }

    private static void WriteEvidence(Utf8JsonWriter json, LinkEvidence evidence)
    {
        json.WriteStartObject("evidence");
        if (evidence.StatusCode is { } status)
        {
            json.WriteNumber("statusCode", status);
        }

        json.WriteStringIfAny("finalUrl", evidence.FinalUrl);
        json.WriteStringIfAny("method", evidence.Method);
        json.WriteNumber("requests", evidence.Requests);
        json.WriteNumber("elapsedMs", Math.Round(evidence.Elapsed.TotalMilliseconds, 1));
        json.WriteStringIfAny("contentType", evidence.ContentType);
        if (evidence.BodyBytes is { } bytes)
        {
            json.WriteNumber("bodyBytes", bytes);
            json.WriteBoolean("bodyTruncated", evidence.BodyTruncated);
        }

        if (evidence.RetryAfter is { } retryAfter)
        {
            json.WriteNumber("retryAfterSeconds", Math.Round(retryAfter.TotalSeconds, 3));
        }

        if (evidence.RedirectChain.Count > 0)
        {
            json.WriteStartArray("redirects");
            foreach (var hop in evidence.RedirectChain)
            {
                json.WriteStartObject();
                json.WriteString("url", hop.Url);
                json.WriteNumber("status", hop.StatusCode);
                json.WriteString("location", hop.Location);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (evidence.Redirect is { } redirect)
        {
            json.WriteStartObject("redirect");
            json.WriteString("kind", ReportNames.RedirectKinds[redirect.Kind]);
            json.WriteString("target", redirect.Target);
            json.WriteBoolean("canonicalization", redirect.IsCanonicalization);
            json.WriteEndObject();
        }

        if (evidence.Error is { } error)
        {
            json.WriteStartObject("error");
            json.WriteString("kind", ReportNames.ErrorKinds[error.Kind]);
            json.WriteString("message", error.Message);
            json.WriteEndObject();
        }

        json.WriteStringsIfAny("notes", evidence.Notes);
        if (evidence.Connectivity is { } connectivity)
        {
            json.WriteStartObject("connectivity");
            json.WriteBoolean("online", connectivity.Online);
            json.WriteString("checkedAt", Timestamp(connectivity.CheckedAt));
            json.WriteNumber("durationMs", Math.Round(connectivity.Duration.TotalMilliseconds, 1));
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteContent(Utf8JsonWriter json, ContentCheck content)
    {
        json.WriteStartObject("content");
        json.WriteStringIfAny("title", content.Title);
        json.WriteString("sha256", content.Fingerprint.Sha256);
        json.WriteString("simhash", content.Fingerprint.SimHash.ToString("x16", CultureInfo.InvariantCulture));
        json.WriteNumber("textLength", content.Fingerprint.TextLength);
        json.WriteBoolean("truncated", content.Truncated);
        if (content.ChangedSinceLastCheck is { } changed)
        {
            json.WriteBoolean("changedSinceLastCheck", changed);
        }

        if (content.SimilarityToLastCheck is { } similarity)
        {
            json.WriteNumber("similarityToLastCheck", similarity);
        }

        WriteOptional(json, "lastCheckedAt", content.LastCheckedAt);
        if (content.TitleMatch is { } title)
        {
            json.WriteStartObject("titleMatch");
            json.WriteString("citedTitle", title.CitedTitle);
            json.WriteString("pageTitle", title.PageTitle);
            json.WriteNumber("similarity", title.Similarity);
            json.WriteBoolean("changed", title.Changed);
            json.WriteEndObject();
        }

        json.WriteStartArray("quotes");
        foreach (var quote in content.Quotes)
        {
            json.WriteStartObject();
            json.WriteString("quote", quote.Quote);
            json.WriteBoolean("found", quote.Found);
            json.WriteNumber("coverage", quote.Coverage);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteAssessment(Utf8JsonWriter json, PageAssessment assessment)
    {
        json.WriteStartObject("assessment");
        json.WriteString("reason", ReportNames.VerdictReasons[assessment.Reason]);
        json.WriteStartArray("signals");
        foreach (var signal in assessment.Signals)
        {
            json.WriteStartObject();
            json.WriteString("name", signal.Name);
            json.WriteString("detail", signal.Detail);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStringIfAny("comparison", assessment.Comparison);
        if (assessment.Rendering is { } rendering)
        {
            json.WriteStartObject("rendering");
            json.WriteBoolean("rendered", rendering.Rendered);
            json.WriteStringIfAny("failure", rendering.Failure);
            json.WriteStringIfAny("title", rendering.Title);
            json.WriteNumber("textLength", rendering.TextLength);
            json.WriteStringIfAny("randomUrl", rendering.RandomUrl);
            if (rendering.Similarity is { } similarity)
            {
                json.WriteNumber("similarity", similarity);
            }

            json.WriteNumber("requests", rendering.Requests);
            json.WriteNumber("refusedRequests", rendering.RefusedRequests);
            json.WriteNumber("elapsedMs", Math.Round(rendering.Elapsed.TotalMilliseconds, 1));
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteArchive(Utf8JsonWriter json, ArchivedCopy archive)
    {
        json.WriteStartObject("archive");
        json.WriteString("url", archive.Url);
        json.WriteString("originalUrl", archive.OriginalUrl);
        json.WriteString("capturedAt", Timestamp(archive.CapturedAt));
        json.WriteString("archive", archive.Archive);
        json.WriteString("reference", Timestamp(archive.Reference));
        json.WriteBoolean("referenceIsAccessedDate", archive.ReferenceIsAccessedDate);
        json.WriteNumber("distanceDays", Math.Round(archive.Distance.TotalDays, 2));
        json.WriteBoolean("beforeReference", archive.IsBeforeReference);
        json.WriteBoolean("verified", archive.Verified);
        if (archive.VerifiedStatus is { } status)
        {
            json.WriteNumber("verifiedStatus", status);
        }

        json.WriteStartObject("robustLinks");
        foreach (var (name, value) in archive.RobustLinkAttributes)
        {
            json.WriteString(name, value);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    internal static string Timestamp(DateTimeOffset value)
        => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void WriteOptional(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            json.WriteString(name, Timestamp(v));
        }
    }
}
