using Citations.Links.Extraction;

namespace Citations.Links.Tests.Extraction;

/// <summary>
/// One Markdown or HTML file per construct (<c>Fixtures/NAME.md</c> or <c>.html</c>) and the citations it should give
/// (<c>NAME.expected</c>, or <c>NAME.OPTION.expected</c> with <c>include-verbatim</c> or <c>skip-nofollow</c>): one line
/// per citation, in document order, <c>line | construct | url</c>, and <c>| quote</c> when the page should contain one.
/// </summary>
[TestClass]
public sealed class ConstructFixtureTests
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Extraction", "Fixtures");

    public static IEnumerable<object[]> Expectations =>
        Directory.EnumerateFiles(Folder, "*.expected").Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(name => new object[] { name! });

    [TestMethod]
    [DynamicData(nameof(Expectations))]
    public void ReadSet_ConstructFixture_CitationsWithLineAndConstruct(string expectation)
    {
        var (input, kind, options) = Fixture(expectation);

        var result = LinkTargetReader.ReadSet(File.ReadAllText(input), kind, Path.GetFileName(input), options);

        Assert.IsTrue(result.Success, string.Join("\n", result.Diagnostics));
        Assert.AreEqual(Expected(expectation), Describe(result.Value.Targets));
        Assert.IsTrue(result.Value.Targets.All(t => t.File == Path.GetFileName(input) && t.Origin == $"{t.File}:{t.Line}"));
    }

    [TestMethod]
    [DynamicData(nameof(Expectations))]
    public void ReadSet_ConstructFixtureWithCrLf_SameCitationsAndLines(string expectation)
    {
        var (input, kind, options) = Fixture(expectation);

        var result = LinkTargetReader.ReadSet(File.ReadAllText(input).ReplaceLineEndings("\r\n"), kind, null, options);

        Assert.AreEqual(Expected(expectation), Describe(result.Value!.Targets));
    }

    private static (string Input, LinkFileKind Kind, LinkExtractionOptions Options) Fixture(string expectation)
    {
        var parts = expectation.Split('.');
        var input = Directory.EnumerateFiles(Folder, parts[0] + ".*").Single(f => !f.EndsWith(".expected", StringComparison.Ordinal));
        var options = parts.Length == 2 ? LinkExtractionOptions.Default : parts[1] switch
        {
            "include-verbatim" => new LinkExtractionOptions { IncludeVerbatim = true },
            "skip-nofollow" => new LinkExtractionOptions { SkipNofollow = true },
            var other => throw new AssertFailedException($"{expectation}: unknown option '{other}'"),
        };
        return (input, input.EndsWith(".md", StringComparison.Ordinal) ? LinkFileKind.Markdown : LinkFileKind.Html, options);
    }

    private static string Expected(string expectation)
        => string.Join("\n", File.ReadAllLines(Path.Combine(Folder, expectation)).Where(l => l.Length > 0 && !l.StartsWith('#')));

    private static string Describe(IEnumerable<LinkTarget> targets)
        => string.Join("\n", targets.Select(t => string.Join(" | ", new object?[] { t.Line, t.Construct, t.Url }.Concat(t.Quotes))));
}
