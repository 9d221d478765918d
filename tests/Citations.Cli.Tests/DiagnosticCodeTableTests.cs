using System.Reflection;
using System.Text.RegularExpressions;
using Citations.Csl;
using Citations.Links;
using Citations.Serialization;
using Citations.Tests.TestSupport;
using Citations.Validation;

namespace Citations.Cli.Tests;

/// <summary><c>docs/diagnostics.md</c> lists every diagnostic code of every package, once, and nothing else.</summary>
[TestClass]
public sealed partial class DiagnosticCodeTableTests
{
    private static readonly Type[] CodeClasses =
        [typeof(DiagnosticCodes), typeof(ValidationCodes), typeof(CslDiagnosticCodes), typeof(LinkDiagnosticCodes), typeof(CliDiagnosticCodes)];

    [TestMethod]
    public void Codes_EveryConstant_HasItsOwnCode()
    {
        var duplicates = Constants().GroupBy(c => c.Code).Where(g => g.Count() > 1)
            .Select(g => g.Key + ": " + string.Join(", ", g.Select(c => c.Class + "." + c.Name))).ToList();
        Assert.IsEmpty(duplicates, "codes used by more than one constant: " + string.Join("; ", duplicates));
    }

    [TestMethod]
    public void DiagnosticsDoc_Table_ListsEveryCodeOnceAndNothingElse()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "diagnostics.md"));
        var rows = TableRow().Matches(doc).Select(m => (Code: m.Groups["code"].Value, Name: m.Groups["name"].Value, Meaning: m.Groups["meaning"].Value.Trim())).ToList();
        var constants = Constants().ToList();

        var missing = constants.Where(c => !rows.Any(r => r.Code == c.Code && r.Name == c.Name)).Select(c => c.Code + " " + c.Class + "." + c.Name).ToList();
        var extra = rows.Where(r => !constants.Any(c => c.Code == r.Code && c.Name == r.Name)).Select(r => r.Code + " " + r.Name).ToList();
        var twice = rows.GroupBy(r => r.Code).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var blank = rows.Where(r => r.Meaning.Length < 10).Select(r => r.Code).ToList();

        Assert.IsEmpty(missing, "docs/diagnostics.md does not list: " + string.Join(", ", missing));
        Assert.IsEmpty(extra, "docs/diagnostics.md lists codes no constant has: " + string.Join(", ", extra));
        Assert.IsEmpty(twice, "listed twice: " + string.Join(", ", twice));
        Assert.IsEmpty(blank, "no meaning given: " + string.Join(", ", blank));
    }

    private static IEnumerable<(string Class, string Name, string Code)> Constants()
        => CodeClasses.SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (type.Name, f.Name, (string)f.GetRawConstantValue()!)));

    [GeneratedRegex(@"^\| (?<code>[A-Z]{3}\d{4}) \| `(?<name>\w+)` \| (?<meaning>.*) \|$", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
