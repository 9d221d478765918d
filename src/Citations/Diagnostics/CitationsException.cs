namespace Citations.Diagnostics;

/// <summary>The base of every exception the Citations libraries throw on purpose.</summary>
public class CitationsException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public CitationsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    public CitationsException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Input the caller asked to read strictly was malformed; <see cref="Diagnostics"/> says where.</summary>
public class CitationsParseException : CitationsException
{
    /// <summary>Creates an exception from the diagnostics that caused it.</summary>
    public CitationsParseException(IReadOnlyList<Diagnostic> diagnostics)
        : base(FormatMessage(diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Creates an exception from the diagnostics that caused it and an underlying exception.</summary>
    public CitationsParseException(IReadOnlyList<Diagnostic> diagnostics, Exception? innerException)
        : base(FormatMessage(diagnostics), innerException)
    {
        Diagnostics = diagnostics;
    }

    /// <summary>The problems, with file, line and column.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    private static string FormatMessage(IReadOnlyList<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        return diagnostics.Count switch
        {
            0 => "The input could not be read.",
            1 => diagnostics[0].ToString(),
            _ => $"{diagnostics[0]} (and {diagnostics.Count - 1} more problem(s))",
        };
    }
}
