using Citations.Csl.Output;

namespace Citations.Csl.Evaluation;

/// <summary>
/// The names a bibliography entry leads with, tagged in its output tree by the walk: what subsequent-author-substitute
/// compares with the previous entry and replaces after rendering.
/// </summary>
internal sealed class AuthorNames
{
    /// <summary>The output node holding the names (and their label).</summary>
    public required Blob Container { get; init; }

    /// <summary>Each name's output node, in order.</summary>
    public List<Blob> NameBlobs { get; } = [];

    /// <summary>What each name is compared by (its parts, or the literal; a substituted title's text).</summary>
    public List<string> Keys { get; } = [];

    /// <summary>The names' label, kept when the names are replaced.</summary>
    public Blob? Label { get; set; }

    /// <summary>Whether nothing came before the names in the entry (only then are they substituted).</summary>
    public required bool Eligible { get; init; }
}
