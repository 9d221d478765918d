using System.Buffers;
using System.Globalization;
using System.IO.Compression;

namespace Citations.Links.Http;

/// <summary>Reads at most a bounded number of body bytes, decompressing gzip, deflate and Brotli by hand so the cap applies to the decompressed size.</summary>
internal static class BodyReader
{
    /// <summary>
    /// The most codings a <c>Content-Encoding</c> header may stack (<c>gzip, br</c> is two). Servers use one, rarely two;
    /// a header listing thousands makes a decoder per layer (6,000 gzip layers took 340 MB and 3 s for one URL), so a
    /// response listing more is refused before any decoder is made, as a protocol error.
    /// </summary>
    public const int MaxContentCodings = 3;

    /// <summary>Reads the body. Returns the bytes (at most <paramref name="maxBytes"/>) and whether there were more.</summary>
    /// <exception cref="InvalidDataException">The compressed data is corrupt.</exception>
    public static async Task<(byte[] Body, bool Truncated)> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        var raw = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (raw.ConfigureAwait(false))
        {
            var stream = raw;
            var encodings = content.Headers.ContentEncoding;
            var disposables = new List<Stream>();
            try
            {
                var codings = encodings.Count(e => e.Trim() is not ("" or "identity"));
                if (codings > MaxContentCodings)
                {
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                        $"Content-Encoding stacks {codings} codings; at most {MaxContentCodings} are decoded."));
                }

                // Content-Encoding lists codings in the order applied: undo them from the last.
                foreach (var encoding in encodings.Reverse())
                {
                    stream = encoding.Trim().ToLowerInvariant() switch
                    {
                        "gzip" or "x-gzip" => new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true),
                        "deflate" => new ZLibStream(stream, CompressionMode.Decompress, leaveOpen: true),
                        "br" => new BrotliStream(stream, CompressionMode.Decompress, leaveOpen: true),
                        "identity" or "" => stream,
                        _ => throw new InvalidDataException($"Unsupported content encoding '{DisplayText.Escape(encoding)}'."),
                    };
                    if (!ReferenceEquals(stream, raw))
                    {
                        disposables.Add(stream);
                    }
                }

                return await ReadBoundedAsync(stream, maxBytes, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                for (var i = disposables.Count - 1; i >= 0; i--)
                {
                    await disposables[i].DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task<(byte[] Body, bool Truncated)> ReadBoundedAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes + 1, 64 * 1024));
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxBytes)
                    {
                        break;
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, maxBytes + 1L));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var want = Math.Min(buffer.Length, maxBytes + 1) - length;
                if (want <= 0)
                {
                    break;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length, want), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            var truncated = length > maxBytes;
            return (buffer.AsSpan(0, Math.Min(length, maxBytes)).ToArray(), truncated);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
