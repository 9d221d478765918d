using System.Diagnostics;
using System.Text;
using Citations.Csl.Agreement;
using Citations.Csl.Reference;

// Agreement of our CSL processor with citeproc-js (render.js) on every shared style; see AgreementOptions.Usage.
Console.OutputEncoding = new UTF8Encoding(false);
var options = AgreementOptions.Parse(args, out var errors);
if (args is ["-h"] or ["--help"])
{
    Console.WriteLine(AgreementOptions.Usage);
    return 0;
}

if (errors.Count > 0)
{
    foreach (var error in errors)
    {
        Console.Error.WriteLine($"agreement: {error}");
    }

    Console.Error.WriteLine(AgreementOptions.Usage);
    return 2;
}

SharedLocations shared;
CiteprocJs reference;
try
{
    shared = SharedLocations.Find();
    reference = CiteprocJs.Start(shared, Console.Error);
}
catch (Exception e) when (e is DirectoryNotFoundException or InvalidOperationException or System.ComponentModel.Win32Exception or TimeoutException)
{
    Console.Error.WriteLine($"agreement: cannot start: {e.Message}");
    return 1;
}

var styles = StyleCatalog.List(shared.StylesDirectory, options.Styles);
if (styles.Count == 0)
{
    Console.Error.WriteLine($"agreement: no style in {shared.StylesDirectory} matches the filter.");
    return 2;
}

var stopwatch = Stopwatch.StartNew();
Console.Error.WriteLine($"Comparing {styles.Count} styles with citeproc-js {reference.Version} ({string.Join(", ", options.Formats)}; {(options.Bibliographies ? "bibliographies" : string.Empty)}{(options.Bibliographies && options.Citations ? " and " : string.Empty)}{(options.Citations ? "citation sequences" : string.Empty)})");
var runner = new AgreementRunner(options, shared, reference, Console.Error);
var outcomes = runner.Run(styles);
var report = new AgreementReport(options, outcomes);

Console.WriteLine($"Agreement with citeproc-js {reference.Version}: {styles.Count} styles from {shared.StylesDirectory}");
Console.WriteLine(options.ItemsFile is { } itemsFile
    ? $"Items: {itemsFile}{(options.CitationsFile is { } citationsFile ? $"; citations: {citationsFile}" : string.Empty)}"
    : $"Items: {options.Items} generated (bench.js --generate {options.Items} --seed {options.Seed}) and the sample article's {Path.GetRelativePath(shared.RepositoryRoot, shared.SampleSources)}");
Console.WriteLine($"Our locales: {runner.LocalesDescription}");
if (runner.DocumentDescription is not null)
{
    Console.WriteLine($"Document: {runner.DocumentDescription}");
}

foreach (var resolution in outcomes.Where(o => o.Resolution is not null).Select(o => (o.Case.Style.Name, o.Resolution)).Distinct())
{
    Console.WriteLine($"Dependent style {resolution.Name}: {resolution.Resolution}");
}

report.WriteTables(Console.Out);
report.WriteClasses(Console.Out);
if (options.Diff > 0)
{
    report.WriteDiffs(Console.Out, options.Diff);
}

report.WriteJson(options.Json, reference, runner.GeneratedItemsPath, runner.DocumentDescription);
Console.Error.WriteLine($"JSON report: {options.Json} ({stopwatch.Elapsed.TotalSeconds:0.0} s)");
return 0;
