using Citations.Csl.Output;

namespace Citations.Csl.Evaluation;

/// <summary>
/// The decorations of the elements enclosing the one being rendered (an immutable linked list, innermost first), so
/// that markup inside field values can flip against them: italics inside an italic title become upright.
/// </summary>
internal sealed class DecorationScope
{
    public static readonly DecorationScope Empty = new(default, null);

    private DecorationScope(Decorations decorations, DecorationScope? parent, bool isLayout = false)
    {
        Decorations = decorations;
        Parent = parent;
        IsLayout = isLayout;
    }

    /// <summary>Whether this is a citation layout's formatting, consulted only after every enclosing element.</summary>
    public bool IsLayout { get; }

    /// <summary>A root scope holding a citation layout's formatting.</summary>
    public static DecorationScope ForLayout(in Decorations decorations) => decorations.HasAny ? new DecorationScope(decorations, null, isLayout: true) : Empty;

    public Decorations Decorations { get; }

    public DecorationScope? Parent { get; }

    public DecorationScope Push(in Decorations decorations) => decorations.HasAny ? new DecorationScope(decorations, this) : this;

    /// <summary>The value of an attribute on the outermost enclosing element that sets it, as citeproc-js looks it up.</summary>
    public T? Outermost<T>(Func<Decorations, T?> select)
        where T : struct
    {
        T? found = null;
        T? layout = null;
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (select(scope.Decorations) is { } value)
            {
                if (scope.IsLayout)
                {
                    layout = value;
                }
                else
                {
                    found = value;
                }
            }
        }

        return found ?? layout;
    }
}
