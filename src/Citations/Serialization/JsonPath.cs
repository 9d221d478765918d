using System.Globalization;

namespace Citations.Serialization;

/// <summary>Builds JSON paths (<c>$[2].author[0].family</c>) the way System.Text.Json reports them.</summary>
internal static class JsonPath
{
    public static string Property(string parent, string name)
        => name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') && name.Length > 0 && !char.IsAsciiDigit(name[0])
            ? $"{parent}.{name}"
            : $"{parent}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Index(string parent, int index)
        => string.Create(CultureInfo.InvariantCulture, $"{parent}[{index}]");
}
