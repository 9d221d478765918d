using Citations.Diagnostics;

namespace Citations.Csl;

/// <summary>
/// A style or locale could not be used: malformed XML, an invalid attribute value, a macro that calls itself, a
/// dependent style whose parent cannot be found. The message names the file, line and column.
/// </summary>
public sealed class CslException : CitationsException
{
    /// <summary>Creates an exception for a problem at a location.</summary>
    public CslException(string message, SourceLocation location, Exception? innerException = null)
        : base($"{location}: {message}", innerException)
    {
        Location = location;
        Problem = message;
    }

    /// <summary>Where the problem is.</summary>
    public SourceLocation Location { get; }

    /// <summary>The problem, without the location.</summary>
    public string Problem { get; }
}
