using System.Text.RegularExpressions;
using Citations.Tests.TestSupport;

namespace Citations.Csl.Tests;

/// <summary>
/// The layering of <c>src/Citations.Csl</c> (see its README), checked on the sources: which folders' namespaces the
/// code of each folder may name, through <c>using</c> directives or qualified names.
/// </summary>
[TestClass]
public sealed partial class ArchitectureTests
{
    private static readonly string[] Layers = ["Downloads", "Styles", "Locales", "Output", "Evaluation", "Disambiguation", "Processing"];

    /// <summary>For each folder, the other folders its code may use.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Downloads"] = [],
        ["Styles"] = ["Locales", "Downloads"],
        ["Locales"] = ["Styles", "Downloads"],
        ["Output"] = ["Styles"],
        ["Evaluation"] = ["Styles", "Locales", "Output", "Disambiguation"],
        ["Disambiguation"] = ["Styles", "Locales", "Output", "Evaluation"],
        ["Processing"] = ["Styles", "Locales", "Output", "Evaluation", "Disambiguation"],
    };

    [GeneratedRegex(@"using\s+Citations\.Csl\.(\w+)\s*;")]
    private static partial Regex UsingDirective();

    /// <summary>A folder's namespace named in code: <c>Output.Blob</c>, <c>Citations.Csl.Output.Blob</c> (not a member access such as <c>x.Output.Y</c>).</summary>
    [GeneratedRegex(@"(?<![\w.])(?:Citations\.Csl\.)?(Downloads|Styles|Locales|Output|Evaluation|Disambiguation|Processing)\.[A-Z]")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"//.*$", RegexOptions.Multiline)]
    private static partial Regex LineComment();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringLiteral();

    [TestMethod]
    public void Sources_EachFolder_UsesOnlyTheFoldersBelowIt()
    {
        var root = Path.Combine(RepoPaths.Root, "src", "Citations.Csl");
        var violations = new List<string>();
        foreach (var layer in Layers)
        {
            var folder = Path.Combine(root, layer);
            Assert.IsTrue(Directory.Exists(folder), $"{folder} is missing");
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            {
                var code = StringLiteral().Replace(LineComment().Replace(File.ReadAllText(file), string.Empty), "\"\"");
                var named = UsingDirective().Matches(code).Select(m => m.Groups[1].Value)
                    .Concat(QualifiedName().Matches(code).Select(m => m.Groups[1].Value))
                    .Where(used => used != layer && !Allowed[layer].Contains(used))
                    .Distinct(StringComparer.Ordinal);
                violations.AddRange(named.Select(used => $"{Path.GetRelativePath(root, file)} uses {used}"));
            }
        }

        Assert.IsEmpty(violations, "layering broken:\n" + string.Join("\n", violations));
    }

    [TestMethod]
    public void Sources_NoFileOverSevenHundredLines_WithoutSayingWhy()
    {
        var root = Path.Combine(RepoPaths.Root, "src", "Citations.Csl");
        var tooLong = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: f, Lines: File.ReadAllLines(f)))
            .Where(f => f.Lines.Length > 700 && !f.Lines.Take(20).Any(l => l.Contains("over 700 lines", StringComparison.Ordinal)))
            .Select(f => $"{Path.GetRelativePath(root, f.File)}: {f.Lines.Length} lines")
            .ToList();

        Assert.IsEmpty(tooLong, "split these files or say in their header why they are over 700 lines:\n" + string.Join("\n", tooLong));
    }
}
