using Citations.CslData;
using Citations.Diagnostics;
using Citations.Serialization;

namespace Citations.Formats;

/// <summary>CSL-JSON, the citation processors' own format: an array of items (or one item object).</summary>
/// <remarks>Thread-safe. The reading and writing themselves are <see cref="CslJson"/>'s.</remarks>
public sealed class CslJsonFormat : IItemReader, IItemWriter
{
    /// <summary>The one instance.</summary>
    public static CslJsonFormat Instance { get; } = new();

    private CslJsonFormat()
    {
    }

    /// <inheritdoc/>
    public string Name => "csljson";

    /// <inheritdoc/>
    public IReadOnlyList<string> Extensions { get; } = [".json", ".csljson"];

    /// <inheritdoc/>
    public string Extension => ".json";

    /// <inheritdoc/>
    public bool Sniff(ReadOnlySpan<byte> start)
    {
        start = start.TrimStart(" \t\r\n"u8);
        return start.Length > 0 && (start[0] == (byte)'[' || start[0] == (byte)'{');
    }

    /// <inheritdoc/>
    public ParseResult<IReadOnlyList<CslItem>> Read(ReadOnlyMemory<byte> content, string? file) => CslJson.Read(content, file);

    /// <inheritdoc/>
    public string Write(IReadOnlyList<CslItem> items) => CslJson.Write(items) + "\n";
}
