namespace Citations.Csl.Conformance;

/// <summary>
/// Finds the CSL data shared beside the repository (<c>../shared/csl</c>: test suite, locales, styles). The path can
/// be overridden with the <c>CITATIONS_SHARED_CSL</c> environment variable.
/// </summary>
public static class SharedData
{
    public const string EnvironmentVariable = "CITATIONS_SHARED_CSL";

    /// <summary>The shared CSL directory, or <see langword="null"/> when it cannot be found.</summary>
    public static string? CslDirectory()
    {
        var overridden = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(overridden))
        {
            return Directory.Exists(overridden) ? Path.GetFullPath(overridden) : null;
        }

        var root = RepositoryRoot();
        if (root is null)
        {
            return null;
        }

        var candidate = Path.GetFullPath(Path.Combine(root, "..", "shared", "csl"));
        return Directory.Exists(candidate) ? candidate : null;
    }

    /// <summary>The repository root (the directory holding <c>Citations.sln</c>), found from the running assembly.</summary>
    public static string? RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Citations.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>The shared CSL directory; when it is missing, explains how to provide it.</summary>
    /// <exception cref="DirectoryNotFoundException">The data cannot be found.</exception>
    public static string RequireCslDirectory()
        => CslDirectory() ?? throw new DirectoryNotFoundException(
            $"The shared CSL data (test suite, locales, styles) was not found at ../shared/csl beside the repository. " +
            $"Set {EnvironmentVariable} to its path.");

    /// <summary>Whether the run is on CI, where missing data must fail rather than skip.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
