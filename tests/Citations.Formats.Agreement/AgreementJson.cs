using System.Text.Json;
using System.Text.Json.Serialization;

namespace Citations.Formats.Agreement;

/// <summary>Source-generated JSON for the tool's own files.</summary>
[JsonSerializable(typeof(List<JsonElement>))]
[JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class AgreementJson : JsonSerializerContext;
