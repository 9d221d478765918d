using Citations.CslData;
using Citations.Diagnostics;
using Citations.Formats;

namespace Citations.Serialization;

/// <summary>
/// The items of the file an article's <c>bibliography</c> property names, read through <see cref="ItemFormats"/> (so any
/// item format the program reads will do), for sources that give the <c>id</c> of an item instead of the item itself.
/// </summary>
internal sealed class ArticleBibliography
{
    private readonly Dictionary<string, CslItem> _items;

    private ArticleBibliography(string name, IReadOnlyList<CslItem> items, bool incomplete)
    {
        Name = name;
        Incomplete = incomplete;
        _items = new Dictionary<string, CslItem>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            _items.TryAdd(item.Id.Text, item);
        }
    }

    /// <summary>The file's name as diagnostics give it.</summary>
    public string Name { get; }

    /// <summary>Whether the file could not be read to its end (its problems are reported already).</summary>
    public bool Incomplete { get; }

    /// <summary>The item with an id, or <see langword="null"/>.</summary>
    public CslItem? Find(string id) => _items.GetValueOrDefault(id);

    /// <summary>
    /// Reads the bibliography file. A relative <paramref name="reference"/> is relative to the article file: to
    /// <see cref="ArticleReadOptions.BaseDirectory"/> when set, else to the folder of <paramref name="articleFile"/>.
    /// </summary>
    /// <param name="reference">The value of the <c>bibliography</c> property.</param>
    /// <param name="articleFile">The article file's name as diagnostics give it, if any.</param>
    /// <param name="options">The reading options.</param>
    /// <param name="diagnostics">Where the file's problems go.</param>
    public static ArticleBibliography Read(string reference, string? articleFile, ArticleReadOptions options, List<Diagnostic> diagnostics)
    {
        var articleFolder = articleFile is null ? null : Path.GetDirectoryName(articleFile);
        var name = string.IsNullOrEmpty(articleFolder) ? reference : Path.Combine(articleFolder, reference);
        var path = Path.GetFullPath(reference, options.BaseDirectory ?? Path.GetFullPath(string.IsNullOrEmpty(articleFolder) ? "." : articleFolder));
        var read = options.ItemFormats.ReadFile(path, options.MaxFileBytes, name);
        diagnostics.AddRange(read.Diagnostics);
        return new ArticleBibliography(name, read.Value ?? [], read.Stopped);
    }
}
