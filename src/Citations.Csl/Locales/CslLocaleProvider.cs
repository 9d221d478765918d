using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json;

namespace Citations.Csl.Locales;

/// <summary>
/// Supplies CSL locales by language tag: the official locale files in a directory, the locale embedded in this package,
/// or any other source a caller implements. Implementations must be thread-safe; the built-in ones parse each file once.
/// </summary>
public abstract class CslLocaleProvider
{
    private static readonly FrozenDictionary<string, string> DefaultPrimaryDialects = new Dictionary<string, string>
    {
        ["af"] = "af-ZA", ["ar"] = "ar", ["bg"] = "bg-BG", ["ca"] = "ca-AD", ["cs"] = "cs-CZ", ["cy"] = "cy-GB",
        ["da"] = "da-DK", ["de"] = "de-DE", ["el"] = "el-GR", ["en"] = "en-US", ["es"] = "es-ES", ["et"] = "et-EE",
        ["eu"] = "eu", ["fa"] = "fa-IR", ["fi"] = "fi-FI", ["fr"] = "fr-FR", ["he"] = "he-IL", ["hr"] = "hr-HR",
        ["hu"] = "hu-HU", ["id"] = "id-ID", ["is"] = "is-IS", ["it"] = "it-IT", ["ja"] = "ja-JP", ["km"] = "km-KH",
        ["ko"] = "ko-KR", ["la"] = "la", ["lt"] = "lt-LT", ["lv"] = "lv-LV", ["mn"] = "mn-MN", ["nb"] = "nb-NO",
        ["nl"] = "nl-NL", ["nn"] = "nn-NO", ["pl"] = "pl-PL", ["pt"] = "pt-PT", ["ro"] = "ro-RO", ["ru"] = "ru-RU",
        ["sk"] = "sk-SK", ["sl"] = "sl-SI", ["sr"] = "sr-RS", ["sv"] = "sv-SE", ["th"] = "th-TH", ["tr"] = "tr-TR",
        ["uk"] = "uk-UA", ["vi"] = "vi-VN", ["zh"] = "zh-CN",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The en-US locale embedded in this package (written for it; no files needed).</summary>
    public static CslLocaleProvider Embedded { get; } = new EmbeddedLocaleProvider();

    /// <summary>Reads locales from a directory of <c>locales-xx-XX.xml</c> files (such as the official CSL locales), with
    /// <c>locales.json</c> for primary dialects when present; falls back to the embedded en-US locale.</summary>
    /// <param name="directory">The directory.</param>
    public static CslLocaleProvider FromDirectory(string directory) => new DirectoryLocaleProvider(directory);

    /// <summary>Finds the locale for exactly this language tag, or <see langword="null"/>.</summary>
    /// <param name="language">A tag such as <c>de-AT</c> or <c>fr</c>.</param>
    /// <exception cref="CslException">The locale file exists but is malformed.</exception>
    public abstract CslLocale? Find(string language);

    /// <summary>The primary dialect of a language (<c>de</c> → <c>de-DE</c>), or <see langword="null"/>.</summary>
    /// <param name="language">A bare language such as <c>de</c>.</param>
    public virtual string? PrimaryDialect(string language) => DefaultPrimaryDialects.GetValueOrDefault(language);

    private sealed class EmbeddedLocaleProvider : CslLocaleProvider
    {
        private readonly Lazy<CslLocale> _enUs = new(() => CslLocale.Parse(EmbeddedResources.Read("locales-en-US.xml"), "embedded:locales-en-US.xml"));

        public override CslLocale? Find(string language)
            => string.Equals(language, "en-US", StringComparison.OrdinalIgnoreCase) ? _enUs.Value : null;
    }

    private sealed class DirectoryLocaleProvider : CslLocaleProvider
    {
        private readonly string _directory;
        private readonly ConcurrentDictionary<string, Lazy<CslLocale?>> _cache = new(StringComparer.OrdinalIgnoreCase);
        private readonly Lazy<IReadOnlyDictionary<string, string>> _primary;

        public DirectoryLocaleProvider(string directory)
        {
            _directory = directory ?? throw new ArgumentNullException(nameof(directory));
            _primary = new Lazy<IReadOnlyDictionary<string, string>>(ReadPrimaryDialects);
        }

        public override CslLocale? Find(string language)
        {
            ArgumentNullException.ThrowIfNull(language);
            return _cache.GetOrAdd(language, tag => new Lazy<CslLocale?>(() => Load(tag))).Value;
        }

        public override string? PrimaryDialect(string language)
            => _primary.Value.TryGetValue(language, out var dialect) ? dialect : base.PrimaryDialect(language);

        private CslLocale? Load(string tag)
        {
            if (tag.IndexOfAny(['/', '\\', '.']) >= 0)
            {
                return null;
            }

            var path = Path.Combine(_directory, $"locales-{tag}.xml");
            if (File.Exists(path))
            {
                return CslLocale.Parse(File.ReadAllText(path), path);
            }

            return Embedded.Find(tag);
        }

        private IReadOnlyDictionary<string, string> ReadPrimaryDialects()
        {
            var path = Path.Combine(_directory, "locales.json");
            if (!File.Exists(path))
            {
                return DefaultPrimaryDialects;
            }

            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(path));
                var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                if (document.RootElement.TryGetProperty("primary-dialects", out var dialects) && dialects.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in dialects.EnumerateObject())
                    {
                        if (property.Value.ValueKind == JsonValueKind.String)
                        {
                            result[property.Name] = property.Value.GetString()!;
                        }
                    }
                }

                return result;
            }
            catch (JsonException)
            {
                return DefaultPrimaryDialects;
            }
        }
    }
}
