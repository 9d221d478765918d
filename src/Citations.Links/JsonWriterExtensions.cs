using System.Text.Json;

namespace Citations.Links;

/// <summary>The two ways the report and the history leave out what is empty when they write JSON.</summary>
internal static class JsonWriterExtensions
{
    /// <summary>Writes a string property, or nothing when the value is <see langword="null"/>.</summary>
    public static void WriteStringIfAny(this Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    /// <summary>Writes an array of strings, or nothing when there are none.</summary>
    public static void WriteStringsIfAny(this Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
