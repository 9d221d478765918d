using Citations.Tests.TestSupport;

namespace Citations.Csl.Tests.TestSupport;

/// <summary>The shared CSL data beside the repository (<c>../shared/csl</c>, or <c>CITATIONS_SHARED_CSL</c>): missing
/// data fails the test under CI and makes it inconclusive elsewhere.</summary>
internal static class SharedCsl
{
    public static string Styles => Directory(System.IO.Path.Combine(RepoPaths.SharedCsl, "styles"), "apa.csl");

    public static string Schema => Directory(System.IO.Path.Combine(RepoPaths.SharedCsl, "schema"), "csl.rnc");

    public static string Locales => Directory(System.IO.Path.Combine(RepoPaths.SharedCsl, "locales"), "locales-en-US.xml");

    private static string Directory(string directory, string probe)
    {
        RepoPaths.RequireShared(System.IO.Path.Combine(directory, probe));
        return directory;
    }
}
