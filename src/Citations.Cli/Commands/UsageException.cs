namespace Citations.Cli.Commands;

/// <summary>The command line was wrong (options that contradict each other); the message says how. Exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
