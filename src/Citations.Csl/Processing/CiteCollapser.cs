using System.Text;
using Citations.Csl.Evaluation;
using Citations.Csl.Output;
using Citations.Csl.Styles;

namespace Citations.Csl.Processing;

/// <summary>A cite of a citation as rendered, before the cites are joined.</summary>
/// <param name="Blob">Its output tree, the citation layout's affixes on the first and last cite.</param>
/// <param name="Cite">The cite.</param>
/// <param name="HaveCollapsed">Whether it continues a run of cites by the same author.</param>
/// <param name="UseCiteGroupDelimiter">Whether the cite-group delimiter goes before it.</param>
internal sealed record RenderedCite(Blob Blob, CslCite Cite, bool HaveCollapsed, bool UseCiteGroupDelimiter);

/// <summary>
/// Writes the cites of one citation and joins them with the right delimiters, collapsing as the style asks: runs of
/// consecutive citation numbers or year suffixes become ranges ("[1–3]", "2020a–c"), cites by the same author
/// are joined by the cite-group, year-suffix or after-collapse delimiter (the author itself is dropped during the walk,
/// see <c>Renderer.CollapseAuthor</c>), and delimiters shorten after punctuating affixes.
/// </summary>
internal sealed class CiteCollapser
{
    private readonly StyleRuntime _runtime;
    private readonly CslOutputFormat _format;
    private readonly BlobWriter _writer;

    /// <summary>A collapser writing with <paramref name="writer"/> (in <paramref name="format"/>).</summary>
    public CiteCollapser(StyleRuntime runtime, CslOutputFormat format, BlobWriter writer)
    {
        _runtime = runtime;
        _format = format;
        _writer = writer;
    }

    /// <summary>Writes the (non-empty) cites of a citation and joins them, without the layout's own formatting.</summary>
    public string Join(List<RenderedCite> cites, CitationSection section, Layout layout)
    {
        var enclosing = new BlobWriter.Enclosing().With(Decorations.From(layout.Decor.Formatting, false));
        var collapseKind = section.Collapse switch
        {
            Collapse.CitationNumber => NumberKind.CitationNumber,
            Collapse.YearSuffix or Collapse.YearSuffixRanged when section.DisambiguateAddYearSuffix => NumberKind.YearSuffix,
            _ => NumberKind.Plain,
        };
        var pieces = new List<CitePiece>(cites.Count);
        foreach (var cite in cites)
        {
            PunctuationAdjuster.Adjust(cite.Blob, _runtime.Locale.PunctuationInQuote);
            pieces.Add(SplitTail(cite, collapseKind, enclosing));
        }

        return JoinCites(pieces, cites, section, layout);
    }

    /// <summary>A cite's output split around a trailing number that may collapse with the next cites' numbers.</summary>
    private sealed record CitePiece(string Prefix, string Head, string? Tail, int Number, string After, string Suffix)
    {
        public bool IsPure => Tail is not null && Head.Length == 0 && After.Length == 0;
    }

    /// <summary>
    /// Separates a cite's last number (a citation number or year suffix the style collapses) from the rest of its
    /// output, as citeproc-js keeps such numbers apart until the cites are joined.
    /// </summary>
    private CitePiece SplitTail(RenderedCite cite, NumberKind kind, BlobWriter.Enclosing enclosing)
    {
        // The cite's own affixes (the layout's on the first and last cite) stay outside what collapses.
        var blob = cite.Blob;
        var prefix = _format.Escape(blob.Prefix);
        var suffix = _format.Escape(blob.Suffix);
        var (savedPrefix, savedSuffix) = (blob.Prefix, blob.Suffix);
        blob.Prefix = blob.Suffix = string.Empty;
        try
        {
            return SplitInner(blob, kind, enclosing, prefix, suffix);
        }
        finally
        {
            (blob.Prefix, blob.Suffix) = (savedPrefix, savedSuffix);
        }
    }

    private CitePiece SplitInner(Blob blob, NumberKind kind, BlobWriter.Enclosing enclosing, string prefix, string suffix)
    {
        if (kind != NumberKind.Plain && FindTail(blob, kind) is { } found)
        {
            // The tail is written apart; in the cite's output a sentinel stands where it was.
            const string Sentinel = "\u0001";
            var tail = found.Wrapper;
            var saved = (tail.Text, tail.Children, tail.Prefix, tail.Suffix, tail.Decorations);
            tail.Text = Sentinel;
            tail.Children = null;
            tail.Prefix = string.Empty;
            tail.Suffix = string.Empty;
            tail.Decorations = default;
            var whole = _writer.Write(blob, enclosing);
            (tail.Text, tail.Children, tail.Prefix, tail.Suffix, tail.Decorations) = saved;
            var at = whole.IndexOf(Sentinel, StringComparison.Ordinal);
            if (at >= 0)
            {
                // The number keeps its own decorations and those of the groups around it alone (a font-style="normal"
                // only undoes an enclosing italic).
                var tailText = _writer.Write(tail, enclosing.With(blob.Decorations));
                return new CitePiece(prefix, whole[..at], tailText, found.Number.NumericValue, whole[(at + Sentinel.Length)..], suffix);
            }
        }

        return new CitePiece(prefix, _writer.Write(blob, enclosing), null, 0, string.Empty, suffix);
    }

    /// <summary>
    /// The cite's last leaf, if it is a number of the kind given, with what collapses along with it: the number and the
    /// groups around it that hold nothing else (their affixes and decorations go with the number, as citeproc-js moves
    /// a group's affixes onto its only child in a citation). Nothing else that ends the cite may have a suffix or
    /// decorations, which would cut the number off from the next cite's.
    /// </summary>
    private static (Blob Number, Blob Wrapper)? FindTail(Blob blob, NumberKind kind)
    {
        var path = new List<Blob>();
        for (var node = blob; node.Children is { Count: > 0 } children;)
        {
            node = children[^1];
            path.Add(node);
        }

        if (path.Count == 0 || path[^1] is not { Text: not null, IsNumeric: true } number || number.Kind != kind)
        {
            return null;
        }

        // The single-child chain that ends in the number: its nodes collapse with it.
        var chain = path.Count - 1;
        while (chain > 0 && path[chain - 1].Children!.Count == 1 && path[chain - 1].Display == Display.None)
        {
            chain--;
        }

        for (var i = 0; i < chain; i++)
        {
            if (path[i].Suffix.Length > 0 || path[i].Decorations.HasAny || path[i].Display != Display.None)
            {
                return null;
            }
        }

        return (number, path[chain]);
    }

    private enum NumberStatus : byte { Start, Successor, SuccessorOfSuccessor, Seen, Suppress, End }

    /// <summary>Joins rendered cites with their delimiters, collapsing runs of consecutive numbers into ranges.</summary>
    private string JoinCites(List<CitePiece> pieces, List<RenderedCite> cites, CitationSection section, Layout layout)
    {
        var layoutDelimiter = layout.Delimiter ?? string.Empty;
        var delimiters = new string[pieces.Count];
        for (var i = 1; i < pieces.Count; i++)
        {
            delimiters[i] = SpliceDelimiter(section, layoutDelimiter, cites[i - 1], cites[i]);
        }

        // Status of each number in a run (citeproc-js's numeric blobs): consecutive numbers collapse to a range when the
        // style has a range delimiter for them, otherwise they are joined by the successor delimiter.
        var status = new NumberStatus[pieces.Count];
        var ranged = section.Collapse is Collapse.CitationNumber or Collapse.YearSuffixRanged;
        var start = true;
        for (var i = 0; i < pieces.Count; i++)
        {
            if (pieces[i].Tail is null)
            {
                start = true;
                continue;
            }

            var next = i + 1 < pieces.Count && pieces[i + 1].IsPure && pieces[i + 1].Prefix.Length == 0 ? pieces[i + 1] : null;
            if (start)
            {
                status[i] = NumberStatus.Start;
                if (next is not null)
                {
                    status[i + 1] = next.Number == pieces[i].Number + 1 ? NumberStatus.Successor : NumberStatus.Seen;
                }

                start = next is null;
            }
            else if (next is null || next.Number != pieces[i].Number + 1)
            {
                if (status[i] == NumberStatus.SuccessorOfSuccessor)
                {
                    status[i] = NumberStatus.End;
                }

                if (next is not null)
                {
                    status[i + 1] = NumberStatus.Seen;
                }

                start = next is null;
            }
            else
            {
                if (status[i] is NumberStatus.Start or NumberStatus.Seen)
                {
                    status[i + 1] = NumberStatus.Successor;
                }
                else if (status[i] is NumberStatus.Successor or NumberStatus.SuccessorOfSuccessor)
                {
                    if (ranged)
                    {
                        status[i + 1] = NumberStatus.SuccessorOfSuccessor;
                        status[i] = NumberStatus.Suppress;
                    }
                    else
                    {
                        status[i + 1] = NumberStatus.Successor;
                    }
                }
            }
        }

        var rangeDelimiter = _runtime.Locale.Term("citation-range-delimiter") ?? "\u2013";
        var successorDelimiter = section.Collapse == Collapse.CitationNumber
            ? layoutDelimiter
            : section.CiteGroupDelimiter ?? section.YearSuffixDelimiter ?? layoutDelimiter;
        var format = _format;
        var sb = new StringBuilder();
        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            var inRun = piece.IsPure && status[i] is NumberStatus.Successor or NumberStatus.SuccessorOfSuccessor or NumberStatus.Suppress or NumberStatus.End;
            if (inRun)
            {
                switch (status[i])
                {
                    case NumberStatus.Suppress:
                        sb.Append(piece.Suffix);
                        continue;
                    case NumberStatus.End:
                        sb.Append(format.Escape(rangeDelimiter)).Append(piece.Tail).Append(piece.Suffix);
                        continue;
                    case NumberStatus.Successor:
                    case NumberStatus.SuccessorOfSuccessor:
                        sb.Append(format.Escape(successorDelimiter)).Append(piece.Tail).Append(piece.Suffix);
                        continue;
                }
            }

            var text = piece.Prefix + piece.Head + piece.Tail + piece.After + piece.Suffix;
            if (text.Length == 0)
            {
                continue;
            }

            if (sb.Length > 0 && i > 0)
            {
                // A cite that is only a year suffix follows with the year-suffix delimiter, when the style sets one.
                var delimiter = piece.IsPure && section.Collapse is Collapse.YearSuffix or Collapse.YearSuffixRanged && section.YearSuffixDelimiter is { } ysd
                    ? ysd
                    : delimiters[i];
                sb.Append(format.Escape(delimiter));
            }

            sb.Append(text);
        }

        return sb.ToString();
    }

    /// <summary>The delimiter before a cite: the layout's, shortened after punctuating cite affixes, or the collapse delimiters.</summary>
    private string SpliceDelimiter(CitationSection section, string layoutDelimiter, RenderedCite previous, RenderedCite current)
    {
        string delimiter;
        if (section.AfterCollapseDelimiter is { } afterCollapse)
        {
            if (!string.IsNullOrEmpty(previous.Cite.Locator))
            {
                delimiter = afterCollapse;
            }
            else if (previous.HaveCollapsed && !current.HaveCollapsed)
            {
                delimiter = afterCollapse;
            }
            else if (!previous.HaveCollapsed && !current.HaveCollapsed && section.Collapse != Collapse.YearSuffix)
            {
                delimiter = afterCollapse;
            }
            else
            {
                delimiter = layoutDelimiter;
            }
        }
        else if (current.UseCiteGroupDelimiter && section.CiteGroupDelimiter is not null)
        {
            delimiter = section.CiteGroupDelimiter;
        }
        else if (current.HaveCollapsed && _runtime.Style.Class == CslStyleClass.InText && !_runtime.CitationPrintsNumbers)
        {
            delimiter = ", ";
        }
        else
        {
            delimiter = layoutDelimiter;
        }

        return SpliceDelimiter(delimiter, previous.Cite, current.Cite);
    }

    /// <summary>The delimiter between two cites, shortened when the first cite's suffix or the second's prefix already punctuates.</summary>
    private static string SpliceDelimiter(string delimiter, CslCite preceding, CslCite current)
    {
        var precedingEndsInPunctuation = !string.IsNullOrEmpty(preceding.Suffix) && preceding.Suffix[^1] is ';' or '.' or ',';
        var currentStartsWithPunctuation = string.IsNullOrEmpty(preceding.Suffix) && !string.IsNullOrEmpty(current.Prefix) && current.Prefix[0] is ';' or '.' or ',';
        if (!precedingEndsInPunctuation && !currentStartsWithPunctuation)
        {
            return delimiter;
        }

        var space = delimiter.IndexOf(' ', StringComparison.Ordinal);
        return space >= 0 && !currentStartsWithPunctuation ? delimiter[space..] : string.Empty;
    }
}
