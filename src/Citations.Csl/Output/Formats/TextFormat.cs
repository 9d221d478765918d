namespace Citations.Csl.Output;

/// <summary>Plain text: no markup, nothing escaped; display blocks become line breaks and spaces.</summary>
internal sealed class TextFormat : CslOutputFormat
{
    public override string Name => "text";

    public override string Escape(string text) => text;

    public override string Format(CslFormatting formatting, string content) => content;

    public override string Display(CslDisplay display, string content) => display switch
    {
        CslDisplay.Block => "\n" + content,
        CslDisplay.LeftMargin => content + " ",
        CslDisplay.Indent => "\n    " + content,
        _ => content,
    };
}
