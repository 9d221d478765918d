using System.Numerics;

namespace Citations.Links;

/// <summary>
/// A fingerprint of a page's text: a SHA-256 of the normalised text (did anything change?) and a 64-bit SimHash of its
/// word triples (how much?). Stored in the history so a later check can say "changed since last check".
/// </summary>
/// <param name="Sha256">The SHA-256 of the normalised text, lower-case hexadecimal.</param>
/// <param name="SimHash">A 64-bit SimHash of the text's word triples: similar texts differ in few bits.</param>
/// <param name="TextLength">The length of the normalised text, in characters.</param>
public sealed record PageFingerprint(string Sha256, ulong SimHash, int TextLength)
{
    /// <summary>How alike two fingerprinted texts are: 1 for identical text, about 0.5 for unrelated text.</summary>
    /// <param name="other">The other fingerprint.</param>
    public double Similarity(PageFingerprint other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(Sha256, other.Sha256, StringComparison.Ordinal)
            ? 1.0
            : Math.Round(1.0 - (BitOperations.PopCount(SimHash ^ other.SimHash) / 64.0), 3);
    }
}
