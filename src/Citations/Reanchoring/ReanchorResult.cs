using System.Globalization;
using Citations.Diagnostics;
using Citations.Model;
using Citations.Validation;

namespace Citations.Reanchoring;

/// <summary>What became of a claim's anchor in the new version of its article.</summary>
public enum RelocationOutcome
{
    /// <summary>The same words (typography aside: quotation marks, dashes, a double hyphen for a dash, whitespace) in a paragraph with the same number.</summary>
    Unchanged,

    /// <summary>The same words (typography aside) in a paragraph with another number.</summary>
    Moved,

    /// <summary>Found, but the words changed: the new anchor quotes the new words, and a person should check the claim still says what the article says.</summary>
    Reworded,

    /// <summary>Not placed: the words are gone, changed beyond the bounds, or occur in several places the context cannot tell apart. The old anchor is kept.</summary>
    NotFound,
}

/// <summary>How a claim's anchor was placed in the new version.</summary>
public enum RelocationMethod
{
    /// <summary>The exact words occur once in the new text.</summary>
    Exact,

    /// <summary>
    /// By the words around the quote: the exact words occur several times and the prefix and suffix chose one, or the
    /// quote was edited and the passage between its unchanged prefix and suffix is the new quote.
    /// </summary>
    Context,

    /// <summary>By the bounded fuzzy search: the passage nearest to the old quote in edit distance.</summary>
    Fuzzy,

    /// <summary>Not placed.</summary>
    None,
}

/// <summary>What happened to one claim's anchor.</summary>
/// <param name="ClaimId">The claim's id.</param>
/// <param name="Outcome">Unchanged, moved, reworded or not found.</param>
/// <param name="Method">How it was placed.</param>
/// <param name="OldAnchor">The anchor before.</param>
/// <param name="NewAnchor">The anchor in the new version; <see langword="null"/> when not found.</param>
/// <param name="EditDistance">How many characters differ between the old and the new quote (after <see cref="Validation.QuoteText.Normalize"/>); 0 for the same characters, <see langword="null"/> when not found.</param>
/// <param name="Reason">Why it was not placed, or how several candidates were told apart; <see langword="null"/> otherwise.</param>
public sealed record ClaimRelocation(string ClaimId, RelocationOutcome Outcome, RelocationMethod Method, TextAnchor OldAnchor, TextAnchor? NewAnchor, int? EditDistance, string? Reason);

/// <summary>The result of re-anchoring an article's claims in a new version of its text.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ReanchorResult
{
    internal ReanchorResult(Article article, IReadOnlyList<ClaimRelocation> claims)
    {
        Article = article;
        Claims = claims;
    }

    /// <summary>
    /// The article with every placed claim's anchor moved to the new text. Every other field is kept. A reworded claim
    /// whose text quoted the old words gets the new words as its text; reworded and not-found claims are marked
    /// unreviewed (<see cref="Claim.Reviewed"/>) so that the report lists them as work left.
    /// </summary>
    public Article Article { get; }

    /// <summary>One entry per claim, in the article's order.</summary>
    public IReadOnlyList<ClaimRelocation> Claims { get; }

    /// <summary>Whether every claim was placed with its words unchanged (unchanged or moved).</summary>
    public bool AllPlacedUnchanged => Claims.All(c => c.Outcome is RelocationOutcome.Unchanged or RelocationOutcome.Moved);

    /// <summary>How many claims had an outcome.</summary>
    public int Count(RelocationOutcome outcome) => Claims.Count(c => c.Outcome == outcome);

    /// <summary>How many claims were placed by a method (<see cref="RelocationMethod.None"/>: not placed).</summary>
    public int Count(RelocationMethod method) => Claims.Count(c => c.Method == method);

    /// <summary>
    /// The result as diagnostics, one per claim that did not stay where it was: <c>CIT0222</c> (info) moved,
    /// <c>CIT0220</c> (warning) reworded with the old and the new words, <c>CIT0221</c> (error) not found with the reason.
    /// </summary>
    /// <param name="file">The article file named in the diagnostics, or <see langword="null"/>.</param>
    /// <returns>The diagnostics, in the article's order, each with the JSON path of the claim's anchor (<c>$.claims[i].anchor</c>, by the claim's position in <see cref="Article"/>).</returns>
    public IReadOnlyList<Diagnostic> Diagnostics(string? file = null)
    {
        var diagnostics = new List<Diagnostic>();
        for (var i = 0; i < Claims.Count; i++)
        {
            var claim = Claims[i];
            var at = new SourceLocation(file, string.Create(CultureInfo.InvariantCulture, $"$.claims[{i}].anchor"), 0, 0);
            var how = claim.Method switch
            {
                RelocationMethod.Context => "by its prefix and suffix",
                RelocationMethod.Fuzzy => "by the fuzzy search",
                _ => "exactly",
            };
            switch (claim.Outcome)
            {
                case RelocationOutcome.Moved:
                    diagnostics.Add(new Diagnostic(DiagnosticSeverity.Info, ValidationCodes.AnchorMoved, string.Create(CultureInfo.InvariantCulture,
                        $"Claim '{claim.ClaimId}' moved from paragraph {claim.OldAnchor.Paragraph} to paragraph {claim.NewAnchor!.Paragraph} (found {how})."), at));
                    break;
                case RelocationOutcome.Reworded:
                    diagnostics.Add(new Diagnostic(DiagnosticSeverity.Warning, ValidationCodes.AnchorReworded, string.Create(CultureInfo.InvariantCulture,
                        $"Claim '{claim.ClaimId}' reworded (found {how} in paragraph {claim.NewAnchor!.Paragraph}, {claim.EditDistance} characters changed): \"{claim.OldAnchor.Selector.Exact}\" -> \"{claim.NewAnchor.Selector.Exact}\"; marked unreviewed."), at));
                    break;
                case RelocationOutcome.NotFound:
                    diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, ValidationCodes.AnchorNotRelocated,
                        $"Claim '{claim.ClaimId}' not found in the new version: {claim.Reason}; the old anchor is kept and the claim marked unreviewed.", at));
                    break;
            }
        }

        return diagnostics;
    }
}
