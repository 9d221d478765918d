using Citations.Csl.Evaluation;
using Citations.Csl.Locales;
using Citations.Csl.Output;
using Citations.Csl.Styles;
using Citations.CslData;
using Citations.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Citations.Csl.Processing;

/// <summary>Options for <see cref="CslProcessor"/>.</summary>
public sealed class CslProcessorOptions
{
    /// <summary>Where the processor logs (see <see cref="CslTelemetry"/>). <value>Default: nowhere.</value></summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>The language to render in, overriding the style's <c>default-locale</c>. <value>Default: the style's default locale, else en-US.</value></summary>
    public string? Language { get; init; }

    /// <summary>Use <see cref="Language"/> only when the style has no <c>default-locale</c>. <value>Default: <see langword="false"/>.</value></summary>
    public bool LanguageIsFallback { get; init; }

    /// <summary>Where locales come from. <value>Default: the en-US locale embedded in this package.</value></summary>
    public CslLocaleProvider Locales { get; init; } = CslLocaleProvider.Embedded;

    /// <summary>
    /// The output format. <value>Default: plain text, what a console, a log or a test expects; set
    /// <see cref="CslOutputFormat.Html"/> for the markup citeproc-js prints.</value>
    /// </summary>
    public CslOutputFormat Format { get; init; } = CslOutputFormat.Text;

    /// <summary>
    /// How many threads one call may use to render a long bibliography (hundreds of entries or more); 1 keeps every
    /// call on the calling thread. The output is the same either way.
    /// <value>Default: 1, so that one call on a busy server never takes every core; a program that formats one large
    /// bibliography at a time (the <c>citations</c> tool does) can pass <see cref="Environment.ProcessorCount"/>.</value>
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = 1;

    /// <summary>
    /// The render budget: how many style elements one cite, bibliography entry or sort key may evaluate, each counted
    /// every time it is evaluated (a macro called twice counts twice). A style over it is a runaway (macros that call
    /// each other in a doubling chain, say): the render stops with an error naming the chain of macros
    /// (<see cref="CslDiagnosticCodes.EntryNotFormatted"/> for an entry, <see cref="CslDiagnosticCodes.CitationNotFormatted"/>
    /// for a citation), and so does every later render of the same call or document, at once.
    /// <value>Default: 100,000, 500 times the most any of the 21 shared styles evaluates for a cite, entry or sort key
    /// of 10,000 generated items (195).</value>
    /// </summary>
    public int MaxElementsPerRender { get; init; } = RenderBudget.DefaultMaxElements;
}

/// <summary>
/// A CSL processor for one style, language and output format: formats bibliographies and citations for any number of
/// documents. Build it once and reuse it; it is immutable and thread-safe (each call works on its own state).
/// </summary>
/// <example>
/// <code>
/// var style = CslStyle.Load("apa.csl");
/// var processor = CslProcessor.Create(style, new CslProcessorOptions { Format = CslOutputFormat.Text });
/// foreach (var entry in processor.FormatBibliography(items).Entries) Console.WriteLine(entry.Text);
/// </code>
/// </example>
public sealed class CslProcessor
{
    private CslProcessor(StyleRuntime runtime, CslOutputFormat format, int maxDegreeOfParallelism, IReadOnlyList<Diagnostic> warnings)
    {
        Runtime = runtime;
        Format = format;
        MaxDegreeOfParallelism = maxDegreeOfParallelism;
        Warnings = warnings;
    }

    /// <summary>The style (for a dependent style, its parent with the dependent's metadata).</summary>
    public CslStyle Style => Runtime.Style;

    internal ILogger Logger { get; private init; } = NullLogger.Instance;

    /// <summary>The language the processor renders in.</summary>
    public string Language => Runtime.Locale.Language;

    /// <summary>
    /// Problems met while building the processor: the locale of the language asked for is missing
    /// (<see cref="CslDiagnosticCodes.LocaleNotFound"/>, a warning) or could not be had
    /// (<see cref="CslDiagnosticCodes.LocaleUnavailable"/>, an error). The processor still works, in the locale CSL's
    /// fallback order gives. These come first in every bibliography's and document's warnings too.
    /// </summary>
    public IReadOnlyList<Diagnostic> Warnings { get; }

    /// <summary>How many threads one call may use (see <see cref="CslProcessorOptions.MaxDegreeOfParallelism"/>).</summary>
    public int MaxDegreeOfParallelism { get; }

    /// <summary>The output format.</summary>
    public CslOutputFormat Format { get; }

    internal StyleRuntime Runtime { get; }

    /// <summary>Creates a processor for an independent style.</summary>
    /// <param name="style">The style; a dependent style must first be resolved to its parent.</param>
    /// <param name="options">Language, locales and output format.</param>
    /// <remarks>A locale provider that downloads blocks this call while it downloads; <see cref="CreateAsync"/> does not.
    /// A locale that is missing or cannot be had is reported in <see cref="Warnings"/>, not thrown.</remarks>
    /// <exception cref="CslException">The style is dependent, or a locale file is malformed.</exception>
    public static CslProcessor Create(CslStyle style, CslProcessorOptions? options = null)
    {
        options = Check(style, options);
        var warnings = new List<Diagnostic>();
        var locale = LocaleResolver.Resolve(style, ChooseLanguage(style, options), options.Locales, warnings);
        return new CslProcessor(new StyleRuntime(style, locale, options.MaxElementsPerRender), options.Format, options.MaxDegreeOfParallelism, warnings) { Logger = CslTelemetry.Logger(options.LoggerFactory) };
    }

    /// <summary>Creates a processor for an independent style, downloading the locales it needs without blocking.</summary>
    /// <param name="style">The style; a dependent style must first be resolved to its parent.</param>
    /// <param name="options">Language, locales and output format.</param>
    /// <param name="cancellationToken">Cancels a locale download.</param>
    /// <exception cref="CslException">The style is dependent, or a locale file is malformed.</exception>
    public static async ValueTask<CslProcessor> CreateAsync(CslStyle style, CslProcessorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options = Check(style, options);
        var warnings = new List<Diagnostic>();
        var locale = await LocaleResolver.ResolveAsync(style, ChooseLanguage(style, options), options.Locales, warnings, cancellationToken).ConfigureAwait(false);
        return new CslProcessor(new StyleRuntime(style, locale, options.MaxElementsPerRender), options.Format, options.MaxDegreeOfParallelism, warnings) { Logger = CslTelemetry.Logger(options.LoggerFactory) };
    }

    private static CslProcessorOptions Check(CslStyle style, CslProcessorOptions? options)
    {
        ArgumentNullException.ThrowIfNull(style);
        options ??= new CslProcessorOptions();
        if (style.Citation is null)
        {
            throw new CslException($"Style '{style.Id}' is a dependent style; resolve its parent ({style.IndependentParent}) first.", new SourceLocation(style.Source, null, 0, 0));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDegreeOfParallelism, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxElementsPerRender, 1, nameof(options));
        return options;
    }

    private static string ChooseLanguage(CslStyle style, CslProcessorOptions options)
        => options.Language is { } forced && !(options.LanguageIsFallback && style.DefaultLocale is not null)
            ? forced
            : style.DefaultLocale ?? options.Language ?? "en-US";

    /// <summary>Formats the bibliography of a set of items, sorted as the style says.</summary>
    /// <param name="items">The items; ids must be unique.</param>
    public CslBibliography FormatBibliography(IEnumerable<CslItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        using var activity = CslTelemetry.StartBibliography(this);
        var session = new Session(this, items);
        session.Registry.RegisterAll();
        var bibliography = WithWarnings(session.Bibliography.Write());
        CslTelemetry.EndBibliography(activity, this, bibliography);
        return bibliography;
    }

    /// <summary>Formats a sequence of citations in document order (positions and numbering follow the order), and
    /// optionally the bibliography of the cited items.</summary>
    /// <param name="items">Every item the citations may cite.</param>
    /// <param name="citations">The citations, in document order.</param>
    /// <param name="bibliography">Whether to format the bibliography of the cited items too.</param>
    /// <returns>Each citation's text (empty for a citation with nothing to render), the bibliography, and a diagnostic
    /// for each citation that names unknown items, has no cites or a bad note number.</returns>
    public CslDocumentResult FormatDocument(IEnumerable<CslItem> items, IReadOnlyList<CslCitation> citations, bool bibliography = false)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(citations);
        var document = CreateDocument(items);
        document.AddRange(citations);
        var formatted = bibliography && Style.HasBibliography ? WithWarnings(document.FormatBibliography()) : null;
        return new CslDocumentResult(document.Texts, formatted, Warnings.Count == 0 ? document.Diagnostics : [.. Warnings, .. document.Diagnostics]);
    }

    /// <summary>
    /// Formats citations that each stand on their own, outside any document: a cite is a first cite (no "ibid.", no
    /// short form) unless it gives its own <see cref="CslCite.Position"/>, and no citation changes how another is
    /// formatted. The items are the reference list the citations are told apart from and numbered by, cited or not: a
    /// numeric style prints each item's number in the bibliography of all of them. For a citation shown alone (a
    /// preview, "copy citation"), or citations whose positions the caller works out; for a sequence of citations in a
    /// text, where positions and first-cite numbering follow the order, use <see cref="FormatDocument"/>.
    /// </summary>
    /// <param name="items">The reference list: every item the citations may cite, in the order that numbers them
    /// before the style's bibliography sort (when it has none, this order is the numbering).</param>
    /// <param name="citations">The citations.</param>
    /// <param name="bibliography">Whether to format the bibliography of all the items too.</param>
    /// <returns>Each citation's text (empty for a citation with nothing to render), the bibliography when asked for,
    /// and a diagnostic for each citation that names unknown items, has no cites or a negative note number.</returns>
    public CslDocumentResult FormatCitations(IEnumerable<CslItem> items, IReadOnlyList<CslCitation> citations, bool bibliography = false)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(citations);
        var session = new Session(this, items);
        session.Registry.RegisterAll();
        var texts = new List<string>(citations.Count);
        var diagnostics = new List<Diagnostics.Diagnostic>();
        for (var i = 0; i < citations.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(citations[i], nameof(citations));
            var citation = new CheckedCitation(citations[i], session.Registry.IsKnown);
            diagnostics.AddRange(citation.Diagnostics(i));
            CslException? failure = null;
            texts.Add(citation.Valid.Cites.Count == 0 ? string.Empty : session.Citations.RenderStandalone(citation.Valid, out failure));
            if (failure is not null)
            {
                diagnostics.Add(CslDocument.CitationFailure(i, failure));
            }
        }

        var formatted = bibliography && Style.HasBibliography ? WithWarnings(session.Bibliography.Write()) : null;
        return new CslDocumentResult(texts, formatted, Warnings.Count == 0 ? diagnostics : [.. Warnings, .. diagnostics]);
    }

    /// <summary>Starts a document to edit citation by citation; each edit re-renders only what it affects.</summary>
    /// <param name="items">Every item the document's citations may cite.</param>
    public CslDocument CreateDocument(IEnumerable<CslItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new CslDocument(this, items);
    }

    /// <summary>The bibliography with the processor's own warnings (locales) first.</summary>
    private CslBibliography WithWarnings(CslBibliography bibliography)
        => Warnings.Count == 0
            ? bibliography
            : new CslBibliography(bibliography.Format, bibliography.Entries, [.. Warnings, .. bibliography.Warnings], bibliography.HangingIndent, bibliography.SecondFieldAlign, bibliography.LineSpacing, bibliography.EntrySpacing);
}

/// <summary>The formatted citations of a document and, when asked for, its bibliography.</summary>
/// <param name="Citations">Each citation's text, in document order.</param>
/// <param name="Bibliography">The bibliography of the cited items, or <see langword="null"/>.</param>
/// <param name="Warnings">The processor's own warnings (<see cref="CslProcessor.Warnings"/>: a missing locale), then the
/// citations that could not be formatted as given, and why (each names its citation).</param>
public sealed record CslDocumentResult(IReadOnlyList<string> Citations, CslBibliography? Bibliography, IReadOnlyList<Diagnostic> Warnings);
