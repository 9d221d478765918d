using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Citations.Serialization;

namespace Citations.Reports;

/// <summary>
/// The JSON report. Its field names are part of the library's public contract: they are described in
/// <c>schemas/coverage-report.schema.json</c>, pinned by a test, and change only with <c>formatVersion</c>.
/// </summary>
internal sealed class JsonCoverageFormat : ICoverageReportFormat
{
    public const int FormatVersion = 1;

    public string Name => "json";

    public string FileExtension => ".json";

    public void Write(CoverageReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonSerializer.Serialize(writer, ToDto(report), CoverageReportJsonContext.Default.CoverageReportDto);
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private static CoverageReportDto ToDto(CoverageReport report) => new()
    {
        FormatVersion = FormatVersion,
        Article = new ArticleRefDto { Id = report.ArticleId, Title = report.ArticleTitle },
        Totals = Counts(report.Totals),
        ByKind = report.ByKind.ToDictionary(k => ModelJsonNames.ClaimKinds[k.Kind], k => Counts(k.Counts), StringComparer.Ordinal),
        Claims = report.Claims.Select(c => new ClaimCoverageDto
        {
            Id = c.ClaimId,
            Kind = ModelJsonNames.ClaimKinds[c.Kind],
            Wording = ModelJsonNames.Wordings[c.Wording],
            Text = c.Text,
            Paragraph = c.Paragraph,
            Support = SupportNames[c.Support],
            NeedsSupport = c.NeedsSupport,
            CitedInArticle = c.CitedInArticle,
            Reviewed = c.Reviewed,
            PrimaryChain = c.PrimaryChain.ToList(),
            Evidence = c.Evidence.Select(e => new EvidenceCoverageDto
            {
                Source = e.SourceId,
                Relation = ModelJsonNames.Relations[e.Relation],
                Origin = ModelJsonNames.Origins[e.Origin],
                SourceClass = e.SourceClass is { } sc ? ModelJsonNames.SourceClasses[sc] : null,
                Support = SupportNames[e.Support],
            }).ToList(),
        }).ToList(),
        Sources = report.Sources.Select(s => new SourceCoverageDto
        {
            Id = s.SourceId,
            Title = s.Title,
            Class = ModelJsonNames.SourceClasses[s.Class],
            Url = s.Url,
            Doi = s.Doi,
            LinkCheckable = s.LinkCheckable,
            CitedBy = s.CitedBy.ToList(),
            ReliesOn = s.ReliesOn.ToList(),
            Reviewed = s.Reviewed,
        }).ToList(),
    };

    private static CountsDto Counts(SupportCounts c) => new()
    {
        Claims = c.Claims,
        PrimaryData = c.PrimaryData,
        Secondary = c.Secondary,
        Anonymous = c.Anonymous,
        None = c.None,
    };

    internal static readonly EnumNames<SupportLevel> SupportNames = new(
        (SupportLevel.None, "none"),
        (SupportLevel.Anonymous, "anonymous"),
        (SupportLevel.Secondary, "secondary"),
        (SupportLevel.PrimaryData, "primaryData"));
}

// The JSON report's shape. Every property is written, null or not, so consumers can rely on the fields being there.
internal sealed class CoverageReportDto
{
    public int FormatVersion { get; set; }

    public ArticleRefDto Article { get; set; } = new();

    public CountsDto Totals { get; set; } = new();

    public Dictionary<string, CountsDto> ByKind { get; set; } = [];

    public List<ClaimCoverageDto> Claims { get; set; } = [];

    public List<SourceCoverageDto> Sources { get; set; } = [];
}

internal sealed class ArticleRefDto
{
    public string Id { get; set; } = string.Empty;

    public string? Title { get; set; }
}

internal sealed class CountsDto
{
    public int Claims { get; set; }

    public int PrimaryData { get; set; }

    public int Secondary { get; set; }

    public int Anonymous { get; set; }

    public int None { get; set; }
}

internal sealed class ClaimCoverageDto
{
    public string Id { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public string Wording { get; set; } = string.Empty;

    public string Text { get; set; } = string.Empty;

    public int Paragraph { get; set; }

    public string Support { get; set; } = string.Empty;

    public bool NeedsSupport { get; set; }

    public bool CitedInArticle { get; set; }

    public bool Reviewed { get; set; }

    public List<string> PrimaryChain { get; set; } = [];

    public List<EvidenceCoverageDto> Evidence { get; set; } = [];
}

internal sealed class EvidenceCoverageDto
{
    public string Source { get; set; } = string.Empty;

    public string Relation { get; set; } = string.Empty;

    public string Origin { get; set; } = string.Empty;

    public string? SourceClass { get; set; }

    public string Support { get; set; } = string.Empty;
}

internal sealed class SourceCoverageDto
{
    public string Id { get; set; } = string.Empty;

    public string? Title { get; set; }

    public string Class { get; set; } = string.Empty;

    public string? Url { get; set; }

    public string? Doi { get; set; }

    public bool LinkCheckable { get; set; }

    public List<string> CitedBy { get; set; } = [];

    public List<string> ReliesOn { get; set; } = [];

    public bool Reviewed { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(CoverageReportDto))]
internal sealed partial class CoverageReportJsonContext : JsonSerializerContext;
