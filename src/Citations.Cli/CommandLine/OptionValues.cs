using System.Globalization;

namespace Citations.Cli.CommandLine;

/// <summary>The value syntaxes options share: durations, counts and byte sizes, parsed the same way by every command.</summary>
internal static class OptionValues
{
    /// <summary>
    /// Parses <c>500ms</c>, <c>30s</c>, <c>15m</c>, <c>12h</c>, <c>2d</c> (a decimal number, with a sign and an exponent
    /// if need be), <c>0</c> or <c>[-][d.]hh:mm:ss[.fff]</c>; <see langword="null"/> when it is none of them (or
    /// <c>NaN</c>). Never throws: a value beyond what a <see cref="TimeSpan"/> holds (<c>1e300s</c>, <c>Infinitys</c>)
    /// gives <see cref="TimeSpan.MaxValue"/> (or <see cref="TimeSpan.MinValue"/>), for the caller's range check to refuse.
    /// </summary>
    public static TimeSpan? ParseDuration(string text)
    {
        var t = text.Trim();
        if (t == "0")
        {
            return TimeSpan.Zero;
        }

        var (number, unitSeconds) = t.EndsWith("ms", StringComparison.Ordinal)
            ? (t[..^2], 0.001)
            : t.Length > 1 ? (t[..^1], t[^1] switch { 's' => 1.0, 'm' => 60.0, 'h' => 3600.0, 'd' => 86400.0, _ => 0.0 }) : (t, 0.0);
        if (unitSeconds > 0 && number.Length > 0
            && double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && !double.IsNaN(n))
        {
            var seconds = n * unitSeconds;
            return seconds >= TimeSpan.MaxValue.TotalSeconds ? TimeSpan.MaxValue
                : seconds <= TimeSpan.MinValue.TotalSeconds ? TimeSpan.MinValue
                : TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        }

        return t.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out var span) ? span : null;
    }

    /// <summary>A duration in the syntax <see cref="ParseDuration"/> reads, in its largest whole unit: <c>10ms</c>, <c>1d</c>, <c>36500d</c>, <c>0</c>.</summary>
    public static string FormatDuration(TimeSpan value)
    {
        (long Ticks, string Unit)[] units = [(TimeSpan.TicksPerDay, "d"), (TimeSpan.TicksPerHour, "h"), (TimeSpan.TicksPerMinute, "m"), (TimeSpan.TicksPerSecond, "s"), (TimeSpan.TicksPerMillisecond, "ms")];
        if (value == TimeSpan.Zero)
        {
            return "0";
        }

        foreach (var (ticks, unit) in units)
        {
            if (value.Ticks % ticks == 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{value.Ticks / ticks}{unit}");
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds}ms");
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

    /// <summary>
    /// Parses status codes for <c>--accept</c>: codes and ranges separated by commas (<c>200-299,403</c>), each between 100
    /// and 599; <see langword="null"/> when it is anything else.
    /// </summary>
    public static IReadOnlyList<int>? ParseStatusCodes(string text)
    {
        var codes = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var first = dash < 0 ? part : part[..dash];
            var last = dash < 0 ? part : part[(dash + 1)..];
            if (!int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                || !int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var to)
                || from < 100 || to > 599 || from > to)
            {
                return null;
            }

            codes.AddRange(Enumerable.Range(from, to - from + 1));
        }

        return codes;
    }

    /// <summary>
    /// Parses <c>HOST:NAME=VALUE</c> for <c>--header</c>; <see langword="null"/> when a part is missing. The value is
    /// returned as written (<c>$VAR</c> and <c>env:VAR</c> name an environment variable, see <see cref="EnvironmentVariableOf"/>).
    /// </summary>
    public static (string Host, string Name, string Value)? ParseHostHeader(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var equals = colon < 0 ? -1 : text.IndexOf('=', colon + 1);
        if (colon <= 0 || equals <= colon + 1)
        {
            return null;
        }

        var (host, name) = (text[..colon].Trim(), text[(colon + 1)..equals].Trim());
        return host.Length == 0 || name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal))
            ? null
            : (host, name, text[(equals + 1)..]);
    }

    /// <summary>The environment variable a header value names (<c>$VAR</c> or <c>env:VAR</c>), or <see langword="null"/> for a literal value.</summary>
    public static string? EnvironmentVariableOf(string value)
        => value.StartsWith('$') && value.Length > 1 ? value[1..]
            : value.StartsWith("env:", StringComparison.Ordinal) && value.Length > 4 ? value[4..]
            : null;

    /// <summary>A base URL for relative links: an absolute http or https URL, or <see langword="null"/>.</summary>
    public static Uri? ParseBaseUrl(string text)
        => Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0
            ? uri
            : null;

    /// <summary>Parses <c>PATTERN REPLACEMENT</c> for <c>--remap</c> (split at the last run of spaces); <see langword="null"/> without both.</summary>
    public static (string Pattern, string Replacement)? ParseRemap(string text)
    {
        var trimmed = text.Trim();
        var space = trimmed.LastIndexOfAny([' ', '\t']);
        return space <= 0 ? null : (trimmed[..space].TrimEnd(), trimmed[(space + 1)..]);
    }

    /// <summary>Whether a regular expression (.NET syntax) compiles; the reason when it does not.</summary>
    public static string? RegexProblem(string pattern)
    {
        try
        {
            _ = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
