using System.CommandLine;
using System.Globalization;
using System.Text;
using Citations.Cli.CommandLine;
using Citations.Formats;

namespace Citations.Cli.Commands;

/// <summary>
/// <c>citations convert IN... --to csljson|cslyaml|bibtex|biblatex [-o OUT]</c>: reads bibliographies in any item format
/// the tool reads (and DOIs), merges them, and writes them in one format, to standard output or a file.
/// </summary>
internal sealed class ConvertCommand : ICliCommand
{
    private readonly Argument<string[]> _inputs = CliOptions.Paths("IN", "the bibliographies to convert: files in any format the tool reads, DOIs (doi:10.1000/xyz, https://doi.org/10.1000/xyz) or lists of DOIs; several are merged");
    private readonly Option<string> _to;
    private readonly Option<string?> _from;
    private readonly Option<string?> _output = CliOptions.Value("--output", "FILE", "write to FILE instead of standard output", "-o");
    private readonly Option<bool> _offline = CliOptions.Flag("--offline", "never use the network: DOIs come only from the DOI cache");
    private readonly ItemInputs _items = new("allow a DOI resolver on loopback, private and link-local addresses (refused by default)");
    private readonly Option<long?> _maxInputSize;

    /// <summary>Creates the command.</summary>
    /// <param name="maxInputSize">The tool's <c>--max-input-size</c> option.</param>
    public ConvertCommand(Option<long?> maxInputSize)
    {
        _maxInputSize = maxInputSize;
        var writers = ItemFormats.Default.Writers.Select(w => w.Name).ToList();
        _to = CliOptions.Choice("--to", "the format to write", null, writers, "-t");
        _from = CliOptions.Value("--from", "FORMAT", $"read every file as FORMAT ({string.Join(", ", ItemInputs.FormatNames)}), whatever its extension or content (DOIs given as doi:… stay DOIs)");
        _from.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !ItemInputs.FormatNames.Contains(result.Tokens[^1].Value, StringComparer.Ordinal))
            {
                result.AddError($"--from: unknown format '{result.Tokens[^1].Value}'; use {string.Join(", ", ItemInputs.FormatNames)}.");
            }
        });
        Definition = new Command("convert", "convert bibliographies between formats (BibTeX, BibLaTeX, RIS, CSL-JSON, CSL-YAML, CITATION.cff, DOIs in; CSL-JSON, CSL-YAML, BibTeX, BibLaTeX out)")
        {
            _inputs, _to, _output, _from, _offline,
        };
        foreach (var option in _items.Options)
        {
            Definition.Options.Add(option);
        }
    }

    /// <inheritdoc/>
    public Command Definition { get; }

    /// <inheritdoc/>
    public string HelpNotes => """
        Each IN is a file, told by its extension, else by its content (or read as --from says), a DOI, or a
        list of DOIs (.doi, or a file whose lines are all DOIs). DOIs are looked up as CSL-JSON at the DOI
        resolver and cached; each item's id is the DOI. The items of all inputs are written in order; an
        id already written from an earlier input is an error (the first is kept). Problems go to standard
        error with file, line and column.

        Exit codes:
          0  converted, nothing to look at
          1  converted, with problems: entries with errors (reported and left out), a DOI that could not be
             looked up (offline and not cached, unknown, a bad answer), or an id in two inputs
          2  nothing done (nothing written): wrong command line, an input that cannot be read at all
             (missing, too large, not UTF-8, in no format the tool reads, a syntax error that stops its
             reader), or an output file that cannot be written

        """;

    /// <inheritdoc/>
    public async Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        var writer = ItemFormats.Default.FindWriter(parse.GetRequiredValue(_to))!;
        var maxBytes = parse.GetValue(_maxInputSize) ?? InputFile.DefaultMaxBytes;
        var (items, errors) = await _items.ReadAsync(parse.GetRequiredValue(_inputs), parse.GetValue(_from), parse.GetValue(_offline), maxBytes, parse, context, "written", cancellationToken)
            .ConfigureAwait(false);
        var text = writer.Write(items);
        if (parse.GetValue(_output) is { } output)
        {
            try
            {
                await File.WriteAllTextAsync(context.ResolvePath(output), text, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InputException($"{output} could not be written: {e.Message}");
            }
        }
        else
        {
            await context.Out.WriteAsync(text).ConfigureAwait(false);
        }

        if (errors > 0)
        {
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"citations convert: {errors} error(s) in the input (listed above); the entries with errors were left out.")).ConfigureAwait(false);
            return ExitCodes.Problems;
        }

        return ExitCodes.Success;
    }
}
