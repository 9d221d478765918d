using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Citations.Links.Lookup;

/// <summary>
/// The cache of DOI answers: one file per DOI, named by the SHA-256 of its <see cref="Doi.Key"/> (a DOI may contain any
/// character, a file name may not), holding a small JSON envelope around the CSL-JSON as the resolver sent it:
/// <c>{"format": "citations-doi-cache", "version": 1, "doi": KEY, "resolvedAt": TIME, "from": URL, "item": {…}}</c>.
/// </summary>
/// <remarks>
/// Thread-safe. Only answers that were read as one valid item are written. Entries do not expire (what a DOI names does
/// not change; delete a file, or the folder, to look again). A file that cannot be read, is for another DOI or no longer
/// reads as a valid item is deleted and counts as absent. Writes are atomic (a temporary file, then a rename); a cache
/// that cannot be written costs a lookup next time, nothing else.
/// </remarks>
internal sealed class DoiCache(string directory, long maxEntryBytes)
{
    private const string Format = "citations-doi-cache";
    private const int Version = 1;

    /// <summary>The cache folder's full path.</summary>
    public string Folder { get; } = Path.GetFullPath(directory);

    /// <summary>The file of a DOI: <c>DIR/SHA256(key).json</c>, in lower-case hexadecimal.</summary>
    public string PathOf(Doi doi)
        => Path.Combine(Folder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(doi.Key))) + ".json");

    /// <summary>The cached answer of a DOI (the item as the resolver sent it, not yet given the DOI as its id), or <see langword="null"/>.</summary>
    public DoiAnswer? Read(Doi doi)
    {
        var path = PathOf(doi);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return null;
            }

            if (info.Length <= maxEntryBytes)
            {
                using var envelope = JsonDocument.Parse(File.ReadAllBytes(path));
                var root = envelope.RootElement;
                if (root.ValueKind == JsonValueKind.Object
                    && root.TryGetProperty("format", out var format) && format.ValueEquals(Format)
                    && root.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.Number && version.GetInt32() == Version
                    && root.TryGetProperty("doi", out var key) && key.ValueEquals(doi.Key)
                    && root.TryGetProperty("item", out var item)
                    && DoiAnswer.Read(Encoding.UTF8.GetBytes(item.GetRawText()), path) is { Item: not null } cached)
                {
                    return cached;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or FormatException or InvalidOperationException)
        {
            // Unreadable or damaged: handled below, as an entry that is not there.
        }

        TryDelete(path);
        return null;
    }

    /// <summary>Keeps an answer that was read as one valid item.</summary>
    /// <param name="doi">The DOI.</param>
    /// <param name="itemJson">The item's CSL-JSON as the resolver sent it.</param>
    /// <param name="from">The URL that answered (after redirects).</param>
    /// <param name="resolvedAt">When.</param>
    public void Write(Doi doi, ReadOnlyMemory<byte> itemJson, Uri from, DateTimeOffset resolvedAt)
    {
        var path = PathOf(doi);
        var temporary = Path.Combine(Folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            Directory.CreateDirectory(Folder);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteString("format", Format);
                writer.WriteNumber("version", Version);
                writer.WriteString("doi", doi.Key);
                writer.WriteString("resolvedAt", resolvedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                writer.WriteString("from", from.AbsoluteUri);
                writer.WritePropertyName("item");
                using (var item = JsonDocument.Parse(itemJson, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }))
                {
                    item.RootElement.WriteTo(writer);
                }

                writer.WriteEndObject();
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            TryDelete(temporary);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A stale entry is read and rejected again next time.
        }
    }
}
