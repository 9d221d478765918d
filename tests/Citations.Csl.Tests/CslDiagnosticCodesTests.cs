using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Citations.Tests.TestSupport;

namespace Citations.Csl.Tests;

/// <summary>The one scheme of CSL diagnostic codes: every code a documented constant of <see cref="CslDiagnosticCodes"/>.</summary>
[TestClass]
public sealed partial class CslDiagnosticCodesTests
{
    private static readonly IReadOnlyList<FieldInfo> Codes =
        [.. typeof(CslDiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral)];

    [GeneratedRegex("^CSL[0-9]{4}$")]
    private static partial Regex CodeShape();

    [GeneratedRegex("\"CSL[0-9]{4}\"")]
    private static partial Regex CodeLiteral();

    [TestMethod]
    public void Codes_EveryConstant_IsAUniqueFourDigitCslCode()
    {
        var values = Codes.Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.IsNotEmpty(values);
        Assert.IsTrue(values.All(v => CodeShape().IsMatch(v)), string.Join(", ", values));
        Assert.HasCount(values.Count, values.Distinct(StringComparer.Ordinal), "codes must be unique");
    }

    [TestMethod]
    public void Codes_EveryConstant_HasADocumentedMeaningAndSeverity()
    {
        var xml = Path.ChangeExtension(typeof(CslDiagnosticCodes).Assembly.Location, ".xml");
        Assert.IsTrue(File.Exists(xml), $"{xml} (the package's XML documentation) is missing");
        var summaries = XDocument.Load(xml).Descendants("member")
            .ToDictionary(m => (string)m.Attribute("name")!, m => string.Concat(m.Element("summary")?.Nodes() ?? []).Trim());

        foreach (var field in Codes)
        {
            var key = $"F:{typeof(CslDiagnosticCodes).FullName}.{field.Name}";
            Assert.IsTrue(summaries.TryGetValue(key, out var summary) && summary.Length > 0, $"{field.Name} has no summary");
            StringAssert.Matches(summary, SeverityPrefix(), $"{field.Name}'s summary must start with its severity");
        }
    }

    [GeneratedRegex("^(Info|Warning|Error|Fatal):")]
    private static partial Regex SeverityPrefix();

    [TestMethod]
    public void Sources_OutsideTheCodesClass_UseNoCodeLiteral()
    {
        var source = Path.Combine(RepoPaths.Root, "src", "Citations.Csl");
        var offenders = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => Path.GetFileName(f) != "CslDiagnosticCodes.cs")
            .Where(f => CodeLiteral().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(source, f))
            .ToList();

        Assert.IsEmpty(offenders, "use CslDiagnosticCodes instead of a literal in: " + string.Join(", ", offenders));
    }
}
