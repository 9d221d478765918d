using Citations.Csl.Disambiguation;
using Citations.Csl.Evaluation;
using Citations.CslData;

namespace Citations.Csl.Processing;

/// <summary>
/// The state of formatting one set of items (one call of <see cref="CslProcessor"/>, or one <see cref="CslDocument"/>):
/// the item registry and the writers over it, sharing one renderer. Not thread-safe; the parallel steps inside it
/// (sort keys, disambiguation, bibliography entries) each give every thread its own state.
/// </summary>
internal sealed class Session
{
    /// <param name="processor">The processor (style, locale, output format).</param>
    /// <param name="items">Every item the session may use.</param>
    /// <param name="document">Whether the session is a document's (<see cref="CslDocument"/>).</param>
    public Session(CslProcessor processor, IEnumerable<CslItem> items, bool document = false)
    {
        var runtime = processor.Runtime;
        var renderer = new Renderer(runtime);
        var sortKeys = new SortKeys(renderer);
        var runner = new RangeRunner(processor.MaxDegreeOfParallelism);
        var ambiguousCites = new AmbiguousCites(runtime, renderer);
        Registry = new ItemRegistry(runtime, sortKeys, ambiguousCites, runner, items, document);
        Citations = new CitationWriter(runtime, renderer, sortKeys, Registry, ambiguousCites, processor.Format);
        Bibliography = new BibliographyWriter(runtime, renderer, Registry, runner, processor.Format);
    }

    /// <summary>The items, those registered, their order, numbers and disambiguation.</summary>
    public ItemRegistry Registry { get; }

    /// <summary>Writes citations of the registered items.</summary>
    public CitationWriter Citations { get; }

    /// <summary>Writes the bibliography of the registered items.</summary>
    public BibliographyWriter Bibliography { get; }
}
