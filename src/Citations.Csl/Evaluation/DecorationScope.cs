using Citations.Csl.Output;

namespace Citations.Csl.Evaluation;

/// <summary>
/// The decorations of the elements enclosing the one being rendered (an immutable linked list, innermost first), so
/// that markup inside field values can flip against them: italics inside an italic title become upright.
/// </summary>
internal sealed class DecorationScope
{
    public static readonly DecorationScope Empty = new(default, null);

    private DecorationScope(Decorations decorations, DecorationScope? parent)
    {
        Decorations = decorations;
        Parent = parent;
    }

    public Decorations Decorations { get; }

    public DecorationScope? Parent { get; }

    public DecorationScope Push(in Decorations decorations) => decorations.HasAny ? new DecorationScope(decorations, this) : this;

    /// <summary>The value of an attribute on the outermost enclosing element that sets it, as citeproc-js looks it up.</summary>
    public T? Outermost<T>(Func<Decorations, T?> select)
        where T : struct
    {
        T? found = null;
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (select(scope.Decorations) is { } value)
            {
                found = value;
            }
        }

        return found;
    }
}
