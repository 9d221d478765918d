using Citations.Csl.Evaluation;
using Citations.Csl.Output;
using Citations.Csl.Styles;

namespace Citations.Csl.Processing;

/// <summary>
/// The bibliography's <c>subsequent-author-substitute</c>, as a pass over rendered entries: the walk tags the names an
/// entry leads with (<see cref="AuthorNames"/>), and this pass compares them with the previous entry's and replaces
/// those repeated by the style's substitute ("———"), entry by entry in bibliography order.
/// </summary>
internal static class SubsequentAuthorSubstitute
{
    /// <summary>The keys an entry's leading names are compared by (null when it has none).</summary>
    public static List<string>? KeysOf(AuthorNames? names) => names is null || names.Keys.Count == 0 ? null : names.Keys;

    /// <summary>
    /// Replaces names repeated from the previous entry (whose leading-name keys are <paramref name="previous"/>) by
    /// the style's subsequent-author-substitute string, as the section's rule says.
    /// </summary>
    public static void Apply(List<string>? previous, AuthorNames? names, BibliographySection section)
    {
        if (section.SubsequentAuthorSubstitute is not { } substitute || KeysOf(names) is null)
        {
            return;
        }

        if (!names!.Eligible || previous is null)
        {
            return;
        }

        switch (section.SubsequentAuthorSubstituteRule)
        {
            case SubsequentAuthorSubstituteRule.CompleteAll:
                if (previous.SequenceEqual(names.Keys, StringComparer.Ordinal))
                {
                    names.Container.Children!.Clear();
                    names.Container.Delimiter = string.Empty;
                    names.Container.Add(Blob.Leaf(substitute));
                    if (names.Label is not null)
                    {
                        names.Container.Add(names.Label);
                    }
                }

                break;
            case SubsequentAuthorSubstituteRule.CompleteEach:
                if (previous.SequenceEqual(names.Keys, StringComparer.Ordinal))
                {
                    foreach (var blob in names.NameBlobs)
                    {
                        Replace(blob, substitute);
                    }
                }

                break;
            default:
                for (var i = 0; i < names.NameBlobs.Count && i < names.Keys.Count; i++)
                {
                    if (i >= previous.Count || previous[i] != names.Keys[i])
                    {
                        break;
                    }

                    Replace(names.NameBlobs[i], substitute);
                    if (section.SubsequentAuthorSubstituteRule == SubsequentAuthorSubstituteRule.PartialFirst)
                    {
                        break;
                    }
                }

                break;
        }

        static void Replace(Blob blob, string text)
        {
            blob.Text = null;
            blob.Children = [Blob.Leaf(text)];
        }
    }
}
