namespace Citations.Csl.Evaluation;

/// <summary>
/// Character classes CSL processing depends on: "romanesque" scripts (Latin, Greek, Cyrillic, Hebrew, Arabic, Thai)
/// that separate name parts with spaces and take initials, as opposed to CJK scripts that do not.
/// </summary>
internal static class Scripts
{
    public static bool IsRomanesque(char c)
        => c is '-' or (>= '0' and <= '9') or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z')
           || IsRomanesqueLetter(c);

    public static bool IsRomanesqueLetter(char c)
        => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z')
           or (>= '\u0e01' and <= '\u0e5b') or (>= '\u00c0' and <= '\u017f') or (>= '\u0370' and <= '\u03ff')
           or (>= '\u0400' and <= '\u052f') or (>= '\u0590' and <= '\u05d4') or (>= '\u05d6' and <= '\u05ff')
           or (>= '\u1f00' and <= '\u1fff') or (>= '\u0600' and <= '\u06ff') or '\u200c' or '\u200d' or '\u200e'
           or '\u0218' or '\u0219' or '\u021a' or '\u021b' or (>= '\u202a' and <= '\u202e');

    /// <summary>Whether the text contains any romanesque character.</summary>
    public static bool HasRomanesque(string text)
    {
        foreach (var c in text)
        {
            if (IsRomanesque(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the text starts with a romanesque letter (or an ampersand).</summary>
    public static bool StartsRomanesque(string text)
        => text.Length > 0 && (text[0] == '&' || IsRomanesqueLetter(text[0]));
}
