using System.Globalization;
using System.Text;
using Citations.Links;
using Citations.Links.Reports;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Citations.Cli.Commands;

/// <summary>How much <c>citations check</c> prints while it runs.</summary>
internal enum CheckOutputLevel
{
    /// <summary><c>--quiet</c>: only the summary.</summary>
    Quiet,

    /// <summary>The default: progress, and a line per problem as it is found.</summary>
    Normal,

    /// <summary><c>--verbose</c>: progress, and a line per result.</summary>
    Verbose,
}

/// <summary>
/// The progress of a running check, as <c>citations check</c> shows it: on a terminal a live display (a bar, the
/// counts by verdict, the rate, the time remaining, the hosts being checked now) redrawn in place; elsewhere (a CI
/// log, a pipe) one plain line every interval. Result lines (problems, or every result with <c>--verbose</c>) are
/// printed above the live display, or between the plain lines.
/// </summary>
/// <remarks>
/// Told of each result by the checker (<see cref="IProgress{T}"/>, on the thread that reads the results); a timer
/// redraws in between, so the rate and the time remaining move while slow hosts answer. Every write is one whole line
/// (or one whole frame on a terminal).
/// </remarks>
internal sealed class CheckProgressDisplay : IProgress<LinkCheckProgress>
{
    private const int BarWidth = 30;
    private static readonly string[] Spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

    private readonly Lock _lock = new();
    private readonly int[] _counts = new int[Enum.GetValues<LinkVerdict>().Length];
    private readonly CliContext _context;
    private readonly CheckOutputLevel _level;
    private readonly TimeSpan _interval;
    private readonly long _started;
    private long _lastFrame;
    private int _total;
    private int _completed;
    private IReadOnlyList<KeyValuePair<string, int>> _hosts = [];
    private LiveDisplayContext? _live;
    private IAnsiConsole? _console;

    private CheckProgressDisplay(CliContext context, CheckOutputLevel level, TimeSpan interval, int expected)
    {
        _context = context;
        _level = level;
        _interval = interval;
        _total = expected;
        _started = TimeProvider.System.GetTimestamp();
    }

    /// <summary>Runs <paramref name="check"/> (which reads the results and tells this display of each) under the display.</summary>
    /// <param name="context">The tool's streams; a live display when <see cref="CliContext.IsTerminal"/>.</param>
    /// <param name="level">What to print.</param>
    /// <param name="interval">How often a plain progress line is printed when not on a terminal.</param>
    /// <param name="expected">How many URLs are expected (the display corrects it from the checker's count).</param>
    /// <param name="check">The check: given the display, to pass as the checker's progress and to tell of each result.</param>
    public static async Task RunAsync(CliContext context, CheckOutputLevel level, TimeSpan interval, int expected, Func<CheckProgressDisplay, Task> check)
    {
        var display = new CheckProgressDisplay(context, level, interval, expected);
        if (level == CheckOutputLevel.Quiet)
        {
            await check(display).ConfigureAwait(false);
        }
        else if (context.IsTerminal)
        {
            await display.RunLiveAsync(check).ConfigureAwait(false);
        }
        else
        {
            await display.RunPlainAsync(check).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public void Report(LinkCheckProgress value)
    {
        lock (_lock)
        {
            _total = value.Total;
            _completed = value.Completed;
            _counts[(int)value.Last.Verdict]++;
            _hosts = value.ActiveHosts;
        }
    }

    /// <summary>Prints the line of a result when the level asks for it: problems, or every result with <c>--verbose</c>.</summary>
    public void Show(LinkCheckResult result)
    {
        if (_level == CheckOutputLevel.Verbose || (_level == CheckOutputLevel.Normal && (result.IsBroken || result.HasMissingQuote)))
        {
            WriteLine(LinkReportText.ResultLine(result));
        }

        // A new result is shown at once (at most every 100 ms), not only at the next tick.
        if (_live is not null && TimeProvider.System.GetElapsedTime(_lastFrame) > TimeSpan.FromMilliseconds(100))
        {
            Redraw(finished: false);
        }
    }

    /// <summary>The plain progress line: <c>progress: 12 of 40 checked (30%), 3.2/s, about 9s left; 10 alive, 1 gone; now: host (2)</c>.</summary>
    public string PlainLine()
    {
        lock (_lock)
        {
            var text = new StringBuilder(Invariant($"progress: {_completed} of {_total} checked ({Percent()}%), {Rate():0.0}/s"));
            if (Remaining() is { } left)
            {
                text.Append(", about ").Append(Describe(left)).Append(" left");
            }

            text.Append("; ").Append(CountsText());
            if (_hosts.Count > 0)
            {
                text.Append("; now: ").Append(HostsText(int.MaxValue));
            }

            return DisplayText.Escape(text.ToString());
        }
    }

    private async Task RunPlainAsync(Func<CheckProgressDisplay, Task> check)
    {
        using var stop = new CancellationTokenSource();
        var ticker = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(_interval);
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                WriteLine(PlainLine());
            }
        }, CancellationToken.None);
        try
        {
            await check(this).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await ticker.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The check is over: so is the ticker.
            }
        }
    }

    private async Task RunLiveAsync(Func<CheckProgressDisplay, Task> check)
    {
        // The console is the tool's standard output, known to be a terminal: Spectre is told so rather than left to guess
        // from the writer (which is not Console.Out) or from CI variables (a terminal in a CI job is still a terminal).
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
            ColorSystem = ColorSystemSupport.Detect,
            // The raw standard output: the live display writes its own control sequences (what it shows is escaped).
            Out = new AnsiConsoleOutput(_context.ProgressOutput ?? _context.Out),
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
        });
        console.Profile.Width = _context.TerminalWidth;
        _console = console;
        await console.Live(Frame(finished: false))
            .AutoClear(false)
            .Overflow(VerticalOverflow.Ellipsis)
            .Cropping(VerticalOverflowCropping.Bottom)
            .StartAsync(async live =>
            {
                lock (_lock)
                {
                    _live = live;
                }

                using var stop = new CancellationTokenSource();
                var ticker = Task.Run(async () =>
                {
                    using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
                    while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
                    {
                        Redraw(finished: false);
                    }
                }, CancellationToken.None);
                try
                {
                    await check(this).ConfigureAwait(false);
                }
                finally
                {
                    await stop.CancelAsync().ConfigureAwait(false);
                    try
                    {
                        await ticker.ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        // The check is over: so is the ticker.
                    }

                    Redraw(finished: true);
                    lock (_lock)
                    {
                        _live = null;
                    }
                }
            }).ConfigureAwait(false);
        await _context.Out.FlushAsync().ConfigureAwait(false);
        await (_context.ProgressOutput ?? _context.Out).FlushAsync().ConfigureAwait(false);
    }

    private void Redraw(bool finished)
    {
        lock (_lock)
        {
            if (_live is { } live)
            {
                _lastFrame = TimeProvider.System.GetTimestamp();
                live.UpdateTarget(Frame(finished));
                live.Refresh();
            }
        }
    }

    private void WriteLine(string line)
    {
        lock (_lock)
        {
            if (_console is { } console && _live is not null)
            {
                // Above the live display, which Spectre redraws below it.
                console.Write(new Text(line + "\n"));
            }
            else
            {
                _context.Out.WriteLine(line);
            }
        }
    }

    /// <summary>One frame of the live display: the bar line, the counts by verdict, and the hosts being checked.</summary>
    private IRenderable Frame(bool finished)
    {
        lock (_lock)
        {
            var filled = _total == 0 ? (finished ? BarWidth : 0) : (int)Math.Round((double)_completed / _total * BarWidth);
            var elapsed = TimeProvider.System.GetElapsedTime(_started);
            var head = finished ? "✔" : Spinner[(int)(elapsed.TotalMilliseconds / 100) % Spinner.Length];
            var status = Invariant($" {_completed}/{_total}  {Percent()}%  {Rate():0.0}/s  ");
            status += finished
                ? "done in " + Describe(elapsed)
                : Remaining() is { } left ? Describe(left) + " left" : "estimating";
            var first = new Paragraph()
                .Append(head + " checking links ")
                .Append(new string('█', filled), new Style(Color.Green))
                .Append(new string('░', BarWidth - filled), new Style(Color.Grey))
                .Append(DisplayText.Escape(status));
            var counts = new Text("  " + DisplayText.Escape(CountsText()));
            var hosts = new Text(finished || _hosts.Count == 0 ? "  now: -" : "  now: " + DisplayText.Escape(HostsText(Math.Max(20, _context.TerminalWidth - 8))));
            return new Rows(first, counts, hosts);
        }
    }

    private int Percent() => _total == 0 ? 0 : (int)(100L * _completed / _total);

    private double Rate()
    {
        var seconds = TimeProvider.System.GetElapsedTime(_started).TotalSeconds;
        return seconds <= 0 ? 0 : _completed / seconds;
    }

    private TimeSpan? Remaining()
    {
        var rate = Rate();
        return _completed == 0 || rate <= 0 ? null : TimeSpan.FromSeconds(Math.Ceiling((_total - _completed) / rate));
    }

    private string CountsText()
    {
        var parts = Enum.GetValues<LinkVerdict>().Where(v => _counts[(int)v] > 0).Select(v => Invariant($"{_counts[(int)v]} {v.ToReportName()}")).ToList();
        return parts.Count == 0 ? "no results yet" : string.Join(", ", parts);
    }

    private string HostsText(int width)
    {
        var text = string.Join(", ", _hosts.Select(h => Invariant($"{h.Key} ({h.Value})")));
        return text.Length <= width ? text : text[..(width - 1)] + "…";
    }

    private static string Describe(TimeSpan span) => span.TotalSeconds < 60
        ? Invariant($"{span.TotalSeconds:0}s")
        : span.TotalHours < 1 ? Invariant($"{(int)span.TotalMinutes}m{span.Seconds:00}s") : Invariant($"{(int)span.TotalHours}h{span.Minutes:00}m");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
