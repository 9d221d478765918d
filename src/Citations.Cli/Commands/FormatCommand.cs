using Citations.Csl;
using Citations.Csl.Locales;
using Citations.Csl.Output;
using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.CslData;
using Citations.Diagnostics;
using Citations.Serialization;

namespace Citations.Cli.Commands;

/// <summary>
/// <c>citations format --style PATH|ID --items ITEMS.json [--citations CITATIONS.json] [--bibliography] …</c>: formats
/// citations and a bibliography and prints them exactly as the reference harness <c>render.js</c> prints citeproc-js's
/// output for the same arguments (one citation per line, then the bibliography: one entry per line in text and RTF, the
/// <c>csl-bib-body</c> block in HTML; or one JSON object with <c>--json</c>), so that the two can be diffed.
/// </summary>
internal sealed class FormatCommand : ICliCommand
{
    /// <summary>Item-file problems that make the run pointless: the rest are reported and the items still format.</summary>
    private static readonly HashSet<string> FatalItemCodes = new(StringComparer.Ordinal)
    {
        DiagnosticCodes.InvalidJson, DiagnosticCodes.NotAnObject, DiagnosticCodes.UnreadableFile, DiagnosticCodes.MissingId, DiagnosticCodes.DuplicateId,
    };

    public string Name => "format";

    public string Summary => "Format citations and a bibliography in any CSL style (prints what citeproc-js's render.js prints).";

    public async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var options = Parse(args);
        if (options is null)
        {
            await context.Out.WriteAsync(Usage).ConfigureAwait(false);
            return 0;
        }

        try
        {
            return await FormatAsync(options, context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InputException or CslException or CslStyleNotFoundException)
        {
            // The message names the file, and the line and column when there is one.
            await context.Error.WriteLineAsync($"citations format: {e.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (CitationsException e)
        {
            await context.Error.WriteLineAsync($"citations format: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (Exception e) when (e is not (OperationCanceledException or UsageException))
        {
            // A processor bug must still end in one clear line, not a stack trace (render.js exits 1 here too).
            await context.Error.WriteLineAsync($"citations format: internal error ({e.GetType().Name}): {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task<int> FormatAsync(Options options, CliContext context, CancellationToken cancellationToken)
    {
        var format = CslOutputFormat.FromName(options.Format) ?? throw new UsageException($"unknown format '{options.Format}'; use text, html, rtf or markdown.");
        var (items, itemProblems) = await ReadItemsAsync(options.ItemsPath, context, cancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in itemProblems)
        {
            await context.Error.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
        }

        if (items is null)
        {
            return 2;
        }

        List<CslCitation>? citations = null;
        if (options.CitationsPath is { } citationsPath)
        {
            var ids = items.Select(i => i.Id.Text).ToHashSet(StringComparer.Ordinal);
            citations = CitationsFile.Read(await ReadBytesAsync(citationsPath, "citations", context, cancellationToken).ConfigureAwait(false), citationsPath, ids);
        }

        var locales = Locales(options, context);
        var style = await LoadStyleAsync(options, context, cancellationToken).ConfigureAwait(false);
        foreach (var warning in style.Warnings)
        {
            await context.Error.WriteLineAsync(warning.ToString()).ConfigureAwait(false);
        }

        var processor = CslProcessor.Create(style, new CslProcessorOptions
        {
            Language = options.Language,
            LanguageIsFallback = options.LanguageIsFallback,
            Locales = locales,
            Format = format,
        });
        if (options.LocalesDirectory is null && !string.Equals(processor.Language, "en-US", StringComparison.OrdinalIgnoreCase))
        {
            await context.Error.WriteLineAsync(
                $"citations format: warning: the style is rendered in {processor.Language}, but only the embedded en-US locale is available; " +
                "its terms and dates are used. Pass --locales DIR (for example the official CSL locales) for other languages.").ConfigureAwait(false);
        }

        IReadOnlyList<string> citationTexts = [];
        CslBibliography? bibliography = null;
        var warnings = new List<Diagnostic>();
        var wantBibliography = citations is null || options.Bibliography;
        if (citations is not null)
        {
            var result = processor.FormatDocument(items, citations, options.Bibliography);
            citationTexts = result.Citations;
            bibliography = result.Bibliography;
            // Informational notes (a locator taken as a page) are not worth a line on stderr.
            warnings.AddRange(result.Warnings.Where(w => w.Severity != DiagnosticSeverity.Info));
        }
        else if (style.HasBibliography)
        {
            bibliography = processor.FormatBibliography(items);
        }

        warnings.AddRange(bibliography?.Warnings ?? []);
        foreach (var warning in warnings.Distinct())
        {
            await context.Error.WriteLineAsync($"warning: {warning}").ConfigureAwait(false);
        }

        if (wantBibliography && !style.HasBibliography)
        {
            await context.Error.WriteLineAsync("warning: style has no <bibliography>").ConfigureAwait(false);
        }

        var entries = bibliography?.Entries.Select(e => StripOneLineBreak(e.Text)).ToList() ?? [];
        await context.Out.WriteAsync(options.Json
            ? ScriptJson.Write([("citations", citationTexts), ("bibliography", entries)]) + "\n"
            : PlainOutput(citationTexts, bibliography, entries, format)).ConfigureAwait(false);
        return 0;
    }

    /// <summary>render.js's plain output: the citations, then the bibliography (HTML as one block with its wrapper).</summary>
    private static string PlainOutput(IReadOnlyList<string> citations, CslBibliography? bibliography, List<string> entries, CslOutputFormat format)
    {
        var lines = new List<string>(citations);
        if (bibliography is not null)
        {
            if (format == CslOutputFormat.Html)
            {
                lines.Add(format.BibliographyStart + string.Concat(bibliography.Entries.Select(e => e.Text)) + format.BibliographyEnd);
            }
            else
            {
                lines.AddRange(entries);
            }
        }

        return lines.Count == 0 ? string.Empty : string.Join('\n', lines) + "\n";
    }

    private static string StripOneLineBreak(string text)
        => text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;

    private static async Task<(IReadOnlyList<CslItem>? Items, IReadOnlyList<Diagnostic> Problems)> ReadItemsAsync(string path, CliContext context, CancellationToken cancellationToken)
    {
        var bytes = await ReadBytesAsync(path, "items", context, cancellationToken).ConfigureAwait(false);
        var result = CslJson.Read(bytes, path);
        var fatal = result.Value is null || result.Diagnostics.Any(d => d.IsError && FatalItemCodes.Contains(d.Code));
        return (fatal ? null : result.Value, result.Diagnostics);
    }

    private static async Task<byte[]> ReadBytesAsync(string path, string what, CliContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(context.ResolvePath(path), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read the {what} file: {e.Message}");
        }
    }

    private static CslLocaleProvider Locales(Options options, CliContext context)
    {
        if (options.LocalesDirectory is not { } directory)
        {
            return CslLocaleProvider.Embedded;
        }

        var full = context.ResolvePath(directory);
        if (!File.Exists(Path.Combine(full, "locales-en-US.xml")))
        {
            throw new InputException($"{directory}: the locales folder has no locales-en-US.xml.");
        }

        return CslLocaleProvider.FromDirectory(full);
    }

    private static async Task<CslStyle> LoadStyleAsync(Options options, CliContext context, CancellationToken cancellationToken)
    {
        var sources = new List<ICslStyleSource>();
        if (options.StylesDirectory is { } directory)
        {
            var full = context.ResolvePath(directory);
            if (!Directory.Exists(full))
            {
                throw new InputException($"{directory}: the styles folder does not exist.");
            }

            sources.Add(CslStyleSources.FromDirectory(full));
        }

        sources.Add(CslStyleSources.Embedded);
        if (!options.Offline)
        {
            var download = new CslStyleDownloadOptions();
            sources.Add(CslStyleSources.Download(new CslStyleDownloadOptions
            {
                BaseAddress = options.StylesUrl ?? download.BaseAddress,
                CacheDirectory = options.CacheDirectory is { } cache ? context.ResolvePath(cache) : download.CacheDirectory,
            }));
        }

        // A path is resolved against the working directory; a name, id or URI goes to the sources.
        var reference = options.Style;
        var path = context.ResolvePath(reference);
        if (!reference.Contains("://", StringComparison.Ordinal)
            && (File.Exists(path) || reference.Contains('/', StringComparison.Ordinal) || reference.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)))
        {
            reference = path;
        }

        try
        {
            return await new CslStyleLoader(sources).LoadAsync(reference, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{options.Style}: cannot read the style: {e.Message}");
        }
    }

    /// <summary>Parses the arguments (<c>--name value</c> or <c>--name=value</c>, as render.js); <see langword="null"/>
    /// means help was asked for.</summary>
    /// <exception cref="UsageException">The arguments are wrong.</exception>
    internal static Options? Parse(string[] args)
    {
        string? style = null, items = null, citations = null, language = null, locales = null, styles = null, cache = null;
        Uri? stylesUrl = null;
        var format = "text";
        bool bibliography = false, json = false, fallback = false, offline = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string? inline = null;
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 2)
            {
                inline = arg[(eq + 1)..];
                arg = arg[..eq];
            }

            switch (arg)
            {
                case "-h" or "--help":
                    return null;
                case "--style":
                    style = Value(args, ref i, arg, inline);
                    break;
                case "--items":
                    items = Value(args, ref i, arg, inline);
                    break;
                case "--citations":
                    citations = Value(args, ref i, arg, inline);
                    break;
                case "--format":
                    format = Value(args, ref i, arg, inline);
                    break;
                case "--lang":
                    language = Value(args, ref i, arg, inline);
                    break;
                case "--locales":
                    locales = Value(args, ref i, arg, inline);
                    break;
                case "--styles" or "--styles-dir":
                    styles = Value(args, ref i, arg, inline);
                    break;
                case "--cache":
                    cache = Value(args, ref i, arg, inline);
                    break;
                case "--styles-url":
                    var url = Value(args, ref i, arg, inline);
                    stylesUrl = Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
                        ? parsed
                        : throw new UsageException($"--styles-url must be an http or https address, not '{url}'.");
                    break;
                case "--bibliography":
                    bibliography = Flag(inline);
                    break;
                case "--json":
                    json = Flag(inline);
                    break;
                case "--lang-fallback":
                    fallback = Flag(inline);
                    break;
                case "--offline":
                    offline = Flag(inline);
                    break;
                default:
                    throw new UsageException($"unknown option '{args[i]}'. Run 'citations format --help'.");
            }
        }

        if (style is null || items is null)
        {
            throw new UsageException("--style and --items are required, e.g. 'citations format --style citations-author-date --items seeds/sources.csl.json'.");
        }

        return new Options(style, items, citations, bibliography, format, language, fallback, locales, styles, json, offline, cache, stylesUrl);
    }

    private static string Value(string[] args, ref int i, string option, string? inline)
    {
        if (inline is not null)
        {
            return inline;
        }

        if (i + 1 >= args.Length)
        {
            throw new UsageException($"option '{option}' needs a value.");
        }

        return args[++i];
    }

    private static bool Flag(string? inline) => inline is null || !(inline is "0" || inline.Equals("false", StringComparison.OrdinalIgnoreCase) || inline.Equals("no", StringComparison.OrdinalIgnoreCase));

    private const string Usage = """
        usage: citations format --style PATH|ID --items ITEMS.json [options]

        Formats citations and a bibliography in a CSL style, printing exactly what the reference
        harness render.js (citeproc-js) prints for the same arguments.

          --style PATH|ID      a .csl file, or a style id: citations-author-date and citations-numeric
                               are embedded; others come from --styles DIR or are downloaded once
                               (dependent styles are resolved to their parent)
          --items FILE         a CSL-JSON array of items
          --citations FILE     a JSON array of citations, each an array of cite objects
                               {id, locator?, label?, prefix?, suffix?, suppress-author?, author-only?};
                               citation i is in note i+1. Without it, the bibliography of all items.
          --bibliography       with --citations: also print the bibliography of the cited items
          --format NAME        text (default), html, rtf or markdown
          --lang TAG           render in this language (over the style's default-locale)
          --lang-fallback      use --lang only when the style has no default-locale
          --locales DIR        CSL locale files (locales-xx-XX.xml); default: the embedded en-US locale
          --styles DIR         a folder of styles (like the official repository; alias --styles-dir)
          --json               print {"citations": [...], "bibliography": [...]}
          --offline            never download a style
          --cache DIR          where downloaded styles are kept (default: the user's cache folder)
          --styles-url URL     where styles are downloaded from (default: the official CSL distribution)
          -h, --help           show this help

        Output: one line per citation, then the bibliography (one entry per line in text, RTF and
        Markdown; the csl-bib-body block in HTML). Exit code: 0 success, 1 a download or processing
        failure, 2 wrong command line or unreadable input (the message names file, line and column).

        """;

    internal sealed record Options(
        string Style,
        string ItemsPath,
        string? CitationsPath,
        bool Bibliography,
        string Format,
        string? Language,
        bool LanguageIsFallback,
        string? LocalesDirectory,
        string? StylesDirectory,
        bool Json,
        bool Offline,
        string? CacheDirectory,
        Uri? StylesUrl);
}
