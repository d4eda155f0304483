using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Protocol.Patching;

/// <summary>Changes to the elements of multi-valued attributes shared by the PATCH operations.</summary>
internal static class PatchElements
{
    public static void AddElement(SchemaAttribute attribute, JsonArray elements, JsonNode added)
    {
        var same = elements.FirstOrDefault(element => element is not null && SameValue(attribute, element, added));
        if (same is JsonObject existing && added is JsonObject addedObject)
        {
            Merge(existing, addedObject);
            added = existing;
        }
        else if (same is null)
        {
            elements.Add(added);
        }

        if (IsPrimary(added))
        {
            ClearOtherPrimaries(elements, added);
        }
    }

    public static void AppendElement(PatchTarget target, JsonArray elements, JsonObject element)
    {
        elements.Add(element);
        target.Container[target.Attribute.Name] ??= elements;
    }

    /// <summary>Two elements are the same value when their "value" sub-attributes are equal (per caseExact).</summary>
    public static bool SameValue(SchemaAttribute attribute, JsonNode element, JsonNode candidate)
    {
        if (attribute.FindSubAttribute("value") is { } valueAttribute
            && element["value"] is JsonValue left && candidate["value"] is JsonValue right)
        {
            var comparison = valueAttribute.CaseExact ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
            return string.Equals(left.ToJsonString(), right.ToJsonString(), comparison);
        }

        return JsonNode.DeepEquals(element, candidate);
    }

    public static JsonNode? UnwrapSingle(JsonNode? value) =>
        value is JsonArray { Count: 1 } array ? array[0]?.DeepClone() : value;

    public static void Merge(JsonObject into, JsonObject from)
    {
        foreach (var (name, value) in from)
        {
            into[name] = value?.DeepClone();
        }
    }

    public static void SetOrRemove(JsonObject element, string name, JsonNode? value)
    {
        if (value is null)
        {
            element.Remove(name);
        }
        else
        {
            element[name] = value;
        }
    }

    public static bool IsPrimary(JsonNode? element) =>
        element?["primary"] is JsonValue primary && primary.TryGetValue(out bool flag) && flag;

    public static void ClearOtherPrimaries(JsonArray elements, JsonNode keep)
    {
        foreach (var element in elements.OfType<JsonObject>())
        {
            if (!ReferenceEquals(element, keep) && IsPrimary(element))
            {
                element["primary"] = false;
            }
        }
    }

    public static void RemoveWhere(JsonArray elements, Func<JsonNode?, bool> predicate)
    {
        for (var i = elements.Count - 1; i >= 0; i--)
        {
            if (predicate(elements[i]))
            {
                elements.RemoveAt(i);
            }
        }
    }

    public static void DropIfEmpty(PatchTarget target)
    {
        if (target.Container[target.Attribute.Name] is JsonArray { Count: 0 } or JsonObject { Count: 0 })
        {
            target.Container.Remove(target.Attribute.Name);
        }
    }
}
