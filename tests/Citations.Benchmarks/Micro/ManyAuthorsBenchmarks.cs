using BenchmarkDotNet.Attributes;
using Citations.Csl.Processing;
using Citations.CslData;

namespace Citations.Benchmarks.Micro;

/// <summary>One journal article with 500 authors: its bibliography entry and one citation of it.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class ManyAuthorsBenchmarks
{
    private CslProcessor _processor = null!;
    private IReadOnlyList<CslItem> _items = [];
    private IReadOnlyList<CslCitation> _citation = [];

    [Params("apa", "modern-language-association")]
    public string Style { get; set; } = "apa";

    [GlobalSetup]
    public void Setup()
    {
        _processor = Workloads.Instance.Processor(Style);
        _items = Workloads.ReadItems(Workloads.Instance.ManyAuthorsPath());
        _citation = [CslCitation.Of(_items[0].Id.Text)];
    }

    [Benchmark]
    public int Bibliography() => _processor.FormatBibliography(_items).Entries.Count;

    [Benchmark]
    public int Citation() => _processor.FormatDocument(_items, _citation).Citations.Count;
}
