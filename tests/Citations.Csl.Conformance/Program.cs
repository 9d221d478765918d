using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Citations.Csl.Conformance;

// dotnet run -c Release --project tests/Citations.Csl.Conformance -- [--filter REGEX] [--json FILE] [--show-failures] [--diff]
string? filter = null, json = null;
bool showFailures = false, diff = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--filter" when i + 1 < args.Length:
            filter = args[++i];
            break;
        case "--json" when i + 1 < args.Length:
            json = args[++i];
            break;
        case "--show-failures":
            showFailures = true;
            break;
        case "--diff":
            diff = true;
            showFailures = true;
            break;
        default:
            Console.Error.WriteLine("usage: Citations.Csl.Conformance [--filter REGEX] [--json FILE] [--show-failures] [--diff]");
            return 2;
    }
}

var directory = SharedData.CslDirectory();
if (directory is null)
{
    Console.Error.WriteLine($"The shared CSL data was not found (../shared/csl beside the repository, or ${SharedData.EnvironmentVariable}).");
    return 2;
}

var runner = new FixtureRunner(directory);
var regex = filter is null ? null : new Regex(filter, RegexOptions.CultureInvariant);
var expectedFailures = ExpectedFailures.Load();
var stopwatch = Stopwatch.StartNew();
var outcomes = new List<FixtureOutcome>();
foreach (var file in runner.FixtureFiles())
{
    var name = Path.GetFileNameWithoutExtension(file);
    if (regex is not null && !regex.IsMatch(name))
    {
        continue;
    }

    var outcome = runner.Run(file);
    outcomes.Add(outcome);
    if (!outcome.Passed && showFailures)
    {
        Console.Error.WriteLine($"FAIL {outcome.Name}{(outcome.Error is null ? string.Empty : " — " + outcome.Error)}{(expectedFailures.ContainsKey(outcome.Name) ? " (expected)" : string.Empty)}");
        if (diff && outcome.Error is null)
        {
            Console.Error.WriteLine("  expected: " + outcome.Expected.Replace("\n", "\n            ", StringComparison.Ordinal));
            Console.Error.WriteLine("  actual:   " + (outcome.Actual ?? string.Empty).Replace("\n", "\n            ", StringComparison.Ordinal));
        }
    }
}

var passed = outcomes.Count(o => o.Passed);
Console.WriteLine($"CSL test suite: passed {passed} of {outcomes.Count}");
foreach (var family in outcomes.GroupBy(o => o.Family).OrderBy(g => g.Key, StringComparer.Ordinal))
{
    Console.Error.WriteLine($"  {family.Key,-14} {family.Count(o => o.Passed),4} / {family.Count(),4}");
}

Console.Error.WriteLine($"({outcomes.Count} fixtures from {runner.FixturesDirectory}, {stopwatch.Elapsed.TotalSeconds:0.0} s)");
if (json is not null)
{
    var report = new
    {
        processor = "Citations.Csl",
        total = outcomes.Count,
        passed,
        failed = outcomes.Count(o => !o.Passed && !o.Skipped),
        skipped = outcomes.Count(o => o.Skipped),
        families = outcomes.GroupBy(o => o.Family).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new { passed = g.Count(o => o.Passed), total = g.Count() }),
        results = outcomes.ToDictionary(o => o.Name, o => o.Passed ? "pass" : o.Skipped ? "skip" : "fail"),
        errors = outcomes.Where(o => o.Error is not null).ToDictionary(o => o.Name, o => o.Error),
    };
    File.WriteAllText(json, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
}

return 0;
