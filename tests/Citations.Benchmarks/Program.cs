using System.Text;
using BenchmarkDotNet.Running;
using Citations.Benchmarks;

// dotnet run -c Release --project tests/Citations.Benchmarks -- --quick [options]   comparison table with citeproc-js
// dotnet run -c Release --project tests/Citations.Benchmarks -- --filter '*'        BenchmarkDotNet micro benchmarks
Console.OutputEncoding = new UTF8Encoding(false);
if (args.Length > 0 && args[0] == "--worker")
{
    return Worker.Run(args[1..]);
}

if (args.Contains("--quick"))
{
    var errors = new List<string>();
    var options = QuickOptions.Parse(args, errors);
    if (errors.Count > 0)
    {
        errors.ForEach(e => Console.Error.WriteLine($"benchmarks: {e}"));
        Console.Error.WriteLine(QuickOptions.Usage);
        return 2;
    }

    return new QuickComparison(options, new Workloads(Console.Error), Console.Out, Console.Error).Run();
}

if (args is ["-h"] or ["--help"])
{
    Console.WriteLine(QuickOptions.Usage);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Workloads).Assembly).Run(args);
return 0;
