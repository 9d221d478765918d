using Citations.Diagnostics;

namespace Citations.Cli;

/// <summary>
/// The exit codes of every command, the contract the README states and the tests check per command. A script can rely
/// on them: 0 and 1 mean the command ran; 2 means it did nothing; 70 is a bug in this program.
/// </summary>
internal static class ExitCodes
{
    /// <summary>The command did its job and found nothing a person must look at.</summary>
    public const int Success = 0;

    /// <summary>
    /// The command ran and found problems: error diagnostics in an input (the other entries were still processed),
    /// broken links, quotes missing from their pages, a style or locale needed but unavailable offline.
    /// </summary>
    public const int Problems = 1;

    /// <summary>
    /// Nothing was done: a wrong command line, or an input that cannot be read at all (missing, unreadable, not the kind
    /// of file expected, over its size cap, not decodable as a whole, or a syntax error that stops its reader).
    /// </summary>
    public const int NothingDone = 2;

    /// <summary>An unexpected exception: a bug in this program, reported in one line (BSD <c>EX_SOFTWARE</c>).</summary>
    public const int InternalError = 70;

    /// <summary>The code an input's diagnostics call for: <see cref="NothingDone"/> when it could not be read (or not to
    /// its end), <see cref="Problems"/> when some entries had errors, else <see cref="Success"/>.</summary>
    /// <param name="result">The result of reading the input.</param>
    public static int Of<T>(ParseResult<T> result)
        => result.Stopped ? NothingDone : result.Diagnostics.Any(d => d.IsError) ? Problems : Success;
}
