using BenchmarkDotNet.Attributes;
using Citations.Csl.Processing;
using Citations.CslData;

namespace Citations.Benchmarks.Micro;

/// <summary>
/// A 2,000-cluster document with its bibliography: APA over items built to collide (heavy disambiguation) and Chicago
/// notes over generated items (ibid). <see cref="EditOneCluster"/> is what a one-cluster edit costs in a document
/// already built: one <see cref="CslDocument.Replace"/>, alternating between the edited and the original cluster.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class DocumentBenchmarks
{
    private CslProcessor _processor = null!;
    private IReadOnlyList<CslItem> _items = [];
    private IReadOnlyList<CslCitation> _citations = [];
    private IReadOnlyList<CslCitation> _edited = [];
    private CslDocument _document = null!;
    private int _index;
    private bool _toggle;

    [Params(Workloads.AuthorDateStyle, Workloads.NoteStyle)]
    public string Style { get; set; } = Workloads.AuthorDateStyle;

    [Params(2000)]
    public int Clusters { get; set; } = 2000;

    [GlobalSetup]
    public void Setup()
    {
        var workloads = Workloads.Instance;
        var itemsPath = Style == Workloads.AuthorDateStyle ? workloads.CollidingItemsPath(1000) : workloads.GeneratedItemsPath(1000);
        _processor = workloads.Processor(Style);
        _items = Workloads.ReadItems(itemsPath);
        var (_, document) = workloads.DocumentFor(itemsPath, Clusters);
        var (index, cluster, _) = workloads.EditFor(document);
        _citations = document.ToCslCitations();
        _edited = document.WithCluster(index, cluster).ToCslCitations();
        _index = index;
        _document = _processor.CreateDocument(_items);
        _document.AddRange(_citations);
    }

    [Benchmark(Baseline = true)]
    public int Document() => _processor.FormatDocument(_items, _citations, bibliography: true).Citations.Count;

    [Benchmark]
    public int EditOneCluster()
    {
        _toggle = !_toggle;
        return _document.Replace(_index, (_toggle ? _edited : _citations)[_index]).Changed.Count;
    }
}
