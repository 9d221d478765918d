using System.CommandLine;
using Citations.Cli.CommandLine;
using Citations.Csl;
using Citations.Csl.Locales;
using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Citations.Diagnostics;

namespace Citations.Cli.Commands;

/// <summary>
/// The locale options a command that formats shares (<c>--locales DIR</c>, <c>--locales-url URL</c>; <c>--offline</c>
/// and <c>--cache DIR</c> apply to styles and locales alike), and the processor built with them: locales come from the
/// folder, then the embedded en-US, then are downloaded on demand into the cache (offline: read from it only).
/// </summary>
internal sealed class LocaleLoading
{
    /// <summary><c>--locales DIR</c>.</summary>
    public Option<string?> Directory { get; } = CliOptions.Value("--locales", "DIR", "a folder of CSL locale files (locales-xx-XX.xml), asked first; other languages than en-US (embedded) are downloaded once");

    /// <summary><c>--locales-url URL</c>.</summary>
    public Option<string?> Url { get; } = CliOptions.Value("--locales-url", "URL", "where locales are downloaded from (default: the official CSL locales repository)");

    /// <summary><c>--offline</c>.</summary>
    public Option<bool> Offline { get; } = CliOptions.Flag("--offline", "never use the network: no style or locale is downloaded (the cache, the embedded ones and the folders given are used) and DOIs come only from the DOI cache");

    /// <summary><c>--cache DIR</c>.</summary>
    public Option<string?> Cache { get; } = CliOptions.Value("--cache", "DIR", "where downloaded styles and locales are kept (default: the user's cache folder)");

    /// <summary>The locales the command line asks for: the folder, the embedded en-US, then downloads into the cache.</summary>
    /// <exception cref="InputException">The locales folder does not exist.</exception>
    /// <exception cref="UsageException">The locales address is not an http or https address.</exception>
    public CslLocaleProvider Provider(ParseResult parse, CliContext context, long maxFileBytes)
    {
        var providers = new List<CslLocaleProvider>();
        if (parse.GetValue(Directory) is { } directory)
        {
            var full = context.ResolvePath(directory);
            if (!System.IO.Directory.Exists(full))
            {
                throw new InputException($"{directory}: the locales folder does not exist.");
            }

            providers.Add(CslLocaleProvider.FromDirectory(full, maxFileBytes));
        }

        providers.Add(CslLocaleProvider.Embedded);
        var defaults = new CslLocaleDownloadOptions();
        Uri? baseAddress = null;
        if (parse.GetValue(Url) is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out baseAddress) && baseAddress.Scheme is "http" or "https"))
        {
            throw new UsageException($"--locales-url must be an http or https address, not '{url}'.");
        }

        providers.Add(CslLocaleProvider.Download(new CslLocaleDownloadOptions
        {
            BaseAddress = baseAddress ?? defaults.BaseAddress,
            CacheDirectory = CacheDirectory(parse, context) ?? defaults.CacheDirectory,
            Offline = parse.GetValue(Offline),
        }));
        return CslLocaleProvider.Combine(providers);
    }

    /// <summary>The cache folder <c>--cache</c> names, resolved, or <see langword="null"/> for the default one.</summary>
    public string? CacheDirectory(ParseResult parse, CliContext context)
        => parse.GetValue(Cache) is { } cache ? context.ResolvePath(cache) : null;

    /// <summary>
    /// Builds the processor, downloading the locales it needs, and writes its locale diagnostics (a locale missing:
    /// <c>CSL0200</c>, a warning; a locale that could not be had: <c>CSL0201</c>, an error, followed by how to provide
    /// it on this command line).
    /// </summary>
    /// <returns>The processor, and whether a locale could not be had (the command then exits 1).</returns>
    public async Task<(CslProcessor Processor, bool LocaleUnavailable)> CreateProcessorAsync(CslStyle style, CslProcessorOptions options, ParseResult parse, CliContext context, string command, CancellationToken cancellationToken)
    {
        var processor = await CslProcessor.CreateAsync(style, options, cancellationToken).ConfigureAwait(false);
        await context.WriteDiagnosticsAsync(processor.Warnings).ConfigureAwait(false);
        var unavailable = processor.Warnings.Where(w => w.Code == CslDiagnosticCodes.LocaleUnavailable).ToList();
        if (unavailable.Count > 0)
        {
            var hint = parse.GetValue(Offline)
                ? "run once without --offline (the locale is then kept in the cache), or pass --locales DIR with a folder of CSL locale files that has it"
                : "pass --locales DIR with a folder of CSL locale files that has it, or --locales-url URL with a server that does";
            await context.Error.WriteLineAsync($"citations {command}: the text is not in the language asked for; to provide its locale, {hint}.").ConfigureAwait(false);
        }

        return (processor, unavailable.Count > 0);
    }

    /// <summary>The processor's own diagnostics are written once, by <see cref="CreateProcessorAsync"/>: these are the
    /// others of a result.</summary>
    public static IEnumerable<Diagnostic> Besides(CslProcessor processor, IEnumerable<Diagnostic> diagnostics)
        => diagnostics.Where(d => !processor.Warnings.Contains(d));
}
