using System.Globalization;
using Polly;

namespace Citations.Links.Http;

/// <summary>
/// What happened to the requests of one check across retries, for its evidence: how many requests were sent, how
/// long the waits were, and what <c>Retry-After</c> asked for.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class RequestTrace
{
    /// <summary>
    /// The key under which a check's trace travels in the Polly <see cref="ResilienceContext"/> of each request, so that
    /// strategies (the default retry, or yours) can add to it.
    /// </summary>
    public static ResiliencePropertyKey<RequestTrace> ContextKey { get; } = new("Citations.Links.Trace");

    private readonly Lock _lock = new();
    private List<string>? _notes;
    private int _requests;
    private TimeSpan? _retryAfter;

    /// <summary>How many requests were sent.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The longest wait a server asked for with <c>Retry-After</c>, before capping.</summary>
    public TimeSpan? RetryAfter
    {
        get
        {
            lock (_lock)
            {
                return _retryAfter;
            }
        }
    }

    /// <summary>Notes for the evidence, in order.</summary>
    public IReadOnlyList<string> Notes
    {
        get
        {
            lock (_lock)
            {
                return _notes is null ? [] : _notes.ToArray();
            }
        }
    }

    /// <summary>Counts a request.</summary>
    public void NoteRequest() => Interlocked.Increment(ref _requests);

    /// <summary>Adds a note to the evidence; control characters in it are escaped (see <see cref="DisplayText.Escape"/>).</summary>
    public void Note(string note)
    {
        note = DisplayText.Escape(note);
        lock (_lock)
        {
            _notes ??= new List<string>(2);
            if (_notes.Count < 32 && !_notes.Contains(note))
            {
                _notes.Add(note);
            }
        }
    }

    /// <summary><paramref name="first"/> followed by the notes of this trace, in one new array.</summary>
    internal string[] NotesAfter(IReadOnlyList<string> first)
    {
        lock (_lock)
        {
            var count = _notes?.Count ?? 0;
            var all = new string[first.Count + count];
            for (var i = 0; i < first.Count; i++)
            {
                all[i] = first[i];
            }

            _notes?.CopyTo(all, first.Count);
            return all;
        }
    }

    /// <summary>When the check must be over (its start plus the total timeout), if known: retries that would wait past it are not made.</summary>
    internal DateTimeOffset? Deadline { get; set; }

    internal void NoteRetryAfterRefused(TimeSpan requested, string why)
    {
        RecordRetryAfter(requested);
        Note(string.Create(CultureInfo.InvariantCulture,
            $"server asked to wait {Seconds(requested)} (Retry-After), {why}: not retried, the answer stands"));
    }

    internal void NoteRetry(TimeSpan delay)
        => Note(string.Create(CultureInfo.InvariantCulture, $"retried after {delay.TotalSeconds:0.###} s"));

    internal void NoteRetryAfter(TimeSpan requested, TimeSpan used)
    {
        RecordRetryAfter(requested);
        if (used < requested)
        {
            Note(string.Create(CultureInfo.InvariantCulture,
                $"server asked to wait {requested.TotalSeconds:0.###} s (Retry-After); waited the cap, {used.TotalSeconds:0.###} s"));
        }
    }

    /// <summary>Seconds for a note: <c>1.5 s</c>, and for waits of days a count of days too.</summary>
    private static string Seconds(TimeSpan value)
        => value >= TimeSpan.FromDays(2)
            ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0} s, about {value.TotalDays:0} days")
            : string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.###} s");

    private void RecordRetryAfter(TimeSpan requested)
    {
        lock (_lock)
        {
            if (_retryAfter is null || requested > _retryAfter)
            {
                _retryAfter = requested;
            }
        }
    }
}
