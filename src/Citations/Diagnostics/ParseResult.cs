using System.Diagnostics.CodeAnalysis;

namespace Citations.Diagnostics;

/// <summary>
/// The outcome of reading user data: the value that could be read and every problem found on the way.
/// User data is not exceptional: a malformed file gives diagnostics, not an exception.
/// </summary>
/// <typeparam name="T">The type of value read.</typeparam>
/// <remarks>Immutable and thread-safe when <typeparamref name="T"/> is.</remarks>
public sealed class ParseResult<T>
{
    /// <summary>Creates a result.</summary>
    /// <param name="value">What could be read; <see langword="null"/> when nothing could.</param>
    /// <param name="diagnostics">The problems found.</param>
    public ParseResult(T? value, IReadOnlyList<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        Value = value;
        Diagnostics = diagnostics;
    }

    /// <summary>What could be read. Parts with errors are left out; see <see cref="Diagnostics"/>.</summary>
    public T? Value { get; }

    /// <summary>Every problem found, in input order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Whether a value was read and no diagnostic is an error (or fatal).</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public bool Success => Value is not null && !Diagnostics.Any(d => d.Severity >= DiagnosticSeverity.Error);

    /// <summary>Whether the input could not be read at all, or not to its end: no value, or a fatal diagnostic.</summary>
    [MemberNotNullWhen(false, nameof(Value))]
    public bool Stopped => Value is null || Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Fatal);

    /// <summary>Returns the value, or throws a <see cref="CitationsParseException"/> listing every error.</summary>
    /// <exception cref="CitationsParseException">The input had errors.</exception>
    public T GetValueOrThrow()
    {
        if (!Success)
        {
            throw new CitationsParseException(Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Error).ToArray());
        }

        return Value;
    }
}
