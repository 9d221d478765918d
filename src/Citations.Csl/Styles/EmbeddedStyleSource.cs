using System.Collections.Frozen;

namespace Citations.Csl.Styles;

/// <summary>The default styles compiled into this assembly; each is parsed once, on first use.</summary>
internal sealed class EmbeddedStyleSource : ICslStyleSource
{
    private readonly FrozenDictionary<string, Lazy<CslStyle>> _styles = new[] { CslStyleSources.AuthorDate, CslStyleSources.Numeric }
        .ToFrozenDictionary(
            id => id,
            id => new Lazy<CslStyle>(() => CslStyle.Parse(EmbeddedResources.Read(id + ".csl"), "embedded:" + id + ".csl")),
            StringComparer.OrdinalIgnoreCase);

    public string Description => $"the embedded styles ({string.Join(", ", _styles.Keys.Order(StringComparer.Ordinal))})";

    public ValueTask<CslStyle?> FindAsync(string reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return ValueTask.FromResult(StyleNames.TryGetName(reference, out var name) && _styles.TryGetValue(name, out var style) ? style.Value : null);
    }
}
