namespace Citations.Csl.Tests.TestSupport;

/// <summary>Writes test files into a <see cref="TempDirectory"/>.</summary>
internal static class TempDirectoryFiles
{
    /// <summary>Writes a file in the directory and returns its full path.</summary>
    public static string Write(this TempDirectory directory, string name, string content)
    {
        var path = directory.Combine(name);
        File.WriteAllText(path, content);
        return path;
    }
}
