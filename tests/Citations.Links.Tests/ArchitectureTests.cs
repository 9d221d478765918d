using System.Text.RegularExpressions;
using Citations.Tests.TestSupport;

namespace Citations.Links.Tests;

/// <summary>
/// The layering of <c>src/Citations.Links</c>, read from its sources: the shared types at the root use no folder; each
/// machinery folder uses the root and the folders below it; only <c>Checking/</c> (the checker) uses every folder.
/// A folder "uses" another when one of its files has a <c>using</c> directive for it or names one of its types
/// qualified in code (documentation comments may point anywhere).
/// </summary>
[TestClass]
public sealed partial class ArchitectureTests
{
    /// <summary>What each folder may use besides itself; the README's "Dependency rule" says the same.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        [""] = [],
        ["Drift"] = [""],
        ["Http"] = [""],
        ["Resilience"] = ["", "Http"],
        ["Archives"] = ["", "Http", "Resilience"],
        ["History"] = [""],
        ["Reports"] = [""],
        ["Telemetry"] = [""],
        ["Extraction"] = ["", "Drift"],
        ["Lookup"] = ["", "Http", "Resilience"],
        ["Articles"] = ["", "Drift", "Http", "Resilience", "Lookup"],
        ["Pages"] = ["", "Drift"],
        ["Rendering"] = ["", "Http"],
        ["Checking"] = ["", "Drift", "Http", "Resilience", "Archives", "History", "Reports", "Extraction", "Lookup", "Pages", "Rendering", "Telemetry"],
    };

    private static string Source => Path.Combine(RepoPaths.Root, "src", "Citations.Links");

    [GeneratedRegex(@"^\s*using\s+Citations\.Links(?:\.(?<folder>\w+))?\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"(?:\bCitations\.Links\.|(?<![\w.]))(?<folder>Checking|Http|Resilience|Archives|History|Reports|Extraction|Drift|Lookup|Pages|Rendering|Telemetry|Articles)\.[A-Z]")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"^namespace\s+(?<ns>[\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [TestMethod]
    public void Folders_Layering_NoFolderUsesOneAboveIt()
    {
        var used = UsesByFolder();
        var violations = new List<string>();
        foreach (var (folder, files) in used)
        {
            Assert.IsTrue(Allowed.TryGetValue(folder, out var allowed), $"src/Citations.Links/{folder} is a new folder: give it a place in the layering (here and in the README).");
            foreach (var (file, target) in files.Where(f => f.Target != folder && !allowed.Contains(f.Target)))
            {
                violations.Add($"{file} uses {(target.Length == 0 ? "the root" : target + "/")}, which {(folder.Length == 0 ? "the root" : folder + "/")} may not use");
            }
        }

        Assert.IsEmpty(violations, string.Join(Environment.NewLine, violations));
    }

    [TestMethod]
    public void Folders_Layering_NoCycles()
    {
        // Follows from the table above; checked on what the sources really use, so a loosened table cannot hide a cycle.
        var graph = UsesByFolder().ToDictionary(f => f.Key, f => f.Value.Select(u => u.Target).Where(t => t != f.Key).ToHashSet());
        foreach (var start in graph.Keys)
        {
            var seen = new HashSet<string>();
            var stack = new Stack<string>(graph[start]);
            while (stack.TryPop(out var next))
            {
                Assert.AreNotEqual(start, next, $"{start}/ depends on itself through {string.Join(", ", seen)}");
                if (seen.Add(next) && graph.TryGetValue(next, out var further))
                {
                    foreach (var f in further)
                    {
                        stack.Push(f);
                    }
                }
            }
        }
    }

    [TestMethod]
    public void Files_Namespace_MatchesFolder()
    {
        foreach (var file in SourceFiles())
        {
            var folder = FolderOf(file);
            var expected = folder.Length == 0 ? "Citations.Links" : "Citations.Links." + folder;
            Assert.AreEqual(expected, Namespace().Match(File.ReadAllText(file)).Groups["ns"].Value, Path.GetRelativePath(Source, file));
        }
    }

    [TestMethod]
    [DataRow("using Citations.Links.History;\nnamespace Citations.Links.Reports;", "History")]
    [DataRow("namespace Citations.Links.Http;\nclass A { Checking.LinkChecker? c; }", "Checking")]
    [DataRow("namespace Citations.Links;\nclass A { Citations.Links.Drift.X? c; }", "Drift")]
    [DataRow("namespace Citations.Links.Http;\nclass A { System.Net.Http.HttpClient? c; }", null)]
    [DataRow("namespace Citations.Links;\n/// <see cref=\"Checking.LinkChecker\"/>\nclass A { }", null)]
    public void Uses_Source_FindsWhatItNames(string source, string? expected)
    {
        var found = Uses(source).Where(u => u.Length > 0).ToArray();

        CollectionAssert.AreEqual(expected is null ? Array.Empty<string>() : new[] { expected }, found);
    }

    private static Dictionary<string, List<(string File, string Target)>> UsesByFolder()
    {
        var byFolder = new Dictionary<string, List<(string File, string Target)>>(StringComparer.Ordinal);
        foreach (var file in SourceFiles())
        {
            var folder = FolderOf(file);
            if (!byFolder.TryGetValue(folder, out var list))
            {
                byFolder[folder] = list = [];
            }

            list.AddRange(Uses(File.ReadAllText(file)).Distinct().Select(t => (Path.GetRelativePath(Source, file), t)));
        }

        Assert.IsTrue(byFolder.ContainsKey("Checking") && byFolder["Checking"].Any(u => u.Target == "History"), "the sources were not found or not read");
        return byFolder;
    }

    /// <summary>The folders a file's code uses ("" for the root), from using directives and qualified names outside comments.</summary>
    private static IEnumerable<string> Uses(string source)
    {
        foreach (Match match in UsingDirective().Matches(source))
        {
            yield return match.Groups["folder"].Value;
        }

        foreach (var line in source.Split('\n'))
        {
            var code = line.TrimStart();
            if (code.StartsWith("//", StringComparison.Ordinal) || code.StartsWith("namespace ", StringComparison.Ordinal) || code.StartsWith("using ", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match match in QualifiedName().Matches(code))
            {
                yield return match.Groups["folder"].Value;
            }
        }
    }

    private static IEnumerable<string> SourceFiles()
        => Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(Source, f).Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"));

    private static string FolderOf(string file)
    {
        var relative = Path.GetDirectoryName(Path.GetRelativePath(Source, file)) ?? string.Empty;
        return relative.Replace(Path.DirectorySeparatorChar, '.');
    }
}
