namespace Citations.Cli.Tests.TestSupport;

/// <summary>A temporary folder for a test's files, deleted with everything in it when disposed.</summary>
internal sealed class TempFiles : IDisposable
{
    public TempFiles() => Directory.CreateDirectory(Folder);

    /// <summary>The folder's full path.</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "citations-cli-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes a file in the folder and returns its full path.</summary>
    public string Write(string name, string content)
    {
        var file = Path.Combine(Folder, name);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
