using CsCheck;

namespace Citations.Tests.Fuzz;

/// <summary>
/// A mutational fuzzer written with CsCheck generators: an input is a file of a seed corpus (real files of the format)
/// changed by one to eight mutations: a byte replaced, bytes that are not UTF-8, a token of the format's own dictionary
/// (a brace, an escape of half a surrogate pair, a deep nesting), a range deleted, repeated or cut off, or a piece of
/// another seed spliced in. CsCheck draws the mutations from a seeded random source and shrinks a failing input to
/// fewer, smaller mutations.
/// </summary>
/// <remarks>
/// Chosen over SharpFuzz (coverage-guided, but it needs AFL or libFuzzer outside <c>dotnet test</c>) and over FsCheck
/// (its C# surface is thinner): CsCheck runs inside MSTest for a time budget, replays a seed, and shrinks.
/// </remarks>
internal static class Mutations
{
    /// <summary>Tokens every text format meets: quotes, brackets, escapes, bytes that are not UTF-8, control characters.</summary>
    public static readonly string[] CommonTokens =
    [
        "\"", "'", "\\", "{", "}", "[", "]", "<", ">", ":", ",", "\n", "\r", "\t", "\0", "\u001b[2J", "\u202e",
        "\\ud800", "\\udc00", "\\u0000", "\uFFFD", "\U0001F600", "-1", "0", "1e400", "NaN", "99999999999999999999", "-",
    ];

    /// <summary>Raw byte sequences that are not UTF-8 (inserted as bytes, not text).</summary>
    private static readonly byte[][] InvalidUtf8 = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80]];

    /// <summary>Inputs made from <paramref name="corpus"/> with <paramref name="tokens"/> as the format's dictionary.</summary>
    public static Gen<byte[]> Over(IReadOnlyList<byte[]> corpus, IReadOnlyList<string> tokens)
    {
        var dictionary = tokens.Concat(CommonTokens).Select(System.Text.Encoding.UTF8.GetBytes).Concat(InvalidUtf8).ToArray();
        var mutation = Gen.Select(Gen.Int[0, 7], Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue]);
        return Gen.Select(Gen.Int[0, corpus.Count - 1], mutation.Array[1, 8])
            .Select(t => Apply(corpus, dictionary, corpus[t.Item1], t.Item2));
    }

    private static byte[] Apply(IReadOnlyList<byte[]> corpus, byte[][] dictionary, byte[] seed, (int Kind, int A, int B, int C)[] mutations)
    {
        var bytes = new List<byte>(seed);
        foreach (var (kind, a, b, c) in mutations)
        {
            var at = bytes.Count == 0 ? 0 : a % (bytes.Count + 1);
            var length = bytes.Count - at == 0 ? 0 : 1 + (b % Math.Min(64, bytes.Count - at));
            switch (kind)
            {
                case 0:
                    if (at < bytes.Count)
                    {
                        bytes[at] = (byte)c;
                    }

                    break;
                case 1:
                case 2:
                    bytes.InsertRange(at, dictionary[b % dictionary.Length]);
                    break;
                case 3:
                    bytes.RemoveRange(at, length);
                    break;
                case 4:
                    // A range repeated: deep nesting, long runs, the same entry many times.
                    var piece = bytes.GetRange(at, length);
                    for (var i = 0; i < 1 + (c % 40); i++)
                    {
                        bytes.InsertRange(at, piece);
                    }

                    break;
                case 5:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 6:
                    var other = corpus[c % corpus.Count];
                    var from = other.Length == 0 ? 0 : b % other.Length;
                    bytes.InsertRange(at, other.AsSpan(from, Math.Min(256, other.Length - from)).ToArray());
                    break;
                default:
                    var token = dictionary[b % dictionary.Length];
                    for (var i = 0; i < 1 + (c % 200); i++)
                    {
                        bytes.InsertRange(at, token);
                    }

                    break;
            }
        }

        return [.. bytes];
    }
}
