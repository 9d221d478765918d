using System.Collections.Concurrent;
using System.Xml;

namespace Citations.Csl.Styles;

/// <summary>
/// Styles in a directory laid out like the official repository: <c>NAME.csl</c> at the top, dependent styles in
/// <c>dependent/NAME.csl</c>. Lookup by name is a file check; lookup by id reads the <c>&lt;id&gt;</c> of every file
/// once (only when the name does not match), so a clone with thousands of dependent styles stays cheap.
/// </summary>
internal sealed class DirectoryStyleSource : ICslStyleSource
{
    private const string DependentFolder = "dependent";

    private readonly ConcurrentDictionary<string, Lazy<CslStyle>> _parsed = new(StringComparer.Ordinal);
    private readonly Lazy<IReadOnlyList<(string Id, string Path)>> _ids;
    private readonly long _maxFileBytes;

    public DirectoryStyleSource(string directory, long maxFileBytes = Formats.InputFile.DefaultMaxBytes)
    {
        Directory = Path.GetFullPath(directory);
        _maxFileBytes = maxFileBytes;
        _ids = new Lazy<IReadOnlyList<(string, string)>>(IndexIds);
    }

    /// <summary>The directory's full path.</summary>
    public string Directory { get; }

    public string Description => $"the styles in {Directory}";

    public ValueTask<CslStyle?> FindAsync(string reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Find(reference));
    }

    /// <summary>The path of the style file a reference names, or <see langword="null"/>.</summary>
    public string? FindFile(string reference)
    {
        if (StyleNames.TryGetName(reference, out var name))
        {
            foreach (var candidate in new[] { Path.Combine(Directory, name + ".csl"), Path.Combine(Directory, DependentFolder, name + ".csl") })
            {
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        // The name did not match (a renamed file, or an id that is not a URL ending in the name): compare ids.
        foreach (var (id, path) in _ids.Value)
        {
            if (StyleNames.SameId(id, reference))
            {
                return path;
            }
        }

        return null;
    }

    private CslStyle? Find(string reference)
        => FindFile(reference) is { } path ? _parsed.GetOrAdd(path, p => new Lazy<CslStyle>(() => CslStyle.Parse(CslFileText.Read(p, _maxFileBytes), p))).Value : null;

    private List<(string, string)> IndexIds()
    {
        var list = new List<(string, string)>();
        foreach (var folder in new[] { Directory, Path.Combine(Directory, DependentFolder) })
        {
            if (!System.IO.Directory.Exists(folder))
            {
                continue;
            }

            foreach (var file in System.IO.Directory.EnumerateFiles(folder, "*.csl").Order(StringComparer.Ordinal))
            {
                if (ReadId(file, _maxFileBytes) is { } id)
                {
                    list.Add((id, file));
                }
            }
        }

        return list;
    }

    /// <summary>Reads a style file only as far as its <c>info/id</c>. Unreadable or malformed files are skipped here:
    /// they are reported when the style itself is asked for.</summary>
    private static string? ReadId(string file, long maxFileBytes)
    {
        // Only as far as the id, and never past the size cap (a huge file, or a link to a device, gives up there).
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, MaxCharactersInDocument = maxFileBytes };
        try
        {
            using var reader = XmlReader.Create(file, settings);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (reader.LocalName == "id" && reader.NamespaceURI == CslXml.Namespace)
                {
                    return reader.ReadElementContentAsString().Trim();
                }

                if (reader.LocalName is "macro" or "citation" or "bibliography" or "locale")
                {
                    return null;
                }
            }
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return null;
    }
}
