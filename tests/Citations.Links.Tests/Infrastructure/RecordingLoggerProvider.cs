using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Citations.Tests.TestSupport;

/// <summary>One log event as a provider saw it: category, id, level, the structured values and the message.</summary>
public sealed record LoggedEvent(string Category, EventId EventId, LogLevel Level, IReadOnlyDictionary<string, object?> Values, string Message)
{
    /// <summary>A structured value as text, or null.</summary>
    public string? Value(string name) => Values.TryGetValue(name, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null;
}

/// <summary>A real logger provider that keeps every event (all levels), for tests that assert what a component logs.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LoggedEvent> _events = new();

    public IReadOnlyList<LoggedEvent> Events => [.. _events];

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(categoryName, _events);

    public void Dispose()
    {
    }

    private sealed class RecordingLogger(string category, ConcurrentQueue<LoggedEvent> events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    values[key] = value;
                }
            }

            events.Enqueue(new LoggedEvent(category, eventId, logLevel, values, formatter(state, exception)));
        }
    }
}
