namespace Citations.Links.Tests.Infrastructure;

/// <summary>
/// The Chromium the rendering tests use: the <c>CITATIONS_CHROMIUM</c> environment variable, which <c>./test.sh</c>
/// sets after installing the Debian package. Missing, the tests are inconclusive on a developer's machine and fail
/// under CI (<c>CI=true</c>), where a missing browser must not pass unnoticed.
/// </summary>
public static class ChromiumForTests
{
    /// <summary>The executable; fails or stops the test when there is none.</summary>
    public static string Executable()
    {
        var path = Environment.GetEnvironmentVariable("CITATIONS_CHROMIUM");
        if (!string.IsNullOrEmpty(path) && File.Exists(path))
        {
            return path;
        }

        var why = string.IsNullOrEmpty(path)
            ? "CITATIONS_CHROMIUM is not set (./test.sh installs Chromium and sets it; or export CITATIONS_CHROMIUM=/usr/bin/chromium)"
            : $"CITATIONS_CHROMIUM names {path}, which does not exist";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail("The rendering tests need Chromium: " + why + ".");
        }

        Assert.Inconclusive("The rendering tests need Chromium: " + why + ".");
        return null!;
    }
}
