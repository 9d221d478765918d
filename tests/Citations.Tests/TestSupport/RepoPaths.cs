namespace Citations.Tests.TestSupport;

/// <summary>Where the repository and the shared data outside it are, for tests that read files.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Seeds => Path.Combine(Root, "seeds");

    public static string Schemas => Path.Combine(Root, "schemas");

    /// <summary>The shared CSL data (styles, locales, schema); <c>CITATIONS_SHARED_CSL</c> overrides the default <c>../shared/csl</c>.</summary>
    public static string SharedCsl => Shared("CITATIONS_SHARED_CSL", "csl");

    /// <summary>The sample article's source material; <c>CITATIONS_SHARED_SEED</c> overrides the default <c>../shared/seed</c>.</summary>
    public static string SharedSeed => Shared("CITATIONS_SHARED_SEED", "seed");

    /// <summary>
    /// Returns the path of a file outside the repository, or stops the test: inconclusive on a developer machine that
    /// lacks it, failed under CI (<c>CI=true</c>), where a missing file must not silently skip a test.
    /// </summary>
    public static string RequireShared(string path)
    {
        if (File.Exists(path))
        {
            return path;
        }

        var message = $"Shared test data is missing: {path}. Set CITATIONS_SHARED_CSL / CITATIONS_SHARED_SEED or check out ../shared.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Inconclusive(message);
        return path;
    }

    private static string Shared(string variable, string folder)
        => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } overridden
            ? overridden
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", folder));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Citations.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Citations.sln not found above " + AppContext.BaseDirectory);
    }
}
