using System.Text;

namespace Citations.Formats.BibTeX;

/// <summary>
/// Collects the inlines of one group while the LaTeX reader goes through it: joins characters into words, collapses
/// blanks into one space, and at the end pairs quotation marks (<c>``…''</c>, <c>`…'</c>) into quotations; a mark
/// left unpaired becomes a curly quotation mark or an apostrophe.
/// </summary>
internal sealed class InlineBuilder
{
    private readonly List<Inline> _items = [];
    private readonly StringBuilder _word = new();
    private bool _space;

    public void Text(char c)
    {
        BeforeContent();
        _word.Append(c);
    }

    public void Text(string s)
    {
        if (s.Length == 0)
        {
            return;
        }

        BeforeContent();
        _word.Append(s);
    }

    public void Space()
    {
        FlushWord();
        _space = _items.Count > 0;
    }

    public void Add(Inline inline)
    {
        BeforeContent();
        FlushWord();
        _items.Add(inline);
    }

    public void AddRange(List<Inline> inlines)
    {
        foreach (var inline in inlines)
        {
            switch (inline.Kind)
            {
                case InlineKind.Space:
                    Space();
                    break;
                case InlineKind.Text:
                    Text(inline.Text);
                    break;
                default:
                    Add(inline);
                    break;
            }
        }
    }

    public void Mark(string mark) => Add(Inline.Mark(mark));

    public List<Inline> Finish()
    {
        FlushWord();
        if (_space)
        {
            _items.Add(Inline.SpaceInline);
            _space = false;
        }

        return PairQuotes(_items);
    }

    private void BeforeContent()
    {
        if (_space)
        {
            _items.Add(Inline.SpaceInline);
            _space = false;
        }
    }

    private void FlushWord()
    {
        if (_word.Length > 0)
        {
            _items.Add(Inline.Word(_word.ToString()));
            _word.Clear();
        }
    }

    private static List<Inline> PairQuotes(List<Inline> items)
    {
        if (!items.Exists(i => i.Kind == InlineKind.Mark))
        {
            return items;
        }

        var result = new List<Inline>(items.Count);
        var open = new List<(int Index, bool Double)>();
        foreach (var item in items)
        {
            if (item.Kind != InlineKind.Mark)
            {
                result.Add(item);
                continue;
            }

            switch (item.Text)
            {
                case "``":
                    open.Add((result.Count, true));
                    result.Add(item);
                    break;
                case "`":
                    open.Add((result.Count, false));
                    result.Add(item);
                    break;
                case "''" when open.Count > 0 && open[^1].Double:
                case "'" when open.Count > 0 && !open[^1].Double:
                    var at = open[^1].Index;
                    open.RemoveAt(open.Count - 1);
                    var quoted = result.GetRange(at + 1, result.Count - at - 1);
                    result.RemoveRange(at, result.Count - at);
                    result.Add(Inline.Container(InlineKind.Quoted, quoted));
                    break;
                case "''":
                    result.Add(Inline.Word("\u201D"));
                    break;
                default:
                    result.Add(Inline.Word("\u2019"));
                    break;
            }
        }

        foreach (var (index, isDouble) in open)
        {
            result[index] = Inline.Word(isDouble ? "\u201C" : "\u2018");
        }

        // Unpaired marks became words: join them with their neighbours again.
        var merged = new List<Inline>(result.Count);
        foreach (var item in result)
        {
            if (item.Kind == InlineKind.Text && merged.Count > 0 && merged[^1].Kind == InlineKind.Text)
            {
                merged[^1] = Inline.Word(merged[^1].Text + item.Text);
            }
            else
            {
                merged.Add(item);
            }
        }

        return merged;
    }
}
