using System.Text.Json.Serialization;
using Citations.CslData;

namespace Citations.Serialization;

// The article file format as plain data. Every property is nullable so that a missing or null value reaches the
// mapper, which reports all of them with their paths, instead of stopping the deserializer at the first one.
// Enumerations are strings for the same reason: an unknown value gets a message listing the known ones.
// schemas/article.schema.json describes the same format; a test keeps the two in step.

/// <summary>The top level of an article file.</summary>
internal sealed class ArticleFileDto
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    public int? FormatVersion { get; set; }

    public string? Bibliography { get; set; }

    // Read by the shape check (JsonShapeChecker.Items), which leaves null here; set when writing.
    public CslItem? Metadata { get; set; }

    public List<ClaimDto?>? Claims { get; set; }

    public List<SourceDto?>? Sources { get; set; }
}

internal sealed class ClaimDto
{
    public string? Id { get; set; }

    public string? Kind { get; set; }

    public string? Wording { get; set; }

    public string? Text { get; set; }

    public AnchorDto? Anchor { get; set; }

    public List<EvidenceDto?>? Evidence { get; set; }

    public string? Note { get; set; }

    // Absent means reviewed; written only when false, so hand-written files do not change.
    public bool? Reviewed { get; set; }
}

internal sealed class AnchorDto
{
    public int? Paragraph { get; set; }

    public SelectorDto? Selector { get; set; }
}

internal sealed class SelectorDto
{
    public string? Exact { get; set; }

    public string? Prefix { get; set; }

    public string? Suffix { get; set; }
}

internal sealed class EvidenceDto
{
    public string? Source { get; set; }

    public string? Relation { get; set; }

    public string? Origin { get; set; }

    public LocatorDto? Locator { get; set; }

    public string? Quote { get; set; }
}

internal sealed class LocatorDto
{
    public string? Label { get; set; }

    public string? Value { get; set; }
}

internal sealed class SourceDto
{
    public string? Class { get; set; }

    public List<string?>? ReliesOn { get; set; }

    public string? Note { get; set; }

    // Absent means reviewed; written only when false.
    public bool? Reviewed { get; set; }

    public string? Id { get; set; }

    // Read by the shape check (JsonShapeChecker.Items), which leaves null here; set when writing.
    public CslItem? Item { get; set; }
}

/// <summary>The source-generated (reflection-free, trim-safe) serializer for the article file format.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    WriteIndented = true,
    MaxDepth = 64)]
[JsonSerializable(typeof(ArticleFileDto))]
internal sealed partial class ArticleJsonContext : JsonSerializerContext;
