using Citations.Csl.Styles;

namespace Citations.Csl.Locales;

internal enum Gender : byte { Neuter, Masculine, Feminine }

internal enum OrdinalMatch : byte { Default, LastDigit, LastTwoDigits, WholeNumber }

internal readonly record struct TermKey(string Name, TermForm Form, Gender GenderForm);

/// <summary>A term's text in the singular and plural, the gender of the noun, and how an ordinal suffix matches.</summary>
internal sealed record Term(string Single, string Multiple, Gender Gender, OrdinalMatch Match)
{
    public string Get(bool plural) => plural ? Multiple : Single;
}

internal static class TermNames
{
    public static bool IsOrdinal(string name)
        => name == "ordinal" || (name.Length == 10 && name.StartsWith("ordinal-", StringComparison.Ordinal) && char.IsAsciiDigit(name[8]) && char.IsAsciiDigit(name[9]));
}
