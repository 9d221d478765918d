using System.Collections.Concurrent;
using System.Diagnostics;
using Citations.Csl.Locales;
using Citations.Csl.Output;
using Citations.Csl.Processing;
using Citations.Csl.Reference;
using Citations.CslData;
using Citations.Serialization;

namespace Citations.Csl.Agreement;

/// <summary>The three blocks compared for every style.</summary>
internal enum CaseKind
{
    /// <summary>The bibliography of the generated items (all registered, style's sort).</summary>
    GeneratedBibliography,

    /// <summary>The bibliography of the sample article's sources.</summary>
    SampleBibliography,

    /// <summary>The generated document's citations, then the bibliography of the cited items.</summary>
    Document,
}

/// <summary>One style, one block, one format.</summary>
internal sealed record AgreementCase(StyleFile Style, CaseKind Kind, string Format)
{
    public string KindName => Kind switch
    {
        CaseKind.GeneratedBibliography => "bib-generated",
        CaseKind.SampleBibliography => "bib-sample",
        _ => "cite-document",
    };
}

/// <summary>What one case gave.</summary>
internal sealed record CaseOutcome(AgreementCase Case, LineComparison? Citations, LineComparison? Bibliography, string? OurError, string? ReferenceError, double OurMilliseconds, string? Resolution);

/// <summary>Runs every case: render.js (cached, in parallel) and our processor, then compares line for line.</summary>
internal sealed class AgreementRunner(AgreementOptions options, SharedLocations shared, CiteprocJs reference, TextWriter log)
{
    private readonly CslLocaleProvider _locales = options.Locales switch
    {
        "embedded" => CslLocaleProvider.Embedded,
        "url" => CslLocaleProvider.Combine(CslLocaleProvider.Embedded, CslLocaleProvider.Download(new CslLocaleDownloadOptions
        {
            BaseAddress = options.LocalesUrl!,
            CacheDirectory = Path.Combine(Path.GetTempPath(), "citations-agreement-locales-" + Guid.NewGuid().ToString("N")),
        })),
        _ => CslLocaleProvider.FromDirectory(shared.LocalesDirectory),
    };

    /// <summary>Where our side's locales come from, for the report.</summary>
    public string LocalesDescription => _locales.Description;

    public string? DocumentDescription { get; private set; }

    public string GeneratedItemsPath { get; private set; } = string.Empty;

    public string? DocumentPath { get; private set; }

    public IReadOnlyList<CaseOutcome> Run(IReadOnlyList<StyleFile> styles)
    {
        GeneratedItemsPath = options.ItemsFile ?? reference.GenerateItems(options.Items, options.Seed);
        var generated = ReadItems(GeneratedItemsPath);
        var sample = ReadItems(shared.SampleSources);
        IReadOnlyList<CslCitation>? citations = null;
        if (options.Citations)
        {
            var document = options.CitationsFile is { } file
                ? CitationDocument.FromRenderJson(File.ReadAllText(file))
                : CitationDocument.Generate([.. generated.Select(i => i.Id.Text)], options.Clusters, options.DocumentSeed);
            var json = document.ToRenderJson();
            DocumentPath = Path.Combine(reference.CacheDirectory, $"document-{CiteprocJs.Digest([System.Text.Encoding.UTF8.GetBytes(json)])[..16]}.json");
            File.WriteAllText(DocumentPath, json);
            citations = document.ToCslCitations();
            DocumentDescription = document.Describe();
        }

        var cases = new List<AgreementCase>();
        foreach (var style in styles)
        {
            foreach (var format in options.Formats)
            {
                if (options.Bibliographies)
                {
                    cases.Add(new AgreementCase(style, CaseKind.GeneratedBibliography, format));
                    if (options.ItemsFile is null)
                    {
                        cases.Add(new AgreementCase(style, CaseKind.SampleBibliography, format));
                    }
                }

                if (options.Citations)
                {
                    cases.Add(new AgreementCase(style, CaseKind.Document, format));
                }
            }
        }

        var references = RenderReferences(cases);
        var outcomes = new List<CaseOutcome>();
        foreach (var group in cases.GroupBy(c => c.Style))
        {
            LoadedStyle? loaded = null;
            string? loadError = null;
            try
            {
                loaded = StyleCatalog.Load(group.Key);
            }
            catch (Exception e) when (e is CslException or IOException)
            {
                loadError = $"{e.GetType().Name}: {e.Message}";
            }

            foreach (var @case in group)
            {
                var (output, referenceError) = references[@case];
                outcomes.Add(RunOurs(@case, loaded, loadError, output, referenceError, @case.Kind == CaseKind.SampleBibliography ? sample : generated, citations));
            }

            log.WriteLine($"  compared {group.Key.Name}");
        }

        return outcomes;
    }

    private Dictionary<AgreementCase, (RenderOutput? Output, string? Error)> RenderReferences(List<AgreementCase> cases)
    {
        var results = new ConcurrentDictionary<AgreementCase, (RenderOutput?, string?)>();
        var done = 0;
        var fresh = 0;
        var stopwatch = Stopwatch.StartNew();
        Parallel.ForEach(cases, new ParallelOptions { MaxDegreeOfParallelism = options.Jobs }, @case =>
        {
            var request = new RenderRequest(@case.Style.Path, @case.Kind == CaseKind.SampleBibliography ? shared.SampleSources : GeneratedItemsPath, @case.Format)
            {
                CitationsPath = @case.Kind == CaseKind.Document ? DocumentPath : null,
            };
            try
            {
                var output = reference.Render(request);
                results[@case] = (output, null);
                if (!output.FromCache)
                {
                    Interlocked.Increment(ref fresh);
                }
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                results[@case] = (null, e.Message);
            }

            var n = Interlocked.Increment(ref done);
            if (!results[@case].Item1?.FromCache ?? true)
            {
                log.WriteLine($"  render.js {n}/{cases.Count}: {@case.Style.Name} {@case.KindName} {@case.Format} ({stopwatch.Elapsed.TotalSeconds:0} s)");
            }
        });
        log.WriteLine($"render.js: {cases.Count} outputs, {fresh} rendered now, {cases.Count - fresh} from the cache ({reference.CacheDirectory}), {stopwatch.Elapsed.TotalSeconds:0.0} s");
        return new Dictionary<AgreementCase, (RenderOutput?, string?)>(results);
    }

    private CaseOutcome RunOurs(AgreementCase @case, LoadedStyle? loaded, string? loadError, RenderOutput? output, string? referenceError, IReadOnlyList<CslItem> items, IReadOnlyList<CslCitation>? citations)
    {
        if (output is null)
        {
            return new CaseOutcome(@case, null, null, null, referenceError, 0, loaded?.Resolution);
        }

        var ourCitations = new List<string>();
        var ourBibliography = new List<string>();
        string? error = loadError;
        var stopwatch = Stopwatch.StartNew();
        if (loaded is not null)
        {
            try
            {
                var processor = CslProcessor.Create(loaded.Style, new CslProcessorOptions
                {
                    Locales = _locales,
                    Format = CslOutputFormat.FromName(@case.Format)!,
                    Language = loaded.ForcedLanguage,
                });
                if (@case.Kind == CaseKind.Document)
                {
                    var result = processor.FormatDocument(items, citations!, bibliography: true);
                    ourCitations.AddRange(result.Citations);
                    ourBibliography.AddRange(result.Bibliography?.Entries.Select(e => StripOneLineBreak(e.Text)) ?? []);
                }
                else
                {
                    ourBibliography.AddRange(processor.FormatBibliography(items).Entries.Select(e => StripOneLineBreak(e.Text)));
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                error = $"{e.GetType().Name}: {e.Message}";
            }
        }

        stopwatch.Stop();
        var citationComparison = @case.Kind == CaseKind.Document ? LineComparison.Compare(output.Citations, ourCitations) : null;
        var bibliographyComparison = LineComparison.Compare(output.Bibliography, ourBibliography);
        return new CaseOutcome(@case, citationComparison, bibliographyComparison, error, null, stopwatch.Elapsed.TotalMilliseconds, loaded?.Resolution);
    }

    private static List<CslItem> ReadItems(string path)
    {
        var result = CslJson.ReadFile(path);
        if (result.Value is null)
        {
            throw new InvalidDataException($"{path}: {string.Join("; ", result.Diagnostics.Take(5))}");
        }

        return [.. result.Value];
    }

    /// <summary>render.js strips one trailing line break from each entry; so do we, and nothing else.</summary>
    private static string StripOneLineBreak(string text)
        => text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
}
