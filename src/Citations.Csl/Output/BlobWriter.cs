using System.Text;
using Citations.Csl.Styles;

namespace Citations.Csl.Output;

/// <summary>Writes a blob tree as a string in an output format.</summary>
internal sealed class BlobWriter
{
    private readonly CslOutputFormat _format;
    private readonly string _openQuote;
    private readonly string _closeQuote;
    private readonly string _openInner;
    private readonly string _closeInner;

    public BlobWriter(CslOutputFormat format, string openQuote, string closeQuote, string openInner, string closeInner)
    {
        _format = format;
        _openQuote = openQuote;
        _closeQuote = closeQuote;
        _openInner = openInner;
        _closeInner = closeInner;
    }

    public CslOutputFormat Format => _format;

    /// <summary>Which formattings enclose the node being written, so a "normal" formatting is only written where it undoes something.</summary>
    public readonly record struct Enclosing(bool Style, bool Variant, bool Weight)
    {
        public Enclosing With(in Decorations d) => new(
            Style || d.FontStyle is FontStyle.Italic or FontStyle.Oblique,
            Variant || d.FontVariant == FontVariant.SmallCaps,
            Weight || d.FontWeight is FontWeight.Bold or FontWeight.Light);
    }

    // One buffer per writer (a writer belongs to one session, used by one thread at a time).
    private readonly StringBuilder _buffer = new(256);

    public string Write(Blob blob, Enclosing enclosing = default)
    {
        _buffer.Clear();
        WriteInto(blob, enclosing, _buffer);
        var text = _buffer.ToString();
        if (_buffer.Capacity > 64 * 1024)
        {
            _buffer.Clear();
            _buffer.Capacity = 256;
        }

        return text;
    }

    /// <summary>Appends the blob's output to <paramref name="sb"/>; returns whether it wrote anything.</summary>
    private bool WriteInto(Blob blob, Enclosing enclosing, StringBuilder sb)
    {
        if (blob.Text is not null)
        {
            if (blob.Text.Length == 0)
            {
                return false;
            }

            if (!blob.Decorations.HasAny && blob.Display == Display.None)
            {
                sb.Append(_format.Escape(blob.Prefix)).Append(_format.Escape(blob.Text)).Append(_format.Escape(blob.Suffix));
                return true;
            }

            var text = Decorate(_format.Escape(blob.Text), blob.Decorations, enclosing);
            if (blob.Display != Display.None)
            {
                text = _format.Display(ToDisplay(blob.Display), text);
            }

            sb.Append(_format.Escape(blob.Prefix)).Append(text).Append(_format.Escape(blob.Suffix));
            return true;
        }

        if (blob.Children is not { Count: > 0 } children)
        {
            return false;
        }

        // The children are written in place (after the prefix, taken back if nothing follows); a node that decorates
        // or displays them takes them back out to wrap.
        var plain = !blob.Decorations.HasAny && blob.Display == Display.None;
        var outerStart = sb.Length;
        if (plain && blob.Prefix.Length > 0)
        {
            sb.Append(_format.Escape(blob.Prefix));
        }

        var start = sb.Length;
        var inner = enclosing.With(blob.Decorations);
        var delimiter = blob.Delimiter.Length > 0 ? _format.Escape(blob.Delimiter) : string.Empty;
        var any = false;
        for (var i = 0; i < children.Count; i++)
        {
            var before = sb.Length;
            if (any)
            {
                sb.Append(delimiter);
            }

            if (WriteInto(children[i], inner, sb))
            {
                any = true;
            }
            else
            {
                sb.Length = before;
            }
        }

        if (!any)
        {
            sb.Length = outerStart;
            return false;
        }

        if (plain)
        {
            sb.Append(_format.Escape(blob.Suffix));
            return true;
        }

        var content = sb.ToString(start, sb.Length - start);
        sb.Length = start;
        var result = _format.Escape(blob.Prefix) + Decorate(content, blob.Decorations, enclosing) + _format.Escape(blob.Suffix);
        if (blob.Display != Display.None)
        {
            result = _format.Display(ToDisplay(blob.Display), result);
        }

        sb.Append(result);
        return true;
    }

    /// <summary>Applies decorations to already-written text (a citation layout's formatting around its joined cites).</summary>
    public string Decorate(string text, in Decorations d) => Decorate(text, d, default);

    private string Decorate(string text, in Decorations d, Enclosing enclosing)
    {
        if (!d.HasAny)
        {
            return text;
        }

        text = d.FontStyle switch
        {
            FontStyle.Italic => _format.Format(CslFormatting.Italic, text),
            FontStyle.Oblique => _format.Format(CslFormatting.Oblique, text),
            FontStyle.Normal when enclosing.Style => _format.Format(CslFormatting.NormalStyle, text),
            _ => text,
        };
        text = d.FontVariant switch
        {
            FontVariant.SmallCaps => _format.Format(CslFormatting.SmallCaps, text),
            FontVariant.Normal when enclosing.Variant => _format.Format(CslFormatting.NormalVariant, text),
            _ => text,
        };
        text = d.FontWeight switch
        {
            FontWeight.Bold => _format.Format(CslFormatting.Bold, text),
            FontWeight.Light => _format.Format(CslFormatting.Light, text),
            FontWeight.Normal when enclosing.Weight => _format.Format(CslFormatting.NormalWeight, text),
            _ => text,
        };
        text = d.TextDecoration switch
        {
            TextDecoration.Underline => _format.Format(CslFormatting.Underline, text),
            TextDecoration.NoDecoration => _format.Format(CslFormatting.NoDecoration, text),
            _ => text,
        };
        text = d.VerticalAlign switch
        {
            VerticalAlign.Superscript => _format.Format(CslFormatting.Superscript, text),
            VerticalAlign.Subscript => _format.Format(CslFormatting.Subscript, text),
            VerticalAlign.Baseline => _format.Format(CslFormatting.Baseline, text),
            _ => text,
        };
        return d.Quotes switch
        {
            QuoteMark.Outer => _format.Quote(text, _openQuote, _closeQuote),
            QuoteMark.Inner => _format.Quote(text, _openInner, _closeInner),
            _ => text,
        };
    }

    private static CslDisplay ToDisplay(Display display) => display switch
    {
        Display.Block => CslDisplay.Block,
        Display.LeftMargin => CslDisplay.LeftMargin,
        Display.RightInline => CslDisplay.RightInline,
        _ => CslDisplay.Indent,
    };
}
