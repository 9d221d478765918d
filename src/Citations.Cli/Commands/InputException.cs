namespace Citations.Cli.Commands;

/// <summary>An input file is unreadable or malformed; the message names the file (and line and column when known).
/// Exit code 2, like a wrong command line.</summary>
internal sealed class InputException(string message) : Exception(message);
