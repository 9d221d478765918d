namespace Citations.Csl.Styles;

/// <summary>
/// Finds the independent parent of a dependent style. The default looks where <see cref="CslStyleLoader"/> describes;
/// a caller that keeps styles elsewhere (a database, an application bundle) supplies its own.
/// </summary>
/// <param name="dependent">The dependent style; <see cref="CslStyle.IndependentParent"/> is the parent's URI.</param>
/// <param name="cancellationToken">Cancels the search.</param>
/// <returns>The parent, or <see langword="null"/> when it cannot be found.</returns>
public delegate ValueTask<CslStyle?> CslParentResolver(CslStyle dependent, CancellationToken cancellationToken);

/// <summary>
/// Loads styles by file path, name or id from a list of sources, and resolves dependent styles to their parent, so that
/// what it returns can always be given to <see cref="Processing.CslProcessor.Create"/>.
/// </summary>
/// <remarks>
/// <para>
/// A reference that names an existing file is read from that file; anything else (<c>apa</c>,
/// <c>http://www.zotero.org/styles/apa</c>, <c>citations-author-date</c>) is looked up in the sources, in order.
/// </para>
/// <para>
/// The parent of a dependent style (its <c>independent-parent</c> link, such as <c>…/styles/chicago-author-date</c>) is
/// looked for, unless a <see cref="CslParentResolver"/> is given: first in the directory sources (<c>NAME.csl</c>, then
/// by <c>&lt;id&gt;</c>); then, for a dependent read from a file, beside it (the folder above a <c>dependent/</c> folder,
/// then its own folder); then in the other sources (embedded styles, downloads). This is the order the reference harness
/// <c>render.js</c> uses with <c>--styles-dir</c>.
/// </para>
/// <para>Immutable and thread-safe; the built-in sources parse each style once.</para>
/// </remarks>
/// <example>
/// <code>
/// var loader = new CslStyleLoader([CslStyleSources.FromDirectory("styles"), CslStyleSources.Embedded]);
/// CslStyle style = await loader.LoadAsync("apa");
/// </code>
/// </example>
public sealed class CslStyleLoader
{
    private readonly ICslStyleSource[] _sources;
    private readonly CslParentResolver? _parentResolver;

    /// <summary>Creates a loader.</summary>
    /// <param name="sources">Where to look for styles by name or id, in order.</param>
    /// <param name="parentResolver">Finds the parents of dependent styles. <value>Default: the search described above.</value></param>
    public CslStyleLoader(IEnumerable<ICslStyleSource> sources, CslParentResolver? parentResolver = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _sources = [.. sources];
        if (Array.IndexOf(_sources, null) >= 0)
        {
            throw new ArgumentException("A style source is null.", nameof(sources));
        }

        _parentResolver = parentResolver;
    }

    /// <summary>A loader that knows the embedded styles and reads files by path.</summary>
    public static CslStyleLoader Default { get; } = new([CslStyleSources.Embedded]);

    /// <summary>The sources, in the order they are asked.</summary>
    public IReadOnlyList<ICslStyleSource> Sources => _sources;

    /// <summary>Loads a style by file path, name, id or URI, and resolves it to its parent if it is dependent.</summary>
    /// <param name="reference">A path to a <c>.csl</c> file, or a name, id or URI the sources know.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>An independent style (for a dependent one, the parent with the dependent's id, title and locale).</returns>
    /// <exception cref="CslStyleNotFoundException">No source has the style, or the parent of a dependent style.</exception>
    /// <exception cref="CslException">A style is malformed, or a parent is itself dependent.</exception>
    /// <exception cref="CslStyleDownloadException">A download failed after every retry.</exception>
    /// <exception cref="IOException">A style file exists but cannot be read.</exception>
    public async ValueTask<CslStyle> LoadAsync(string reference, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        if (File.Exists(reference))
        {
            return await LoadFileAsync(reference, cancellationToken).ConfigureAwait(false);
        }

        if (IsPath(reference))
        {
            // A path that does not exist is a mistake to report, not a name to look up elsewhere.
            throw new CslStyleNotFoundException(reference, [$"the file {Path.GetFullPath(reference)}, which does not exist"]);
        }

        var style = await FindAsync(reference, cancellationToken).ConfigureAwait(false)
            ?? throw new CslStyleNotFoundException(reference, [.. _sources.Select(s => s.Description)]);

        return await ResolveAsync(style, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a style file and resolves it to its parent if it is dependent.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <exception cref="CslStyleNotFoundException">The parent of a dependent style cannot be found.</exception>
    /// <exception cref="CslException">The style is malformed, or its parent is itself dependent.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public async ValueTask<CslStyle> LoadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        cancellationToken.ThrowIfCancellationRequested();
        var text = CslFileText.Read(full);
        var style = CslStyle.Parse(text, path);
        return await ResolveAsync(style, full, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Resolves a dependent style to its parent (with the dependent's id, title and default locale); returns an
    /// independent style unchanged.</summary>
    /// <param name="style">The style.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <exception cref="CslStyleNotFoundException">The parent cannot be found.</exception>
    /// <exception cref="CslException">The parent is itself dependent.</exception>
    public ValueTask<CslStyle> ResolveAsync(CslStyle style, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(style);
        var file = style.Source is { } source && File.Exists(source) ? Path.GetFullPath(source) : null;
        return ResolveAsync(style, file, cancellationToken);
    }

    private async ValueTask<CslStyle?> FindAsync(string reference, CancellationToken cancellationToken)
    {
        foreach (var source in _sources)
        {
            if (await source.FindAsync(reference, cancellationToken).ConfigureAwait(false) is { } style)
            {
                return style;
            }
        }

        return null;
    }

    private async ValueTask<CslStyle> ResolveAsync(CslStyle style, string? file, CancellationToken cancellationToken)
    {
        if (!style.IsDependent)
        {
            return style;
        }

        var href = style.IndependentParent!;
        var who = file ?? style.Source ?? style.Id;
        CslStyle? parent;
        List<string> lookedIn = [];
        if (_parentResolver is { } resolver)
        {
            parent = await resolver(style, cancellationToken).ConfigureAwait(false);
            lookedIn.Add("the caller's parent resolver");
        }
        else
        {
            parent = await FindParentAsync(href, file, lookedIn, cancellationToken).ConfigureAwait(false);
        }

        if (parent is null)
        {
            throw new CslStyleNotFoundException(href, lookedIn, who);
        }

        if (parent.IsDependent)
        {
            throw new CslException($"The parent of the dependent style {who} is itself a dependent style ({parent.Source ?? parent.Id}).", new Diagnostics.SourceLocation(parent.Source, null, 0, 0));
        }

        return style.WithParent(parent);
    }

    private async ValueTask<CslStyle?> FindParentAsync(string href, string? file, List<string> lookedIn, CancellationToken cancellationToken)
    {
        // Directory sources first (render.js: --styles-dir first), then the folders beside a dependent read from a file,
        // then every other source.
        foreach (var source in _sources.OfType<DirectoryStyleSource>())
        {
            lookedIn.Add(source.Description);
            if (await source.FindAsync(href, cancellationToken).ConfigureAwait(false) is { } found)
            {
                return found;
            }
        }

        if (file is not null)
        {
            var folder = Path.GetDirectoryName(file)!;
            var beside = new List<string>();
            if (Path.GetDirectoryName(folder) is { } above)
            {
                beside.Add(above);
            }

            beside.Add(folder);
            foreach (var directory in beside)
            {
                var source = new DirectoryStyleSource(directory);
                lookedIn.Add(source.Description);
                if (source.FindFile(href) is { } path && !string.Equals(path, file, StringComparison.Ordinal))
                {
                    return CslStyle.Load(path);
                }
            }
        }

        foreach (var source in _sources.Where(s => s is not DirectoryStyleSource))
        {
            lookedIn.Add(source.Description);
            if (await source.FindAsync(href, cancellationToken).ConfigureAwait(false) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Whether a reference is a file path (it has a folder in it) rather than a name, id or URI.</summary>
    private static bool IsPath(string reference)
        => !reference.Contains("://", StringComparison.Ordinal) && (reference.Contains('/', StringComparison.Ordinal) || reference.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal));
}
