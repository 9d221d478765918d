using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Citations.Formats;

/// <summary>A node of a YAML document, with where it starts (1-based line and column in the file).</summary>
internal abstract class YamlNode
{
    protected YamlNode(int line, int column)
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }

    public int Column { get; }
}

/// <summary>A YAML scalar: its text and whether it was written plain (unquoted, so it may be a number, true, null).</summary>
internal sealed class YamlScalar(string value, bool plain, int line, int column) : YamlNode(line, column)
{
    public string Value { get; } = value;

    public bool Plain { get; } = plain;

    /// <summary>Whether a plain scalar is YAML's null (<c>null</c>, <c>~</c>, or nothing).</summary>
    public bool IsNull => Plain && Value is "" or "~" or "null" or "Null" or "NULL";
}

/// <summary>A YAML sequence.</summary>
internal sealed class YamlSequence(int line, int column) : YamlNode(line, column)
{
    public List<YamlNode> Items { get; } = [];
}

/// <summary>A YAML mapping, its keys in the order written.</summary>
internal sealed class YamlMapping(int line, int column) : YamlNode(line, column)
{
    public List<KeyValuePair<YamlScalar, YamlNode>> Pairs { get; } = [];

    /// <summary>The value of a key, or <see langword="null"/>.</summary>
    public YamlNode? Get(string key)
    {
        foreach (var (k, v) in Pairs)
        {
            if (k.Value == key)
            {
                return v;
            }
        }

        return null;
    }

    /// <summary>The text of a scalar value, or <see langword="null"/>.</summary>
    public string? Text(string key) => Get(key) is YamlScalar { IsNull: false } s ? s.Value : null;
}

/// <summary>
/// Reads the first YAML document of a text into <see cref="YamlNode"/>s with YamlDotNet's parser (events only, no
/// reflection, so trimming and AOT are safe). Aliases point at the node they name (not copies); their expansion is
/// bounded by whoever walks the tree. Non-scalar mapping keys and too-deep nesting are refused.
/// </summary>
internal static class YamlTree
{
    /// <summary>The deepest nesting of sequences and mappings accepted.</summary>
    public const int MaxDepth = 64;

    /// <summary>Reads the first document. Returns <see langword="null"/> and a problem (with line and column) on invalid YAML.</summary>
    /// <param name="text">The YAML text.</param>
    /// <param name="lineOffset">Lines before the text in its file (for YAML front matter), added to every line.</param>
    /// <param name="problem">Why the text could not be read.</param>
    public static YamlNode? Read(string text, int lineOffset, out (string Message, int Line, int Column)? problem)
    {
        var node = Read(text, lineOffset, out YamlProblem? found);
        problem = found is null ? null : (found.Message, found.Line, found.Column);
        return node;
    }

    private sealed record YamlProblem(string Message, int Line, int Column);

    private static YamlNode? Read(string text, int lineOffset, out YamlProblem? result)
    {
        YamlProblem? problem = null;
        result = null;
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var stack = new Stack<(YamlNode Node, YamlScalar? PendingKey)>();
        YamlNode? root = null;
        int lastLine = 1 + lineOffset, lastColumn = 1;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                var line = (int)current.Start.Line + lineOffset;
                var column = (int)current.Start.Column;
                (lastLine, lastColumn) = (line, column);
                YamlNode? node = null;
                switch (current)
                {
                    case DocumentEnd when root is not null:
                        return root;
                    case Scalar scalar:
                        node = new YamlScalar(scalar.Value, scalar.Style == ScalarStyle.Plain, line, column);
                        Remember(scalar.Anchor, node);
                        break;
                    case AnchorAlias alias:
                        if (!anchors.TryGetValue(alias.Value.Value, out node))
                        {
                            result = new YamlProblem($"The alias *{alias.Value.Value} names no anchor.", line, column);
                            return null;
                        }

                        break;
                    case SequenceStart start:
                        var sequence = new YamlSequence(line, column);
                        Remember(start.Anchor, sequence);
                        if (!Push(sequence, line, column))
                        {
                            result = problem;
                            return null;
                        }

                        continue;
                    case MappingStart start:
                        var mapping = new YamlMapping(line, column);
                        Remember(start.Anchor, mapping);
                        if (!Push(mapping, line, column))
                        {
                            result = problem;
                            return null;
                        }

                        continue;
                    case SequenceEnd or MappingEnd:
                        node = stack.Pop().Node;
                        break;
                    default:
                        continue;
                }

                if (!Attach(node, line, column))
                {
                    result = problem;
                    return null;
                }
            }
        }
        catch (YamlException e)
        {
            result = new YamlProblem(Message(e), (int)e.Start.Line + lineOffset, (int)e.Start.Column);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner throws these on some broken inputs instead of a YamlException (found by fuzzing: a
            // plain scalar after a stray brace at the start of a line; "\ud800\ud800" in a double-quoted scalar); the
            // place is the last event read.
            result = new YamlProblem("The YAML could not be read after this point (the parser stopped on an unexpected character).", lastLine, lastColumn);
            return null;
        }

        return root;

        void Remember(AnchorName anchor, YamlNode node)
        {
            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = node;
            }
        }

        bool Push(YamlNode node, int line, int column)
        {
            if (stack.Count >= MaxDepth)
            {
                problem = new YamlProblem($"The YAML is nested deeper than {MaxDepth} levels.", line, column);
                return false;
            }

            stack.Push((node, null));
            return true;
        }

        bool Attach(YamlNode node, int line, int column)
        {
            if (stack.Count == 0)
            {
                root ??= node;
                return true;
            }

            var (parent, pendingKey) = stack.Pop();
            switch (parent)
            {
                case YamlSequence sequence:
                    sequence.Items.Add(node);
                    stack.Push((parent, null));
                    return true;
                case YamlMapping mapping when pendingKey is null:
                    if (node is not YamlScalar key)
                    {
                        problem = new YamlProblem("A mapping key must be text, not a list or a mapping.", line, column);
                        return false;
                    }

                    stack.Push((parent, key));
                    return true;
                case YamlMapping mapping:
                    mapping.Pairs.Add(new KeyValuePair<YamlScalar, YamlNode>(pendingKey!, node));
                    stack.Push((parent, null));
                    return true;
                default:
                    return false;
            }
        }
    }

    private static string Message(YamlException e)
    {
        // YamlDotNet prefixes "(Line: …, Col: …, Idx: …) - (…): "; the location is reported separately.
        var message = e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return "Invalid YAML: " + (message.StartsWith('(') && cut > 0 ? message[(cut + 3)..] : message);
    }
}
