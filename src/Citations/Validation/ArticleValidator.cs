using System.Globalization;
using Citations.Diagnostics;
using Citations.Model;

namespace Citations.Validation;

/// <summary>
/// Checks an article for mistakes the model allows: ids used twice, links to sources that are missing, circular
/// sourcing, statistics with no data behind them, and — when the article's text is supplied — anchors that do not point
/// at the words they quote.
/// </summary>
/// <remarks>
/// Thread-safe. Each diagnostic's <see cref="SourceLocation.Path"/> is the JSON path of the value at fault in the
/// article file format (<c>$.claims[2].evidence[0].source</c>), so it means the same thing for an article built in code
/// as for one read from a file; <see cref="Serialization.ArticleJson"/> adds the file, line and column.
/// </remarks>
public static class ArticleValidator
{
    /// <summary>Checks an article.</summary>
    /// <param name="article">The article.</param>
    /// <param name="text">The article's text, to check the claim anchors against; <see langword="null"/> skips those checks.</param>
    /// <returns>The problems found, claims first, then sources; empty when there are none.</returns>
    public static IReadOnlyList<Diagnostic> Validate(Article article, ArticleText? text = null)
    {
        ArgumentNullException.ThrowIfNull(article);
        var diagnostics = new List<Diagnostic>();
        Validate(
            article,
            text,
            Enumerable.Range(0, article.Claims.Count).Select(i => Index("$.claims", i)).ToArray(),
            Enumerable.Range(0, article.Sources.Count).Select(i => Index("$.sources", i)).ToArray(),
            diagnostics);
        return diagnostics;
    }

    /// <summary>Checks an article whose claims and sources came from the given JSON paths (some may have been skipped when reading).</summary>
    internal static void Validate(Article article, ArticleText? text, IReadOnlyList<string> claimPaths, IReadOnlyList<string> sourcePaths, List<Diagnostic> diagnostics)
    {
        new Run(article, text, claimPaths, sourcePaths, diagnostics).Execute();
    }

    private static string Index(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    private static string Property(string path, string name) => $"{path}.{name}";

    private sealed class Run(Article article, ArticleText? text, IReadOnlyList<string> claimPaths, IReadOnlyList<string> sourcePaths, List<Diagnostic> diagnostics)
    {
        public void Execute()
        {
            var claimIds = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < article.Claims.Count; i++)
            {
                var claim = article.Claims[i];
                var path = claimPaths[i];
                if (!claimIds.TryAdd(claim.Id, path))
                {
                    Report(DiagnosticSeverity.Error, ValidationCodes.DuplicateClaimId,
                        $"Claim id '{claim.Id}' is already used by the claim at {claimIds[claim.Id]}.", Property(path, "id"));
                }

                CheckEvidence(claim, path);
                CheckStatistic(claim, path);
                if (text is not null)
                {
                    CheckAnchor(claim, path, text);
                }
            }

            var sourceIds = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < article.Sources.Count; i++)
            {
                var source = article.Sources[i];
                var path = sourcePaths[i];
                if (!sourceIds.TryAdd(source.Id, path))
                {
                    Report(DiagnosticSeverity.Error, ValidationCodes.DuplicateSourceId,
                        $"Source id '{source.Id}' is already used by the source at {sourceIds[source.Id]}.", Property(Property(path, "item"), "id"));
                }

                for (var j = 0; j < source.ReliesOn.Count; j++)
                {
                    if (article.FindSource(source.ReliesOn[j]) is null)
                    {
                        Report(DiagnosticSeverity.Error, ValidationCodes.UnknownDependency,
                            $"Source '{source.Id}' relies on '{source.ReliesOn[j]}', but the article has no source with that id.", Index(Property(path, "reliesOn"), j));
                    }
                }
            }

            CheckCycles();
            CheckUnused();
        }

        private void CheckEvidence(Claim claim, string path)
        {
            for (var j = 0; j < claim.Evidence.Count; j++)
            {
                var link = claim.Evidence[j];
                var linkPath = Index(Property(path, "evidence"), j);
                if (article.FindSource(link.SourceId) is null)
                {
                    Report(DiagnosticSeverity.Error, ValidationCodes.UnknownEvidenceSource,
                        $"Claim '{claim.Id}' cites source '{link.SourceId}', but the article has no source with that id.", Property(linkPath, "source"));
                }

                if (link.Locator is { HasStandardLabel: false } locator)
                {
                    Report(DiagnosticSeverity.Warning, ValidationCodes.UnknownLocatorLabel,
                        $"'{locator.Label}' is not a CSL locator label (such as page, section, table, figure, paragraph); styles cannot print it.",
                        Property(Property(linkPath, "locator"), "label"));
                }
            }
        }

        private void CheckStatistic(Claim claim, string path)
        {
            if (claim.Kind != ClaimKind.Statistic)
            {
                return;
            }

            var hasData = claim.Evidence.Any(link => link.Relation.IsSupporting()
                && (link.Relation == CitationRelation.CitesAsDataSource
                    || article.FindChain(link.SourceId, s => s.Class == SourceClass.PrimaryData) is not null));
            if (!hasData)
            {
                Report(DiagnosticSeverity.Warning, ValidationCodes.StatisticWithoutData,
                    $"Statistic '{claim.Id}' has no primary-data source (directly or through the sources it cites) and no source cited as its data source.",
                    claim.Evidence.Count == 0 ? path : Property(path, "evidence"));
            }
        }

        private void CheckAnchor(Claim claim, string path, ArticleText articleText)
        {
            var anchor = claim.Anchor;
            var anchorPath = Property(path, "anchor");
            var selectorPath = Property(anchorPath, "selector");
            if (articleText.GetParagraph(anchor.Paragraph) is not { } paragraph)
            {
                Report(DiagnosticSeverity.Error, ValidationCodes.NoSuchParagraph,
                    string.Create(CultureInfo.InvariantCulture, $"Claim '{claim.Id}' is anchored in paragraph {anchor.Paragraph}, but the text has {articleText.Paragraphs.Count} paragraphs."),
                    Property(anchorPath, "paragraph"));
                return;
            }

            var outcome = TextQuoteMatcher.Match(paragraph, anchor.Selector, out var matches);
            switch (outcome)
            {
                case TextQuoteMatcher.Outcome.NotFound:
                    var elsewhere = Enumerable.Range(1, articleText.Paragraphs.Count)
                        .Where(n => n != anchor.Paragraph && TextQuoteMatcher.Match(articleText.GetParagraph(n)!, anchor.Selector, out _) != TextQuoteMatcher.Outcome.NotFound)
                        .ToArray();
                    var hint = elsewhere.Length == 0
                        ? " They do not occur anywhere in the text."
                        : $" They occur in paragraph {string.Join(", ", elsewhere.Select(n => n.ToString(CultureInfo.InvariantCulture)))}.";
                    Report(DiagnosticSeverity.Error, ValidationCodes.AnchorNotFound,
                        string.Create(CultureInfo.InvariantCulture, $"Claim '{claim.Id}': the words \"{anchor.Selector.Exact}\" do not occur in paragraph {anchor.Paragraph}.{hint}"),
                        Property(selectorPath, "exact"));
                    break;
                case TextQuoteMatcher.Outcome.PrefixMismatch:
                    Report(DiagnosticSeverity.Error, ValidationCodes.AnchorContextMismatch,
                        string.Create(CultureInfo.InvariantCulture, $"Claim '{claim.Id}': the words occur in paragraph {anchor.Paragraph}, but not right after \"{anchor.Selector.Prefix}\"."),
                        Property(selectorPath, "prefix"));
                    break;
                case TextQuoteMatcher.Outcome.SuffixMismatch:
                    Report(DiagnosticSeverity.Error, ValidationCodes.AnchorContextMismatch,
                        string.Create(CultureInfo.InvariantCulture, $"Claim '{claim.Id}': the words occur in paragraph {anchor.Paragraph}, but not right before \"{anchor.Selector.Suffix}\"."),
                        Property(selectorPath, "suffix"));
                    break;
                case TextQuoteMatcher.Outcome.Ambiguous:
                    Report(DiagnosticSeverity.Warning, ValidationCodes.AmbiguousAnchor,
                        string.Create(CultureInfo.InvariantCulture, $"Claim '{claim.Id}': the words occur {matches} times in paragraph {anchor.Paragraph}; add a prefix or suffix to say which."),
                        selectorPath);
                    break;
            }

            if (claim.Wording == ClaimWording.Quote && !TextQuoteMatcher.ContainsQuote(paragraph, claim.Text))
            {
                Report(DiagnosticSeverity.Warning, ValidationCodes.QuoteNotInText,
                    string.Create(CultureInfo.InvariantCulture, $"Claim '{claim.Id}' is marked as a quote, but its text is not in paragraph {anchor.Paragraph} word for word; mark it as a paraphrase or correct it."),
                    Property(path, "text"));
            }
        }

        private void CheckCycles()
        {
            // Depth-first search with an explicit stack (a long chain of sources must not overflow the call stack);
            // an edge back to a source still on the stack closes a cycle, reported once at that edge.
            var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < article.Sources.Count; i++)
            {
                firstIndex.TryAdd(article.Sources[i].Id, i);
            }

            var done = new HashSet<string>(StringComparer.Ordinal);
            var onStack = new HashSet<string>(StringComparer.Ordinal);
            var stack = new List<(Source Source, int NextEdge)>();
            for (var rootIndex = 0; rootIndex < article.Sources.Count; rootIndex++)
            {
                var id = article.Sources[rootIndex].Id;
                if (firstIndex[id] != rootIndex || done.Contains(id))
                {
                    continue;
                }

                stack.Add((article.Sources[rootIndex], 0));
                onStack.Add(id);
                while (stack.Count > 0)
                {
                    var (source, edge) = stack[^1];
                    if (edge == source.ReliesOn.Count)
                    {
                        stack.RemoveAt(stack.Count - 1);
                        onStack.Remove(source.Id);
                        done.Add(source.Id);
                        continue;
                    }

                    stack[^1] = (source, edge + 1);
                    var next = source.ReliesOn[edge];
                    if (done.Contains(next) || article.FindSource(next) is not { } nextSource)
                    {
                        continue;
                    }

                    if (onStack.Contains(next))
                    {
                        var from = stack.FindIndex(f => f.Source.Id == next);
                        var cycle = stack.Skip(from).Select(f => f.Source.Id).Append(next);
                        Report(DiagnosticSeverity.Warning, ValidationCodes.DependencyCycle,
                            $"Circular sourcing: {string.Join(" → ", cycle)}. None of these sources can lend support to the others.",
                            Index(Property(sourcePaths[firstIndex[source.Id]], "reliesOn"), edge));
                        continue;
                    }

                    stack.Add((nextSource, 0));
                    onStack.Add(next);
                }
            }
        }

        private void CheckUnused()
        {
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var link in article.Claims.SelectMany(c => c.Evidence))
            {
                if (used.Add(link.SourceId))
                {
                    used.UnionWith(article.GetDependencies(link.SourceId).Select(s => s.Id));
                }
            }

            for (var i = 0; i < article.Sources.Count; i++)
            {
                if (!used.Contains(article.Sources[i].Id))
                {
                    Report(DiagnosticSeverity.Info, ValidationCodes.UnusedSource,
                        $"No claim cites source '{article.Sources[i].Id}', and no cited source relies on it.", sourcePaths[i]);
                }
            }
        }

        private void Report(DiagnosticSeverity severity, string code, string message, string path)
            => diagnostics.Add(new Diagnostic(severity, code, message, new SourceLocation(null, path, 0, 0)));
    }
}
