using Citations.Csl.Conformance;

namespace Citations.Csl.Tests.Conformance;

/// <summary>
/// Every fixture of the official CSL test suite (<c>../shared/csl/test-suite/processor-tests/humans</c>) as one test,
/// run through the runner the console program <c>Citations.Csl.Conformance</c> uses. A fixture may fail only when it
/// is listed, with a reason, in <c>expected-failures.txt</c>; a listed fixture that passes fails the test too, so the
/// list can only shrink.
/// </summary>
[TestClass]
public sealed class TestSuiteFixtures
{
    private const string MissingData = "(shared CSL data missing)";

    private static readonly Lazy<FixtureRunner?> Runner = new(() => SharedData.CslDirectory() is { } dir ? new FixtureRunner(dir) : null);

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Expected = new(ExpectedFailures.Load);

    /// <summary>One row per fixture file name; a single placeholder row when the data is missing.</summary>
    public static IEnumerable<object[]> Fixtures()
    {
        if (Runner.Value is not { } runner || !Directory.Exists(runner.FixturesDirectory))
        {
            return [[MissingData]];
        }

        return runner.FixtureFiles().Select(f => new object[] { Path.GetFileNameWithoutExtension(f) }).ToList();
    }

    [TestMethod]
    [DynamicData(nameof(Fixtures))]
    public void Fixture_gives_the_expected_output(string name)
    {
        var runner = RequireRunner();
        var outcome = runner.Run(Path.Combine(runner.FixturesDirectory, name + ".txt"));
        var listed = Expected.Value.TryGetValue(name, out var reason);
        if (outcome.Passed)
        {
            Assert.IsFalse(listed, $"{name} passes now; remove it from {ExpectedFailures.FileName} (listed because: {reason}).");
            return;
        }

        if (listed)
        {
            Assert.Inconclusive($"Expected failure ({ExpectedFailures.FileName}): {reason}");
        }

        Assert.Fail(outcome.Error ?? $"{name}: output differs.\nexpected:\n{outcome.Expected}\nactual:\n{outcome.Actual}");
    }

    [TestMethod]
    public void Expected_failures_name_existing_fixtures()
    {
        var runner = RequireRunner();
        var names = runner.FixtureFiles().Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);
        var unknown = Expected.Value.Keys.Where(k => !names.Contains(k)).ToList();
        Assert.IsEmpty(unknown, $"{ExpectedFailures.FileName} lists fixtures that do not exist: {string.Join(", ", unknown)}");
    }

    [TestMethod]
    public void The_suite_is_complete()
    {
        var runner = RequireRunner();
        Assert.AreEqual(845, runner.FixtureFiles().Count(), $"Fixture count in {runner.FixturesDirectory}");
    }

    private static FixtureRunner RequireRunner()
    {
        if (Runner.Value is { } runner && Directory.Exists(runner.FixturesDirectory))
        {
            return runner;
        }

        var message = $"The official CSL test suite was not found (../shared/csl beside the repository, or ${SharedData.EnvironmentVariable}).";
        if (SharedData.IsCi)
        {
            Assert.Fail(message + " On CI the data must be present.");
        }

        Assert.Inconclusive(message);
        throw new InvalidOperationException(message);
    }
}
