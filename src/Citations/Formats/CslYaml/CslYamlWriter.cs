using System.Text.Json;
using Citations.CslData;
using Citations.Serialization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Citations.Formats.CslYaml;

/// <summary>
/// Writes items as CSL-YAML (a document with a <c>references</c> list, as pandoc writes it), from their CSL-JSON so that
/// everything an item holds is written: strings that would read back as something else (<c>"12"</c>, <c>"true"</c>,
/// <c>""</c>) are quoted, numbers stay numbers as written, arrays of plain values are written inline.
/// </summary>
internal static class CslYamlWriter
{
    public static string Write(IReadOnlyList<CslItem> items)
    {
        var text = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(text, bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: false));
        emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, MappingStyle.Block));
        emitter.Emit(new Scalar("references"));
        emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, SequenceStyle.Block));
        foreach (var item in items)
        {
            using var document = JsonDocument.Parse(CslJson.Write(item, indented: false));
            Emit(emitter, document.RootElement);
        }

        emitter.Emit(new SequenceEnd());
        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(isImplicit: false));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Emit(IEmitter emitter, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, MappingStyle.Block));
                foreach (var property in value.EnumerateObject())
                {
                    EmitString(emitter, property.Name);
                    Emit(emitter, property.Value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonValueKind.Array:
                var flat = value.EnumerateArray().All(e => e.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)
                    || (e.ValueKind == JsonValueKind.Array && e.EnumerateArray().All(x => x.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))));
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, flat && value.GetArrayLength() > 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var element in value.EnumerateArray())
                {
                    Emit(emitter, element);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValueKind.String:
                EmitString(emitter, value.GetString()!);
                break;
            case JsonValueKind.Number:
                emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value.GetRawText(), ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
                break;
            case JsonValueKind.True or JsonValueKind.False:
                emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value.ValueKind == JsonValueKind.True ? "true" : "false", ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
                break;
            default:
                emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, "null", ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
                break;
        }
    }

    private static void EmitString(IEmitter emitter, string text)
    {
        // A string that a YAML reader would take for a number, a boolean or null must be quoted to stay a string.
        var plainReadsAsString = text.Length > 0 && !YamlJson.IsJsonNumber(text)
            && text is not ("true" or "True" or "TRUE" or "false" or "False" or "FALSE" or "null" or "Null" or "NULL" or "~")
            && !char.IsWhiteSpace(text[0]) && !char.IsWhiteSpace(text[^1]);
        var style = text.Any(c => char.IsControl(c) || char.IsSurrogate(c) || c == '\u2028' || c == '\u2029' || c == '\uFEFF')
            ? ScalarStyle.DoubleQuoted
            : ScalarStyle.Any;
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, style, isPlainImplicit: plainReadsAsString, isQuotedImplicit: true));
    }
}
