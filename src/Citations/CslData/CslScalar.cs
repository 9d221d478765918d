using System.Globalization;

namespace Citations.CslData;

/// <summary>The JSON type a <see cref="CslScalar"/> was written as.</summary>
public enum CslScalarKind
{
    /// <summary>A JSON string.</summary>
    String,

    /// <summary>A JSON number; the text is the number exactly as written.</summary>
    Number,

    /// <summary>A JSON <c>true</c> or <c>false</c>.</summary>
    Boolean,
}

/// <summary>
/// A CSL-JSON value that may be written as a string, a number or a boolean (an item id, a volume, a date part,
/// <c>comma-suffix</c>). It keeps the text and the JSON type so that writing it back gives the same JSON.
/// </summary>
/// <param name="Text">The value's text: the string, the number as written, or <c>true</c>/<c>false</c>.</param>
/// <param name="Kind">The JSON type it was written as.</param>
public readonly record struct CslScalar(string Text, CslScalarKind Kind)
{
    /// <summary>A string value.</summary>
    public static CslScalar FromString(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), CslScalarKind.String);

    /// <summary>A number value.</summary>
    public static CslScalar FromNumber(long number) => new(number.ToString(CultureInfo.InvariantCulture), CslScalarKind.Number);

    /// <summary>A boolean value.</summary>
    public static CslScalar FromBoolean(bool value) => new(value ? "true" : "false", CslScalarKind.Boolean);

    /// <summary>
    /// Reads the value as a flag the way CSL processors do: <c>true</c>, a non-zero number and a non-empty string
    /// other than <c>"false"</c> and <c>"0"</c> are true.
    /// </summary>
    public bool IsTruthy => Kind switch
    {
        CslScalarKind.Boolean => Text == "true",
        CslScalarKind.Number => double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d != 0,
        _ => Text.Length > 0 && Text != "false" && Text != "0",
    };

    /// <summary>Reads the value as an integer, if it is one (a number, or a string of digits with an optional sign).</summary>
    public bool TryGetInt32(out int value)
    {
        var text = Text.Trim();
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        if (Kind == CslScalarKind.Number && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            && d >= int.MinValue && d <= int.MaxValue && Math.Floor(d) == d)
        {
            value = (int)d;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>Returns <see cref="Text"/>.</summary>
    public override string ToString() => Text;

    /// <summary>Converts a string to a string scalar.</summary>
    public static implicit operator CslScalar(string text) => FromString(text);

    /// <summary>Converts a number to a number scalar.</summary>
    public static implicit operator CslScalar(int number) => FromNumber(number);
}
