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

    public string Write(Blob blob, Enclosing enclosing = default)
    {
        var sb = new StringBuilder();
        Write(blob, enclosing, sb);
        return sb.ToString();
    }

    public void Write(Blob blob, Enclosing enclosing, StringBuilder output)
    {
        var content = Render(blob, enclosing);
        output.Append(content);
    }

    private string Render(Blob blob, Enclosing enclosing)
    {
        var inner = enclosing.With(blob.Decorations);
        string text;
        if (blob.Text is not null)
        {
            if (blob.Text.Length == 0)
            {
                return string.Empty;
            }

            text = Decorate(_format.Escape(blob.Text), blob.Decorations, enclosing);
            if (blob.Display != Display.None)
            {
                text = _format.Display(ToDisplay(blob.Display), text);
            }

            return _format.Escape(blob.Prefix) + text + _format.Escape(blob.Suffix);
        }

        if (blob.Children is not { Count: > 0 } children)
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        var delimiter = blob.Delimiter.Length > 0 ? _format.Escape(blob.Delimiter) : string.Empty;
        foreach (var child in children)
        {
            var part = Render(child, inner);
            if (part.Length == 0)
            {
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append(delimiter);
            }

            sb.Append(part);
        }

        if (sb.Length == 0)
        {
            return string.Empty;
        }

        text = Decorate(sb.ToString(), blob.Decorations, enclosing);
        text = _format.Escape(blob.Prefix) + text + _format.Escape(blob.Suffix);
        if (blob.Display != Display.None)
        {
            text = _format.Display(ToDisplay(blob.Display), text);
        }

        return text;
    }

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
