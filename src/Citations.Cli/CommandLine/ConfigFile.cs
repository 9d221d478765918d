using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Citations.Diagnostics;
using Citations.Serialization;

namespace Citations.Cli.CommandLine;

/// <summary>
/// The configuration file, <c>citations.json</c>: <c>{"$schema": "…", "check": {"OPTION": VALUE, …}}</c>, where each
/// OPTION is a long option of the command without its dashes (<c>max-age</c>, <c>exclude</c>) and VALUE is what the
/// command line would take: <see langword="true"/> for a flag, a string or a number for a value, an array for an option
/// given several times. Schema: <c>schemas/citations.schema.json</c>.
/// </summary>
/// <remarks>
/// The file only supplies command-line words: its entries become <c>--OPTION VALUE</c> for each option not on the
/// command line, and the command line is parsed again, so a value from the file is checked exactly like the same value
/// typed (command line over file over defaults). Anything wrong stops the run before any work: a syntax error, an unknown
/// key, a value of the wrong kind, each with file, line and column.
/// </remarks>
internal static class ConfigFile
{
    /// <summary>The name of the file found in the working directory.</summary>
    public const string DefaultName = "citations.json";

    /// <summary>The largest configuration file read.</summary>
    private const int MaxBytes = 1 << 20;

    /// <summary>Options that cannot be set from the file: choosing the file, and help.</summary>
    private static readonly string[] CommandLineOnly = ["--config", "--no-config", "--help"];

    /// <summary>One option's value in the file, as command-line words, and where it is.</summary>
    /// <param name="Option">The option.</param>
    /// <param name="Words">The words: the option's name and its value, once per value.</param>
    /// <param name="Location">Where the value is in the file.</param>
    public sealed record Entry(Option Option, IReadOnlyList<string> Words, SourceLocation Location);

    /// <summary>Reads the section of one command of a configuration file.</summary>
    /// <param name="utf8">The file's bytes.</param>
    /// <param name="file">The file's name as shown in diagnostics.</param>
    /// <param name="command">The command whose section is read.</param>
    /// <param name="extraOptions">Options of the tool that apply to the command too (<c>--max-input-size</c>).</param>
    /// <param name="found">Whether the file was found in the working directory rather than named with <c>--config</c>:
    /// such a file whose top level is not an object (a citations file of <c>format</c>, an array) is not a configuration and is ignored.</param>
    /// <returns>The entries, or a fatal diagnostic.</returns>
    public static ParseResult<IReadOnlyList<Entry>> Read(byte[] utf8, string file, Command command, IEnumerable<Option> extraOptions, bool found)
    {
        var bytes = utf8.AsSpan().StartsWith("\uFEFF"u8) ? utf8[3..] : utf8;
        var options = command.Options.Concat(extraOptions).Where(o => !CommandLineOnly.Contains(o.Name, StringComparer.Ordinal))
            .ToDictionary(o => o.Name[2..], StringComparer.Ordinal);
        var entries = new List<Entry>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 16 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return found && reader.TokenType == JsonTokenType.StartArray
                    ? new ParseResult<IReadOnlyList<Entry>>(entries, [])
                    : Fail(CliDiagnosticCodes.NotAConfigFile, "A configuration file holds a JSON object: {\"check\": {\"OPTION\": VALUE}}.", reader.TokenStartIndex);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                var keyAt = reader.TokenStartIndex;
                reader.Read();
                if (key == "$schema" && reader.TokenType == JsonTokenType.String)
                {
                    continue;
                }

                if (key != command.Name)
                {
                    if (key is "$schema" || !IsCommandSection(key))
                    {
                        return Fail(CliDiagnosticCodes.NotAConfigFile, $"Unknown key \"{Shown(key)}\": a configuration file has \"$schema\" (a string) and a section per command (\"check\").", keyAt);
                    }

                    reader.Skip();
                    continue;
                }

                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return Fail(CliDiagnosticCodes.NotAConfigFile, $"\"{key}\" must be an object of options.", reader.TokenStartIndex);
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    var nameAt = reader.TokenStartIndex;
                    reader.Read();
                    if (!options.TryGetValue(name, out var option))
                    {
                        return Fail(CliDiagnosticCodes.UnknownConfigOption, $"\"{key}\" has no option \"{Shown(name)}\" (options are written without dashes: \"max-age\"; see 'citations {key} --help').", nameAt);
                    }

                    var valueAt = reader.TokenStartIndex;
                    if (Words(ref reader, option) is not { } words)
                    {
                        return Fail(CliDiagnosticCodes.InvalidConfigValue, $"\"{name}\" takes {Expected(option)}.", valueAt);
                    }

                    entries.Add(new Entry(option, words, Location(valueAt)));
                }
            }

            while (reader.Read())
            {
                // Only whitespace and comments may follow; Read() throws on anything else.
            }
        }
        catch (JsonException e)
        {
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            return new ParseResult<IReadOnlyList<Entry>>(null,
                [new Diagnostic(DiagnosticSeverity.Fatal, DiagnosticCodes.InvalidJson, "Invalid JSON: " + Citations.Links.DisplayText.Escape(cut > 0 ? message[..cut] : message),
                    new SourceLocation(file, null, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1))]);
        }

        return new ParseResult<IReadOnlyList<Entry>>(entries, []);

        ParseResult<IReadOnlyList<Entry>> Fail(string code, string message, long offset)
            => new(null, [new Diagnostic(DiagnosticSeverity.Fatal, code, message, Location(offset))]);

        SourceLocation Location(long offset)
        {
            var before = bytes.AsSpan(0, (int)Math.Min(offset, bytes.Length));
            var line = before.Count((byte)'\n') + 1;
            var lineStart = before.LastIndexOf((byte)'\n') + 1;
            return new SourceLocation(file, null, line, Encoding.UTF8.GetCharCount(before[lineStart..]) + 1);
        }
    }

    /// <summary>Reads a file under the size cap; <see langword="null"/> and a message when it cannot be read.</summary>
    public static (byte[]? Bytes, string? Problem) Load(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return (null, "not found");
            }

            return info.Length > MaxBytes ? (null, "larger than 1 MiB: not a configuration file") : (File.ReadAllBytes(path), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, e.Message);
        }
    }

    /// <summary>The words for one value, or <see langword="null"/> when the JSON value is not of the option's kind.</summary>
    private static List<string>? Words(ref Utf8JsonReader reader, Option option)
    {
        if (option is Option<bool>)
        {
            // false is the default of every flag: nothing to say.
            return reader.TokenType switch
            {
                JsonTokenType.True => [option.Name],
                JsonTokenType.False => [],
                _ => null,
            };
        }

        if (option.ValueType == typeof(string[]))
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return Scalar(ref reader) is { } one ? [option.Name, one] : null;
            }

            var words = new List<string>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (Scalar(ref reader) is not { } value)
                {
                    return null;
                }

                words.Add(option.Name);
                words.Add(value);
            }

            return words;
        }

        return Scalar(ref reader) is { } text ? [option.Name, text] : null;
    }

    private static string? Scalar(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        _ => null,
    };

    private static string Expected(Option option)
        => option is Option<bool> ? "true or false" : option.ValueType == typeof(string[]) ? "a string or an array of strings" : "a string or a number";

    /// <summary>Sections of other commands are allowed (and skipped), so one file can serve every command that reads one.</summary>
    private static bool IsCommandSection(string key) => key is "report" or "format" or "convert" or "history";

    private static string Shown(string text) => text.Length > 60 ? string.Create(CultureInfo.InvariantCulture, $"{text[..60]}…") : text;
}
