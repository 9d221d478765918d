using System.Text.Encodings.Web;
using System.Text.Json;

namespace Citations.Links.Reports;

/// <summary>
/// Writes the JSON report: <c>{"format":"citations-link-report","version":1,"generatedAt":…,"summary":{…},"results":[…]}</c>.
/// The format is stable: fields are only ever added within a version. It is described field by field in the
/// package's README (section "JSON report").
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class JsonLinkReportWriter : ILinkReportWriter
{
    /// <summary>The <c>format</c> field's value.</summary>
    public const string FormatName = "citations-link-report";

    /// <summary>The <c>version</c> field's value.</summary>
    public const int FormatVersion = 1;

    /// <summary>An indented writer.</summary>
    public static JsonLinkReportWriter Indented { get; } = new(true);

    /// <summary>A compact writer.</summary>
    public static JsonLinkReportWriter Compact { get; } = new(false);

    private readonly JsonWriterOptions _options;

    private JsonLinkReportWriter(bool indented)
        => _options = new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <inheritdoc/>
    public string FileExtension => ".json";

    /// <inheritdoc/>
    public async Task WriteAsync(LinkReport report, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var json = new Utf8JsonWriter(output, _options);
        await using (json.ConfigureAwait(false))
        {
            json.WriteStartObject();
            json.WriteString("format", FormatName);
            json.WriteNumber("version", FormatVersion);
            json.WriteString("generatedAt", LinkResultJson.Timestamp(report.GeneratedAt));
            json.WriteStartObject("summary");
            json.WriteNumber("total", report.Total);
            json.WriteNumber("broken", report.Broken);
            json.WriteNumber("rot", report.Rot);
            json.WriteNumber("missingQuotes", report.MissingQuotes);
            json.WriteNumber("changed", report.Changed);
            json.WriteNumber("titleChanged", report.TitleChanged);
            json.WriteNumber("notCheckable", report.NotCheckable.Count);
            json.WriteStartObject("verdicts");
            foreach (var verdict in Enum.GetValues<LinkVerdict>())
            {
                json.WriteNumber(verdict.ToReportName(), report.CountsByVerdict[verdict]);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            WriteSources(json, report);
            json.WriteStartArray("results");
            foreach (var result in report.Results)
            {
                LinkResultJson.Write(json, result);
                if (json.BytesPending > 64 * 1024)
                {
                    await json.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
            await json.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void WriteSources(Utf8JsonWriter json, LinkReport report)
    {
        json.WriteStartArray("sources");
        foreach (var source in report.Sources)
        {
            json.WriteStartObject();
            json.WriteString("sourceId", source.SourceId);
            json.WriteString("status", source.Status);
            if (source.Result is { } result)
            {
                json.WriteString("url", source.Url);
                json.WriteString("checkedUrl", result.Url);
                json.WriteBoolean("broken", result.IsBroken);
                json.WriteBoolean("missingQuote", result.HasMissingQuote);
            }
            else if (source.NotCheckable is { } notCheckable)
            {
                json.WriteString("reason", notCheckable.Reason);
                if (notCheckable.Title is { } title)
                {
                    json.WriteString("title", title);
                }

                if (notCheckable.Origin is { } origin)
                {
                    json.WriteString("origin", origin);
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
