using System.Text.Json;
using Citations.CslData;

namespace Citations.Serialization;

/// <summary>Writes CSL-JSON items exactly as they were read: strings stay strings and numbers stay numbers.</summary>
internal static class CslItemWriter
{
    public static void WriteItem(Utf8JsonWriter writer, CslItem item)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("id");
        WriteScalar(writer, item.Id);
        writer.WriteString("type", item.Type);

        foreach (var (key, names) in item.Names)
        {
            writer.WritePropertyName(key);
            writer.WriteStartArray();
            foreach (var name in names)
            {
                WriteName(writer, name);
            }

            writer.WriteEndArray();
        }

        foreach (var (key, date) in item.Dates)
        {
            writer.WritePropertyName(key);
            WriteDate(writer, date);
        }

        foreach (var (key, value) in item.Variables)
        {
            writer.WritePropertyName(key);
            WriteScalar(writer, value);
        }

        if (item.Categories is { } categories)
        {
            writer.WriteStartArray("categories");
            foreach (var c in categories)
            {
                writer.WriteStringValue(c);
            }

            writer.WriteEndArray();
        }

        WriteExtensions(writer, item.Extensions);
        writer.WriteEndObject();
    }

    public static void WriteName(Utf8JsonWriter writer, CslName name)
    {
        writer.WriteStartObject();
        WriteOptional(writer, "family", name.Family);
        WriteOptional(writer, "given", name.Given);
        WriteOptional(writer, "dropping-particle", name.DroppingParticle);
        WriteOptional(writer, "non-dropping-particle", name.NonDroppingParticle);
        WriteOptional(writer, "suffix", name.Suffix);
        WriteOptional(writer, "literal", name.Literal);
        WriteOptional(writer, "comma-suffix", name.CommaSuffix);
        WriteOptional(writer, "static-ordering", name.StaticOrdering);
        WriteOptional(writer, "parse-names", name.ParseNames);
        WriteExtensions(writer, name.Extensions);
        writer.WriteEndObject();
    }

    public static void WriteDate(Utf8JsonWriter writer, CslDate date)
    {
        if (date.Edtf is not null)
        {
            writer.WriteStringValue(date.Edtf);
            return;
        }

        writer.WriteStartObject();
        if (date.DateParts is { } dateParts)
        {
            writer.WriteStartArray("date-parts");
            foreach (var parts in dateParts)
            {
                writer.WriteStartArray();
                foreach (var part in parts)
                {
                    WriteScalar(writer, part);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        WriteOptional(writer, "season", date.Season);
        WriteOptional(writer, "circa", date.Circa);
        WriteOptional(writer, "literal", date.Literal);
        WriteOptional(writer, "raw", date.Raw);
        WriteExtensions(writer, date.Extensions);
        writer.WriteEndObject();
    }

    public static void WriteScalar(Utf8JsonWriter writer, CslScalar value)
    {
        switch (value.Kind)
        {
            case CslScalarKind.Number:
                writer.WriteRawValue(value.Text);
                break;
            case CslScalarKind.Boolean:
                writer.WriteBooleanValue(value.Text == "true");
                break;
            default:
                writer.WriteStringValue(value.Text);
                break;
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, CslScalar? value)
    {
        if (value is { } v)
        {
            writer.WritePropertyName(name);
            WriteScalar(writer, v);
        }
    }

    private static void WriteExtensions(Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonElement> extensions)
    {
        foreach (var (key, value) in extensions)
        {
            writer.WritePropertyName(key);
            value.WriteTo(writer);
        }
    }
}
