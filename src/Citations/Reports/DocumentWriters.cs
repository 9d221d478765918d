using System.Text;

namespace Citations.Reports;

/// <summary>
/// The few things a human-readable report is made of. <see cref="CoverageReportLayout"/> describes the report once in
/// these terms; each format only decides how a heading or a table looks.
/// </summary>
internal interface IDocumentWriter
{
    void Title(string text);

    void Heading(string text);

    void Paragraph(string text);

    /// <summary>A table; <paramref name="rightAligned"/> marks numeric columns.</summary>
    void Table(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<bool> rightAligned);

    /// <summary>Ends the document (HTML closes its page); most formats have nothing to add.</summary>
    void Finish()
    {
    }
}

/// <summary>Plain text: underlined headings, columns padded with spaces.</summary>
internal sealed class PlainTextDocumentWriter(TextWriter output) : IDocumentWriter
{
    private bool _started;

    public void Title(string text)
    {
        Separate();
        output.WriteLine(text);
        output.WriteLine(new string('=', text.Length));
    }

    public void Heading(string text)
    {
        Separate();
        output.WriteLine(text);
        output.WriteLine(new string('-', text.Length));
    }

    public void Paragraph(string text)
    {
        Separate();
        output.WriteLine(text);
    }

    public void Table(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<bool> rightAligned)
    {
        Separate();
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        WriteRow(headers);
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            WriteRow(row);
        }

        void WriteRow(IReadOnlyList<string> cells)
        {
            var line = new StringBuilder();
            for (var i = 0; i < cells.Count; i++)
            {
                if (i > 0)
                {
                    line.Append("  ");
                }

                line.Append(rightAligned[i] ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
            }

            output.WriteLine(line.ToString().TrimEnd());
        }
    }

    private void Separate()
    {
        if (_started)
        {
            output.WriteLine();
        }

        _started = true;
    }
}

/// <summary>Markdown: ATX headings and pipe tables, with the characters Markdown would act on escaped.</summary>
internal sealed class MarkdownDocumentWriter(TextWriter output) : IDocumentWriter
{
    private bool _started;

    public void Title(string text)
    {
        Separate();
        output.WriteLine("# " + MarkdownText.Escape(text));
    }

    public void Heading(string text)
    {
        Separate();
        output.WriteLine("## " + MarkdownText.Escape(text));
    }

    public void Paragraph(string text)
    {
        Separate();
        output.WriteLine(MarkdownText.Escape(text));
    }

    public void Table(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<bool> rightAligned)
    {
        Separate();
        output.WriteLine("| " + string.Join(" | ", headers.Select(MarkdownText.Escape)) + " |");
        output.WriteLine("|" + string.Join("|", rightAligned.Select(r => r ? "---:" : "---")) + "|");
        foreach (var row in rows)
        {
            output.WriteLine("| " + string.Join(" | ", row.Select(MarkdownText.Escape)) + " |");
        }
    }

    private void Separate()
    {
        if (_started)
        {
            output.WriteLine();
        }

        _started = true;
    }
}

/// <summary>
/// HTML: one self-contained page (<see cref="HtmlPage"/>): the title opens it, headings are <c>h2</c>, tables have a
/// header row of <c>th scope="col"</c> and sort by column; all text encoded.
/// </summary>
internal sealed class HtmlDocumentWriter(TextWriter output) : IDocumentWriter
{
    private bool _started;

    public void Title(string text)
    {
        Start(text);
        output.Write("<h1>" + HtmlPage.Encode(text) + "</h1>\n");
    }

    public void Heading(string text)
    {
        Start(text);
        output.Write("<h2>" + HtmlPage.Encode(text) + "</h2>\n");
    }

    public void Paragraph(string text)
    {
        Start(text);
        output.Write("<p>" + HtmlPage.Encode(text) + "</p>\n");
    }

    public void Table(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<bool> rightAligned)
    {
        Start(headers.Count > 0 ? headers[0] : "Report");
        output.Write("<div class=\"table\"><table class=\"sortable\">\n<thead><tr>");
        for (var i = 0; i < headers.Count; i++)
        {
            output.Write(rightAligned[i] ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">");
            output.Write(HtmlPage.Encode(headers[i]));
            output.Write("</th>");
        }

        output.Write("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            output.Write("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                var cell = HtmlPage.Encode(row[i]);
                output.Write(rightAligned[i] ? "<td class=\"num\" data-sort=\"" + cell + "\">" : "<td>");
                output.Write(cell);
                output.Write("</td>");
            }

            output.Write("</tr>\n");
        }

        output.Write("</tbody></table></div>\n");
    }

    public void Finish()
    {
        Start("Report");
        HtmlPage.End(output);
    }

    private void Start(string title)
    {
        if (!_started)
        {
            HtmlPage.Begin(output, title);
            _started = true;
        }
    }
}
