using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Citations.Links;

namespace Citations.Cli.Commands;

/// <summary>
/// A writer for what the tool prints (standard output and standard error): text from inputs (a title with an ESC
/// sequence, a server's header in an error message, a file name) reaches the terminal with every control character
/// written as a visible escape, <c>\u001b</c>, so an input cannot clear the screen, hide text or fake a summary.
/// </summary>
/// <remarks>
/// <para>The characters escaped are those of <see cref="DisplayText.IsEscaped"/> (C0 and C1 controls, DEL, bidirectional
/// overrides and isolates, line and paragraph separators) and unpaired surrogates, except line feeds, tabs and a carriage
/// return directly before a line feed, which are layout. Escapes have the <c>\uXXXX</c> form, which is also a JSON
/// escape of the same character: JSON printed through this writer stays valid JSON with the same data.</para>
/// <para>Live progress displays write their own control sequences to the terminal and do not use this writer
/// (<see cref="CliContext.ProgressOutput"/>). Not thread-safe, like the writer it wraps.</para>
/// </remarks>
internal sealed class EscapingWriter(TextWriter inner) : TextWriter(inner.FormatProvider)
{
    /// <summary>A carriage return or a high surrogate written last, waiting to see the character after it.</summary>
    private char _pending;

    /// <inheritdoc/>
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc/>
    [AllowNull]
    public override string NewLine
    {
        get => inner.NewLine;
        set => inner.NewLine = value;
    }

    /// <summary>Text as this writer would print it, for text written elsewhere for people (a Markdown report file).</summary>
    /// <param name="text">The text.</param>
    public static string Escape(string text)
    {
        var escaping = new EscapingWriter(TextWriter.Null);
        return escaping.Process(text) + escaping.TakePending();
    }

    /// <inheritdoc/>
    public override void Write(char value) => inner.Write(Process(value.ToString()));

    /// <inheritdoc/>
    public override void Write(string? value) => inner.Write(Process(value));

    /// <inheritdoc/>
    public override void Write(char[] buffer, int index, int count) => inner.Write(Process(new string(buffer, index, count)));

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<char> buffer) => inner.Write(Process(new string(buffer)));

    /// <inheritdoc/>
    public override void WriteLine(string? value) => Write(value + NewLine);

    /// <inheritdoc/>
    public override Task WriteAsync(char value) => inner.WriteAsync(Process(value.ToString()));

    /// <inheritdoc/>
    public override Task WriteAsync(string? value) => inner.WriteAsync(Process(value));

    /// <inheritdoc/>
    public override Task WriteAsync(char[] buffer, int index, int count) => inner.WriteAsync(Process(new string(buffer, index, count)));

    /// <inheritdoc/>
    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
        => inner.WriteAsync(Process(new string(buffer.Span)).AsMemory(), cancellationToken);

    /// <inheritdoc/>
    public override Task WriteLineAsync(string? value) => WriteAsync(value + NewLine);

    /// <inheritdoc/>
    public override Task WriteLineAsync() => WriteAsync(NewLine);

    /// <inheritdoc/>
    public override Task WriteLineAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
        => WriteAsync(new string(buffer.Span) + NewLine);

    /// <inheritdoc/>
    public override void Flush()
    {
        inner.Write(TakePending());
        inner.Flush();
    }

    /// <inheritdoc/>
    public override async Task FlushAsync()
    {
        await inner.WriteAsync(TakePending()).ConfigureAwait(false);
        await inner.FlushAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override Task FlushAsync(CancellationToken cancellationToken) => FlushAsync();

    private string Process(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (_pending == '\0' && !NeedsCare(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (_pending == '\r')
            {
                _pending = '\0';
                if (c == '\n')
                {
                    builder.Append("\r\n");
                    continue;
                }

                AppendEscape(builder, '\r');
            }
            else if (_pending != '\0')
            {
                var high = _pending;
                _pending = '\0';
                if (char.IsLowSurrogate(c))
                {
                    builder.Append(high).Append(c);
                    continue;
                }

                AppendEscape(builder, high);
            }

            if (c == '\r' || char.IsHighSurrogate(c))
            {
                _pending = c;
            }
            else if (c is '\n' or '\t')
            {
                builder.Append(c);
            }
            else if (char.IsLowSurrogate(c) || DisplayText.IsEscaped(c))
            {
                AppendEscape(builder, c);
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private string TakePending()
    {
        if (_pending == '\0')
        {
            return string.Empty;
        }

        var builder = new StringBuilder(6);
        AppendEscape(builder, _pending);
        _pending = '\0';
        return builder.ToString();
    }

    private static bool NeedsCare(string text)
    {
        foreach (var c in text)
        {
            if (c is not ('\n' or '\t') && (c == '\r' || char.IsSurrogate(c) || DisplayText.IsEscaped(c)))
            {
                return true;
            }
        }

        return false;
    }

    private static void AppendEscape(StringBuilder builder, char c)
        => builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
}
