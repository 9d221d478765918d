using System.Collections.Concurrent;
using Citations.Csl.Locales;
using Citations.Csl.Output;
using Citations.Csl.Processing;
using Citations.Csl.Styles;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Citations.Extensions.DependencyInjection;

/// <summary>
/// CSL processors for an application, built once per style, format and language and then shared (a processor is
/// immutable and thread-safe): styles from <see cref="CslServiceOptions.StylesDirectory"/> then the embedded ones,
/// locales from <see cref="CslServiceOptions.LocalesDirectory"/> then the embedded en-US, logging to the host's logger factory.
/// </summary>
/// <remarks>Thread-safe. A style that fails to load is not remembered: the next call tries again.</remarks>
public sealed class CslProcessorCache
{
    private readonly CslServiceOptions _options;
    private readonly CslLocaleProvider _locales;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly ConcurrentDictionary<(string Style, string Format, string Language), Lazy<Task<CslProcessor>>> _processors = new();

    /// <summary>Creates the cache (the container does, from <c>AddCitations</c>).</summary>
    /// <param name="options">The options.</param>
    /// <param name="loggerFactory">Where processors log; nowhere when <see langword="null"/>.</param>
    public CslProcessorCache(IOptions<CslServiceOptions> options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _loggerFactory = loggerFactory;
        var problems = _options.Problems();
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(nameof(CslServiceOptions), typeof(CslServiceOptions), problems);
        }

        Styles = new CslStyleLoader(_options.StylesDirectory is { } folder
            ? [CslStyleSources.FromDirectory(folder), CslStyleSources.Embedded]
            : [CslStyleSources.Embedded]);
        _locales = _options.LocalesDirectory is { } locales
            ? CslLocaleProvider.Combine(CslLocaleProvider.FromDirectory(locales), CslLocaleProvider.Embedded)
            : CslLocaleProvider.Embedded;
    }

    /// <summary>The style loader (the styles folder, then the embedded styles).</summary>
    public CslStyleLoader Styles { get; }

    /// <summary>
    /// The processor for a style (a name or id the sources know: <c>apa</c>, <c>citations-author-date</c>), in a format
    /// and language, built on first use and reused.
    /// </summary>
    /// <param name="style">The style's name or id. A file path is refused: a caller of a service must not choose files on the server.</param>
    /// <param name="format">The output format's name; <see cref="CslServiceOptions.Format"/> when <see langword="null"/>.</param>
    /// <param name="language">The language, overriding the style's default locale; the style's when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels waiting for the style.</param>
    /// <exception cref="CslStyleNotFoundException">No source has the style.</exception>
    /// <exception cref="ArgumentException">The format is unknown, or the style looks like a path.</exception>
    public async Task<CslProcessor> GetAsync(string style, string? format = null, string? language = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(style);
        if (style.Contains('/', StringComparison.Ordinal) && !style.StartsWith("http", StringComparison.OrdinalIgnoreCase)
            || style.Contains('\\', StringComparison.Ordinal) || style.EndsWith(".csl", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{style}' is a path; give a style's name or id.", nameof(style));
        }

        var outputFormat = CslOutputFormat.FromName(format ?? _options.Format)
            ?? throw new ArgumentException($"'{format}' is not an output format (text, html, rtf, markdown).", nameof(format));
        var key = (style, outputFormat.Name, language ?? string.Empty);
        if (_processors.Count >= _options.MaxProcessors && !_processors.ContainsKey(key))
        {
            _processors.Clear();
        }

        var entry = _processors.GetOrAdd(key, k => new Lazy<Task<CslProcessor>>(() => CreateAsync(k.Style, outputFormat, language)));
        try
        {
            return await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (entry.Value.IsFaulted || entry.Value.IsCanceled)
        {
            _processors.TryRemove(new KeyValuePair<(string, string, string), Lazy<Task<CslProcessor>>>(key, entry));
            throw;
        }
    }

    private async Task<CslProcessor> CreateAsync(string style, CslOutputFormat format, string? language)
    {
        var loaded = await Styles.LoadAsync(style).ConfigureAwait(false);
        return await CslProcessor.CreateAsync(loaded, new CslProcessorOptions
        {
            Format = format,
            Language = language,
            Locales = _locales,
            MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism,
            LoggerFactory = _loggerFactory,
        }).ConfigureAwait(false);
    }
}
