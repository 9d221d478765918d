using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Citations.Formats;

namespace Citations.Cli.CommandLine;

/// <summary>
/// Builds the options and arguments the commands share, with their values checked while parsing: a bad value is a
/// parse error naming the option (exit code 2) before any work starts. Every option takes <c>--name value</c> and
/// <c>--name=value</c>.
/// </summary>
internal static class CliOptions
{
    /// <summary>An option that takes a text value: a path, a style id, a language tag.</summary>
    /// <param name="name">The long name, such as <c>--items</c>.</param>
    /// <param name="helpName">What the help calls the value, such as <c>FILE</c>.</param>
    /// <param name="description">One line for the help.</param>
    /// <param name="aliases">Other names, such as <c>-i</c>.</param>
    public static Option<string?> Value(string name, string helpName, string description, params string[] aliases)
        => new(name, aliases) { Description = description, HelpName = helpName };

    /// <summary>An option that takes a text value and may be given several times (<c>--items a.bib --items b.ris</c>), one value each time.</summary>
    /// <param name="name">The long name.</param>
    /// <param name="helpName">What the help calls the value.</param>
    /// <param name="description">One line for the help.</param>
    /// <param name="aliases">Other names.</param>
    public static Option<string[]> Values(string name, string helpName, string description, params string[] aliases)
        => new(name, aliases) { Description = description, HelpName = helpName, AllowMultipleArgumentsPerToken = false, Arity = ArgumentArity.OneOrMore };

    /// <summary>
    /// An option given any number of times, one value each time, every value checked while parsing by
    /// <paramref name="problem"/> (a message naming the option but never quoting the value, which may be a secret, or
    /// <see langword="null"/> when the value is good).
    /// </summary>
    public static Option<string[]> CheckedValues(string name, string helpName, string description, Func<string, string?> problem)
    {
        var option = new Option<string[]>(name) { Description = description, HelpName = helpName, AllowMultipleArgumentsPerToken = false, Arity = ArgumentArity.OneOrMore };
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (problem(token.Value) is { } message)
                {
                    result.AddError($"{name}: {message}");
                }
            }
        });
        return option;
    }

    /// <summary>
    /// An option that takes one text value, checked while parsing by <paramref name="problem"/> (a message, or
    /// <see langword="null"/> when the value is good); the message is given after the option's name.
    /// </summary>
    public static Option<string?> CheckedValue(string name, string helpName, string description, Func<string, string?> problem)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = helpName };
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (problem(token.Value) is { } message)
                {
                    result.AddError($"{name}: {message}");
                }
            }
        });
        return option;
    }

    /// <summary>An on/off option.</summary>
    public static Option<bool> Flag(string name, string description, params string[] aliases)
        => new(name, aliases) { Description = description };

    /// <summary>An option whose value is one of a few names (case-sensitive), with a default; without one (<see langword="null"/>), the option is required.</summary>
    public static Option<string> Choice(string name, string description, string? defaultValue, IReadOnlyList<string> choices, params string[] aliases)
    {
        var option = new Option<string>(name, aliases)
        {
            Description = description,
            HelpName = string.Join('|', choices),
            Required = defaultValue is null,
        };
        if (defaultValue is not null)
        {
            option.DefaultValueFactory = _ => defaultValue;
        }

        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !choices.Contains(result.Tokens[^1].Value, StringComparer.Ordinal))
            {
                result.AddError($"{name}: unknown value '{result.Tokens[^1].Value}'; use {string.Join(", ", choices)}.");
            }
        });
        return option;
    }

    /// <summary>
    /// An option that takes a duration (<c>500ms</c>, <c>30s</c>, <c>15m</c>, <c>12h</c>, <c>2d</c>, <c>0</c> or
    /// <c>hh:mm:ss</c>) between <paramref name="min"/> and <paramref name="max"/>: anything else, however large or odd
    /// (<c>1e300s</c>, <c>Infinitys</c>, <c>-5s</c>), is a parse error naming the option and the range.
    /// </summary>
    public static Option<TimeSpan?> Duration(string name, string description, TimeSpan min, TimeSpan max)
        => new(name)
        {
            Description = description,
            HelpName = "DURATION",
            CustomParser = result =>
            {
                var value = Parsed(result, name, OptionValues.ParseDuration, "is not a duration (examples: 500ms, 30s, 15m, 12h, 2d)");
                if (value is { } duration && (duration < min || duration > max))
                {
                    result.AddError($"{name}: '{result.Tokens[^1].Value}' is out of range; give a duration from {OptionValues.FormatDuration(min)} to {OptionValues.FormatDuration(max)}.");
                    return null;
                }

                return value;
            },
        };

    /// <summary>An option that takes a whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<int?> Count(string name, string description, int min, int max)
        => new(name)
        {
            Description = description,
            HelpName = "N",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
                if (OptionValues.ParseCount(text, allowZero: true) is { } n && n >= min && n <= max)
                {
                    return n;
                }

                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name}: '{text}' is not a whole number from {min} to {max}."));
                return null;
            },
        };

    /// <summary>
    /// <c>--max-input-size SIZE</c>, on every command: the size cap of each input file (<see cref="InputFile"/>).
    /// </summary>
    /// <remarks>Absent, the value is <see langword="null"/>: use <see cref="InputFile.DefaultMaxBytes"/>.</remarks>
    public static Option<long?> MaxInputSize()
        => new("--max-input-size")
        {
            Description = "the largest input file read, in bytes or with K, M or G (binary units); default 256M",
            HelpName = "SIZE",
            Recursive = true,
            CustomParser = result => Parsed(result, "--max-input-size", OptionValues.ParseByteSize, "is not a size (examples: 300M, 1G, 65536)"),
        };

    /// <summary>An argument of one or more paths. Words that start with <c>-</c> are taken for unknown options, not
    /// paths (name such a file <c>./-name</c>).</summary>
    public static Argument<string[]> Paths(string name, string description)
    {
        var argument = new Argument<string[]>(name) { Description = description, Arity = ArgumentArity.OneOrMore };
        argument.Validators.Add(RejectOptionLikeValues);
        return argument;
    }

    /// <summary>An argument of exactly one path; see <see cref="Paths"/> for words that start with <c>-</c>.</summary>
    public static Argument<string> SinglePath(string name, string description)
    {
        var argument = new Argument<string>(name) { Description = description };
        argument.Validators.Add(RejectOptionLikeValues);
        return argument;
    }

    private static void RejectOptionLikeValues(ArgumentResult result)
    {
        foreach (var token in result.Tokens)
        {
            if (token.Value.Length > 1 && token.Value[0] == '-')
            {
                result.AddError($"unknown option '{token.Value}'.");
            }
        }
    }

    private static T? Parsed<T>(ArgumentResult result, string name, Func<string, T?> parse, string problem)
        where T : struct
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (parse(text) is { } value)
        {
            return value;
        }

        result.AddError($"{name}: '{text}' {problem}.");
        return null;
    }
}
