using BenchmarkDotNet.Attributes;
using Citations.Csl.Processing;
using Citations.CslData;

namespace Citations.Benchmarks.Micro;

/// <summary>The bibliography of generated items (bench.js's generator, seed 1): register, sort, disambiguate, render.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class BibliographyBenchmarks
{
    private CslProcessor _processor = null!;
    private IReadOnlyList<CslItem> _items = [];

    [Params("apa", "modern-language-association")]
    public string Style { get; set; } = "apa";

    [Params(1000, 10_000)]
    public int Items { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _processor = Workloads.Instance.Processor(Style);
        _items = Workloads.ReadItems(Workloads.Instance.GeneratedItemsPath(Items));
    }

    [Benchmark]
    public int Bibliography() => _processor.FormatBibliography(_items).Entries.Count;
}
