using System.Globalization;

namespace Citations.Cli.CommandLine;

/// <summary>The value syntaxes options share: durations, counts and byte sizes, parsed the same way by every command.</summary>
internal static class OptionValues
{
    /// <summary>Parses <c>30s</c>, <c>15m</c>, <c>12h</c>, <c>2d</c>, <c>0</c> or <c>hh:mm:ss</c>; <see langword="null"/> when it is none of them.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        var t = text.Trim();
        if (t == "0")
        {
            return TimeSpan.Zero;
        }

        if (t.Length > 1 && double.TryParse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0)
        {
            TimeSpan? value = t[^1] switch
            {
                's' => TimeSpan.FromSeconds(n),
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                'd' => TimeSpan.FromDays(n),
                _ => null,
            };
            if (value is not null)
            {
                return value;
            }
        }

        return t.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero
            ? span
            : null;
    }

    /// <summary>Parses a whole number of at least 1 (or 0 when <paramref name="allowZero"/>); <see langword="null"/> otherwise.</summary>
    public static int? ParseCount(string text, bool allowZero)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && (n > 0 || (allowZero && n == 0)) ? n : null;

    /// <summary>
    /// Parses a size in bytes: a whole number with an optional binary unit, <c>K</c>/<c>KiB</c>, <c>M</c>/<c>MiB</c> or
    /// <c>G</c>/<c>GiB</c> (any case), such as <c>512MiB</c> or <c>1G</c>; <see langword="null"/> unless at least one byte.
    /// </summary>
    public static long? ParseByteSize(string text)
    {
        var t = text.Trim();
        var digits = 0;
        while (digits < t.Length && char.IsAsciiDigit(t[digits]))
        {
            digits++;
        }

        if (digits == 0 || !long.TryParse(t.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        int? shift = t[digits..].Trim().ToUpperInvariant() switch
        {
            "" or "B" => 0,
            "K" or "KB" or "KIB" => 10,
            "M" or "MB" or "MIB" => 20,
            "G" or "GB" or "GIB" => 30,
            _ => null,
        };
        return shift is { } s && n > 0 && n <= long.MaxValue >> s ? n << s : null;
    }
}
