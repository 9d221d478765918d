namespace Citations.Cli.Commands;

/// <summary>An input file cannot be read at all; the message names the file (and line and column when known). Exit code 2.</summary>
internal sealed class InputException(string message) : Exception(message);
