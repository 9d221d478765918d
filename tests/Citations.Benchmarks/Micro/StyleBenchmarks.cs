using BenchmarkDotNet.Attributes;
using Citations.Csl.Locales;
using Citations.Csl.Output;
using Citations.Csl.Processing;
using Citations.Csl.Styles;

namespace Citations.Benchmarks.Micro;

/// <summary>What citeproc-js calls engine build: parse the style, merge its locale, create the processor.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class StyleBenchmarks
{
    private string _xml = string.Empty;
    private string _locales = string.Empty;

    [Params("apa", "modern-language-association", "chicago-author-date")]
    public string Style { get; set; } = "apa";

    [GlobalSetup]
    public void Setup()
    {
        _xml = File.ReadAllText(Workloads.Instance.StylePath(Style));
        _locales = Workloads.Instance.Locations.LocalesDirectory;
    }

    [Benchmark]
    public CslStyle Parse() => CslStyle.Parse(_xml);

    /// <summary>Parse and create a processor with a fresh locale provider, so the locale file is read and merged too.</summary>
    [Benchmark]
    public CslProcessor ParseAndCreate()
        => CslProcessor.Create(CslStyle.Parse(_xml), new CslProcessorOptions { Locales = CslLocaleProvider.FromDirectory(_locales), Format = CslOutputFormat.Text });
}
