using System.Text.Json;
using System.Text.Json.Serialization;
using Citations.CslData;
using Citations.Diagnostics;

namespace Citations.Serialization;

/// <summary>
/// Converts <see cref="CslItem"/> to and from CSL-JSON inside any System.Text.Json document (for example an article
/// file that embeds items). Invalid items throw a <see cref="JsonException"/> naming the problem; to collect every
/// problem of a CSL-JSON file instead, use <see cref="CslJson.Read(string, string?)"/>.
/// </summary>
public sealed class CslItemJsonConverter : JsonConverter<CslItem>
{
    /// <inheritdoc/>
    public override CslItem Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var reader2 = new CslItemReader((severity, code, message, path, offset) =>
        {
            if (severity >= DiagnosticSeverity.Error)
            {
                throw new JsonException($"{code}: {message}");
            }
        });
        return reader2.ReadItem(ref reader, "$") ?? throw new JsonException("The CSL-JSON item could not be read.");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, CslItem value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        CslItemWriter.WriteItem(writer, value);
    }
}
