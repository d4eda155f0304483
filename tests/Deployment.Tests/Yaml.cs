using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Deployment.Tests;

/// <summary>
/// YAML documents as JSON trees, with plain scalars typed by the YAML 1.2 core schema (as Helm and kubectl read
/// them): <c>2</c> is a number, <c>true</c> a boolean, <c>"2"</c> and <c>00:00:15</c> strings. Duplicate keys,
/// aliases and non-scalar keys fail, as they would in a chart review.
/// </summary>
internal static partial class Yaml
{
    /// <summary>Every non-empty document of <paramref name="text"/>.</summary>
    public static List<JsonNode> LoadAll(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return [.. stream.Documents.Select(d => ToJson(d.RootNode)).OfType<JsonNode>()];
    }

    /// <summary>The single document of <paramref name="text"/>.</summary>
    public static JsonNode Load(string text) => Assert.Single(LoadAll(text));

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(child => KeyValuePair.Create(
            child.Key is YamlScalarNode { Value: { } key } ? key : throw new InvalidDataException("non-scalar key at " + child.Key.Start),
            ToJson(child.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidDataException($"unsupported YAML node {node.NodeType} at {node.Start}"),
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when Integer().IsMatch(value) => JsonValue.Create(long.Parse(value, CultureInfo.InvariantCulture)),
            _ when Float().IsMatch(value) => JsonValue.Create(double.Parse(value, CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(value),
        };
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
