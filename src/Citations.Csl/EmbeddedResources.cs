namespace Citations.Csl;

/// <summary>Reads the locale and styles embedded in this assembly (written for this package).</summary>
internal static class EmbeddedResources
{
    public static string Read(string name)
    {
        var assembly = typeof(EmbeddedResources).Assembly;
        using var stream = assembly.GetManifestResourceStream("Citations.Csl.Resources." + name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
