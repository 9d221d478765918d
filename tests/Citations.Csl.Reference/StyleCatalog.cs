using System.Text.RegularExpressions;
using Citations.Csl.Styles;

namespace Citations.Csl.Reference;

/// <summary>One style file of the shared styles directory.</summary>
/// <param name="Name">The file name without extension (for a dependent style, prefixed <c>dependent/</c>).</param>
/// <param name="Path">The file's full path.</param>
/// <param name="IsDependent">Whether the file is in the <c>dependent</c> folder.</param>
public sealed record StyleFile(string Name, string Path, bool IsDependent);

/// <summary>A style loaded for our processor, with how a dependent style was resolved.</summary>
/// <param name="Style">The independent style that renders.</param>
/// <param name="ForcedLanguage">A language to force (the dependent's default locale), when the style had to be replaced by its parent.</param>
/// <param name="Resolution">How a dependent style was resolved, for the report; <see langword="null"/> for an independent style.</param>
public sealed record LoadedStyle(CslStyle Style, string? ForcedLanguage, string? Resolution);

/// <summary>The shared styles (every independent style and the dependent ones), and how our processor loads them.</summary>
public static class StyleCatalog
{
    /// <summary>Lists the styles, independent first, each group by name; <paramref name="filter"/> matches the name.</summary>
    /// <param name="stylesDirectory">The shared styles directory.</param>
    /// <param name="filter">A regular expression over <see cref="StyleFile.Name"/>, or <see langword="null"/>.</param>
    public static IReadOnlyList<StyleFile> List(string stylesDirectory, Regex? filter = null)
    {
        var independent = Directory.EnumerateFiles(stylesDirectory, "*.csl")
            .Select(p => new StyleFile(System.IO.Path.GetFileNameWithoutExtension(p), p, false));
        var dependentDir = System.IO.Path.Combine(stylesDirectory, "dependent");
        var dependent = Directory.Exists(dependentDir)
            ? Directory.EnumerateFiles(dependentDir, "*.csl").Select(p => new StyleFile("dependent/" + System.IO.Path.GetFileNameWithoutExtension(p), p, true))
            : [];
        return [.. independent.OrderBy(s => s.Name, StringComparer.Ordinal)
            .Concat(dependent.OrderBy(s => s.Name, StringComparer.Ordinal))
            .Where(s => filter is null || filter.IsMatch(s.Name))];
    }

    /// <summary>
    /// Loads a style for our processor. A dependent style is resolved by the library's public style loader, which
    /// finds the parent as render.js does (one folder up, then beside the dependent).
    /// </summary>
    /// <param name="file">The style file.</param>
    /// <exception cref="CslException">The style or its parent is malformed, or the parent is missing.</exception>
    public static LoadedStyle Load(StyleFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var style = CslStyle.Load(file.Path);
        if (!style.IsDependent)
        {
            return new LoadedStyle(style, null, null);
        }

        var loader = new CslStyleLoader([CslStyleSources.FromDirectory(System.IO.Path.GetDirectoryName(file.Path)!)]);
        var resolved = loader.LoadFileAsync(file.Path).AsTask().GetAwaiter().GetResult();
        return new LoadedStyle(resolved, style.DefaultLocale, $"parent resolved by CslStyleLoader ({resolved.Id})");
    }
}
