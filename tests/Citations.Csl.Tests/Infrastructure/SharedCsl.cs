using Citations.Csl.Locales;

namespace Citations.Csl.Tests.Infrastructure;

/// <summary>
/// The CSL data shared beside the repository (<c>../shared/csl</c>, or the directory named by
/// <c>CITATIONS_SHARED_CSL</c>): the official locale files. A test that needs them and cannot find them is
/// inconclusive on a developer machine and fails on CI (<c>CI=true</c>), where missing data must not pass silently.
/// </summary>
internal static class SharedCsl
{
    public const string EnvironmentVariable = "CITATIONS_SHARED_CSL";

    private static readonly Lazy<string?> Root = new(FindRoot);

    // One provider for the whole run: it parses each locale file once and is thread-safe.
    private static readonly Lazy<CslLocaleProvider?> Provider = new(
        () => LocalesDirectoryOrNull() is { } directory ? CslLocaleProvider.FromDirectory(directory) : null);

    /// <summary>The official locales, read from the shared directory.</summary>
    public static CslLocaleProvider Locales => Provider.Value ?? Missing<CslLocaleProvider>();

    /// <summary>The directory of <c>locales-xx-XX.xml</c> files.</summary>
    public static string LocalesDirectory => LocalesDirectoryOrNull() ?? Missing<string>();

    private static string? LocalesDirectoryOrNull()
        => Root.Value is { } root && File.Exists(Path.Combine(root, "locales", "locales-en-US.xml"))
            ? Path.Combine(root, "locales")
            : null;

    private static string? FindRoot()
    {
        var overridden = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(overridden))
        {
            return Directory.Exists(overridden) ? Path.GetFullPath(overridden) : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Citations.sln")))
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "csl"));
                return Directory.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }

    private static T Missing<T>()
    {
        var message = $"The shared CSL locales were not found (../shared/csl/locales beside the repository). Set {EnvironmentVariable} to the shared csl directory.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Inconclusive(message);
        throw new InvalidOperationException(message);
    }
}
