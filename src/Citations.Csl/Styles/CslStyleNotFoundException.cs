using Citations.Diagnostics;

namespace Citations.Csl.Styles;

/// <summary>No source had the style asked for (or the parent of a dependent style). The message lists where the loader
/// looked.</summary>
public sealed class CslStyleNotFoundException : CitationsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reference">The name, id, URI or path asked for.</param>
    /// <param name="lookedIn">Where the loader looked, in order.</param>
    /// <param name="dependent">For a missing parent: the dependent style that needs it.</param>
    public CslStyleNotFoundException(string reference, IReadOnlyList<string> lookedIn, string? dependent = null)
        : base(Describe(reference, lookedIn, dependent))
    {
        Reference = reference;
        LookedIn = lookedIn;
        Dependent = dependent;
    }

    /// <summary>The name, id, URI or path asked for.</summary>
    public string Reference { get; }

    /// <summary>Where the loader looked, in order.</summary>
    public IReadOnlyList<string> LookedIn { get; }

    /// <summary>For a missing parent: the dependent style (its file or id) that needs it; otherwise <see langword="null"/>.</summary>
    public string? Dependent { get; }

    private static string Describe(string reference, IReadOnlyList<string> lookedIn, string? dependent)
    {
        var what = dependent is null ? $"Style '{reference}' was not found" : $"The dependent style {dependent} needs its parent '{reference}', which was not found";
        return lookedIn.Count == 0 ? what + "." : $"{what}; looked in: {string.Join("; ", lookedIn)}.";
    }
}
