using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Protocol.Resources;

/// <summary>Reads the values a resolved attribute path points at in a normalized resource.</summary>
internal static class ResourceValues
{
    /// <summary>The object that holds the attribute: the resource itself, or its extension object (null if absent).</summary>
    public static JsonObject? Container(JsonObject resource, ResolvedAttribute attribute) =>
        attribute.ExtensionUrn is null ? resource : resource[attribute.ExtensionUrn] as JsonObject;

    /// <summary>
    /// Every non-null value at the end of the path. A multi-valued attribute yields each element (or each element's
    /// sub-attribute); a single value yields itself.
    /// </summary>
    public static IEnumerable<JsonNode> Select(JsonObject resource, ResolvedAttribute attribute)
    {
        if (attribute.Attribute is null)
        {
            if (Container(resource, attribute) is { } whole)
            {
                yield return whole;
            }

            yield break;
        }

        var node = Container(resource, attribute)?[attribute.Attribute.Name];
        foreach (var item in Elements(node))
        {
            if (attribute.SubAttribute is null)
            {
                yield return item;
            }
            else if (item is JsonObject complex && complex[attribute.SubAttribute.Name] is { } sub)
            {
                yield return sub;
            }
        }
    }

    /// <summary>The elements of an array, or the node itself when it is a single value.</summary>
    public static IEnumerable<JsonNode> Elements(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is not null)
                {
                    yield return item;
                }
            }
        }
        else if (node is not null)
        {
            yield return node;
        }
    }
}
