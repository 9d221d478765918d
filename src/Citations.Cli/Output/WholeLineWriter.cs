using System.Text;

namespace Citations.Cli.Output;

/// <summary>
/// Standard output or error as the tool writes it: text is held until a line is complete, and then every complete line
/// is written to the stream in one write and flushed. A reader of a pipe (a CI log, <c>tee</c>, another program) so
/// never sees half a line, and sees each line as soon as it is written rather than when a buffer fills.
/// <see cref="Flush"/> also writes an incomplete line: a live display on a terminal flushes after each frame.
/// </summary>
/// <remarks>Thread-safe: each call is written whole, in the order the calls are made.</remarks>
internal sealed class WholeLineWriter : TextWriter
{
    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly Lock _lock = new();
    private readonly StringBuilder _pending = new();
    private readonly Stream _stream;

    /// <summary>Creates the writer.</summary>
    /// <param name="stream">The stream written to (not disposed by the writer).</param>
    public WholeLineWriter(Stream stream)
    {
        _stream = stream;
        CoreNewLine = ['\n'];
    }

    /// <inheritdoc/>
    public override Encoding Encoding => Utf8;

    /// <inheritdoc/>
    public override void Write(char value)
    {
        lock (_lock)
        {
            _pending.Append(value);
            if (value == '\n')
            {
                WritePending(wholeLinesOnly: true);
            }
        }
    }

    /// <inheritdoc/>
    public override void Write(string? value) => Write(value.AsSpan());

    /// <inheritdoc/>
    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<char> buffer)
    {
        lock (_lock)
        {
            _pending.Append(buffer);
            if (buffer.Contains('\n'))
            {
                WritePending(wholeLinesOnly: true);
            }
        }
    }

    /// <inheritdoc/>
    public override void WriteLine(string? value)
    {
        // One call, so that another thread's text cannot come between the line and its end.
        lock (_lock)
        {
            _pending.Append(value).Append('\n');
            WritePending(wholeLinesOnly: true);
        }
    }

    /// <inheritdoc/>
    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override Task WriteLineAsync()
    {
        WriteLine(string.Empty);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override void Flush()
    {
        lock (_lock)
        {
            WritePending(wholeLinesOnly: false);
        }
    }

    /// <inheritdoc/>
    public override Task FlushAsync()
    {
        Flush();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }

    private void WritePending(bool wholeLinesOnly)
    {
        var length = _pending.Length;
        if (wholeLinesOnly)
        {
            while (length > 0 && _pending[length - 1] != '\n')
            {
                length--;
            }
        }

        if (length == 0)
        {
            return;
        }

        var text = _pending.ToString(0, length);
        _pending.Remove(0, length);
        try
        {
            _stream.Write(Utf8.GetBytes(text));
            _stream.Flush();
        }
        catch (IOException)
        {
            // The reader went away (a closed pipe): there is no one left to tell.
        }
    }
}
