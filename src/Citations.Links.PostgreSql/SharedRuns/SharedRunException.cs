using Citations.Diagnostics;

namespace Citations.Links.PostgreSql.SharedRuns;

/// <summary>
/// A shared run cannot go on: the database cannot be reached or holds a newer schema, a worker's links differ from the
/// run's, or the run stalled. The message says which, and what to do.
/// </summary>
public sealed class SharedRunException : CitationsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public SharedRunException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public SharedRunException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
