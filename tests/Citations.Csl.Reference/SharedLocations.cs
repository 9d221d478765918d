namespace Citations.Csl.Reference;

/// <summary>
/// Where the tools find the repository and the material shared beside it: <c>../shared/csl</c> (styles, locales; the
/// <c>CITATIONS_SHARED_CSL</c> environment variable overrides it) and <c>../shared/tools/csl-reference</c> (the
/// citeproc-js harness; <c>CITATIONS_CSL_REFERENCE</c> overrides it).
/// </summary>
public sealed class SharedLocations
{
    /// <summary>Overrides the shared CSL directory (the same variable the conformance tests read).</summary>
    public const string CslVariable = "CITATIONS_SHARED_CSL";

    /// <summary>Overrides the directory of the citeproc-js harness (render.js, bench.js).</summary>
    public const string ToolVariable = "CITATIONS_CSL_REFERENCE";

    private SharedLocations(string repositoryRoot, string cslDirectory, string toolDirectory)
    {
        RepositoryRoot = repositoryRoot;
        CslDirectory = cslDirectory;
        ToolDirectory = toolDirectory;
    }

    /// <summary>The directory holding <c>Citations.sln</c>.</summary>
    public string RepositoryRoot { get; }

    /// <summary>The shared CSL directory (styles, locales, test suite).</summary>
    public string CslDirectory { get; }

    /// <summary>The citeproc-js harness directory.</summary>
    public string ToolDirectory { get; }

    /// <summary>The shared styles directory.</summary>
    public string StylesDirectory => Path.Combine(CslDirectory, "styles");

    /// <summary>The shared locales directory.</summary>
    public string LocalesDirectory => Path.Combine(CslDirectory, "locales");

    /// <summary>The sample article's sources as CSL-JSON (in the repository).</summary>
    public string SampleSources => Path.Combine(RepositoryRoot, "seeds", "sources.csl.json");

    /// <summary>Finds everything, or explains what is missing and how to provide it.</summary>
    /// <exception cref="DirectoryNotFoundException">The repository or the shared material cannot be found.</exception>
    public static SharedLocations Find()
    {
        var root = FindRepositoryRoot()
            ?? throw new DirectoryNotFoundException("The repository root (the directory holding Citations.sln) was not found above the program or the working directory.");
        var csl = Locate(CslVariable, Path.Combine(root, "..", "shared", "csl"), "the shared CSL data (styles, locales)");
        var tool = Locate(ToolVariable, Path.Combine(root, "..", "shared", "tools", "csl-reference"), "the citeproc-js harness (render.js, bench.js)");
        if (!File.Exists(Path.Combine(tool, "render.js")))
        {
            throw new DirectoryNotFoundException($"{tool} has no render.js; set {ToolVariable} to the csl-reference directory.");
        }

        return new SharedLocations(root, csl, tool);
    }

    private static string Locate(string variable, string fallback, string what)
    {
        var overridden = Environment.GetEnvironmentVariable(variable);
        var path = Path.GetFullPath(string.IsNullOrEmpty(overridden) ? fallback : overridden);
        return Directory.Exists(path)
            ? path
            : throw new DirectoryNotFoundException($"{what} not found at {path}; set {variable} to its path.");
    }

    private static string? FindRepositoryRoot()
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
}
