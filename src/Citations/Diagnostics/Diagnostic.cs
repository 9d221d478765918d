namespace Citations.Diagnostics;

/// <summary>How serious a <see cref="Diagnostic"/> is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Information that needs no action.</summary>
    Info,

    /// <summary>Something suspicious that did not stop the work.</summary>
    Warning,

    /// <summary>Input that could not be used; the affected part was skipped and the rest was used.</summary>
    Error,

    /// <summary>
    /// Input that could not be read at all, or not past this point (a missing or oversized file, a syntax error the
    /// reader cannot recover from, text that cannot be decoded); whatever was read before it is kept.
    /// </summary>
    Fatal,
}

/// <summary>
/// A problem found in user data (a CSL-JSON file, an article file, a style): what, where and how serious.
/// </summary>
/// <param name="Severity">How serious the problem is.</param>
/// <param name="Code">A stable identifier such as <c>CIT0001</c>, for filtering and documentation.</param>
/// <param name="Message">A sentence for a human reader.</param>
/// <param name="Location">Where the problem is.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record Diagnostic(DiagnosticSeverity Severity, string Code, string Message, SourceLocation Location)
{
    /// <summary>Whether the diagnostic is an error or fatal (the input, or part of it, could not be used).</summary>
    public bool IsError => Severity >= DiagnosticSeverity.Error;

    /// <summary>Formats the diagnostic as <c>file(line,column) path: severity CODE: message</c>.</summary>
    public override string ToString()
        => $"{Location}: {Severity.ToString().ToLowerInvariant()} {Code}: {Message}";
}
