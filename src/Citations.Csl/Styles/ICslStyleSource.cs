namespace Citations.Csl.Styles;

/// <summary>
/// A place styles come from: the styles embedded in this package, a directory (such as a clone of the official styles
/// repository), a download cache, or anything else a caller implements. A <see cref="CslStyleLoader"/> asks its sources
/// in order.
/// </summary>
/// <remarks>Implementations must be thread-safe. Built-in sources are created by <see cref="CslStyleSources"/>.</remarks>
public interface ICslStyleSource
{
    /// <summary>Where this source looks, for messages ("the styles in /data/styles").</summary>
    string Description { get; }

    /// <summary>Finds a style by name (<c>apa</c>), file name (<c>apa.csl</c>), id or URI
    /// (<c>http://www.zotero.org/styles/apa</c>).</summary>
    /// <param name="reference">The name, id or URI.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <returns>The parsed style as found (a dependent style is returned unresolved), or <see langword="null"/> when this
    /// source does not have it.</returns>
    /// <exception cref="CslException">The source has the style but it is malformed.</exception>
    /// <exception cref="CslStyleDownloadException">A remote source could not be reached.</exception>
    ValueTask<CslStyle?> FindAsync(string reference, CancellationToken cancellationToken = default);
}
