using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Paths;
using ScimEndpoint.Protocol.Resources;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Protocol.Patching;

/// <summary>
/// Applies RFC 7644 §3.5.2 PATCH operations to a copy of a resource, schema-driven and pure (no store access).
/// Either every operation applies or a <see cref="ScimException"/> is thrown and nothing changes.
/// </summary>
/// <remarks>
/// Entra's non-RFC forms are accepted as documented in entra-scim.md §2: a remove on <c>members</c> with a value
/// array removes only the listed members; an add or replace on <c>emails[type eq "work"].value</c> creates the entry
/// when it is missing; a path-less value object may hold dotted and URN keys. A remove that matches nothing is a
/// no-op, so a retried request does not fail.
/// </remarks>
internal static class PatchEngine
{
    public static JsonObject Apply(ResourceTypeDefinition type, JsonObject current, PatchRequest request)
    {
        var resource = (JsonObject)current.DeepClone();
        foreach (var operation in request.Operations)
        {
            if (operation.Path is null)
            {
                ApplyPathless(type, resource, operation.Type, (JsonObject)operation.Value!);
            }
            else
            {
                ApplyPath(type, resource, operation.Type, operation.Path, operation.RawPath!, operation.Value);
            }
        }

        return ResourceNormalizer.Finish(type, resource);
    }

    /// <summary>RFC 7644 §3.5.2.1/§3.5.2.3 without a path: each key of the value object is a path of its own.</summary>
    private static void ApplyPathless(
        ResourceTypeDefinition type, JsonObject resource, PatchOperationType operation, JsonObject values)
    {
        foreach (var (key, value) in values)
        {
            if (key.Equals("schemas", StringComparison.OrdinalIgnoreCase))
            {
                continue; // The server derives "schemas" from the attributes present.
            }

            if (type.FindExtension(key) is { } extension)
            {
                ApplyExtension(type, resource, operation, extension.Schema.Id, value);
                continue;
            }

            PatchPath path;
            try
            {
                path = PathParser.ParsePatchPath(key);
            }
            catch (ScimException)
            {
                throw ScimErrors.InvalidPath(key, "a key of a path-less value must be an attribute path");
            }

            ApplyPath(type, resource, operation, path, key, value);
        }
    }

    private static void ApplyExtension(
        ResourceTypeDefinition type, JsonObject resource, PatchOperationType operation, string urn, JsonNode? value)
    {
        if (operation == PatchOperationType.Remove || value is null)
        {
            resource.Remove(urn);
            return;
        }

        if (value is not JsonObject values)
        {
            throw ScimErrors.InvalidValue($"The value for '{urn}' must be an object.");
        }

        foreach (var (name, attributeValue) in values)
        {
            var path = new PatchPath(new AttributePath(urn, name));
            ApplyPath(type, resource, operation, path, $"{urn}:{name}", attributeValue);
        }
    }

    private static void ApplyPath(
        ResourceTypeDefinition type,
        JsonObject resource,
        PatchOperationType operation,
        PatchPath path,
        string rawPath,
        JsonNode? value)
    {
        var resolved = type.Resolve(path.Attribute)
            ?? throw ScimErrors.InvalidPath(rawPath, $"{type.Name} has no such attribute");
        if (resolved.ExtensionUrn is { } urn)
        {
            resolved = CustomExtensions.SpelledAs(resolved, resource[urn] as JsonObject);
        }

        if (resolved.Attribute is not { } attribute)
        {
            ApplyExtension(type, resource, operation, resolved.ExtensionUrn!, value);
            return;
        }

        var container = resolved.ExtensionUrn is null
            ? resource
            : resource[resolved.ExtensionUrn] as JsonObject;
        if (container is null)
        {
            if (operation == PatchOperationType.Remove)
            {
                return;
            }

            container = new JsonObject();
            resource[resolved.ExtensionUrn!] = container;
        }

        var target = new PatchTarget(resolved.CanonicalName, rawPath, attribute, container);
        if (path.ValueFilter is { } filter)
        {
            var sub = path.SubAttribute is null
                ? null
                : attribute.FindSubAttribute(path.SubAttribute)
                    ?? throw ScimErrors.InvalidPath(rawPath, $"'{attribute.Name}' has no sub-attribute '{path.SubAttribute}'");
            ValuePathPatch.Apply(target, operation, filter, sub, value);
        }
        else if (resolved.SubAttribute is { } sub)
        {
            ApplySubAttribute(target, operation, sub, value);
        }
        else
        {
            ApplyWhole(target, operation, value);
        }
    }

    private static void ApplyWhole(PatchTarget target, PatchOperationType operation, JsonNode? value)
    {
        var attribute = target.Attribute;
        var existing = target.Container[attribute.Name];
        if (operation == PatchOperationType.Remove)
        {
            target.CheckMutable(attribute, existing);
            if (attribute.MultiValued && value is not null && existing is JsonArray elements)
            {
                // Entra's default job: remove with path "members" and a value array removes only those members.
                var listed = ValueNormalizer.Attribute(attribute, value, target.Name) as JsonArray ?? [];
                PatchElements.RemoveWhere(elements, element =>
                    element is not null && listed.Any(candidate => PatchElements.SameValue(attribute, element, candidate!)));
                PatchElements.DropIfEmpty(target);
            }
            else
            {
                target.Container.Remove(attribute.Name);
            }

            return;
        }

        var normalized = ValueNormalizer.Attribute(attribute, value, target.Name);
        if (attribute.Mutability == Mutability.ReadOnly && JsonNode.DeepEquals(existing, normalized))
        {
            return; // Sending back the server's own value of a readOnly attribute changes nothing.
        }

        target.CheckMutable(attribute, existing);
        if (normalized is null)
        {
            target.Container.Remove(attribute.Name);
        }
        else if (attribute.MultiValued && operation == PatchOperationType.Add && existing is JsonArray elements)
        {
            foreach (var added in ((JsonArray)normalized).ToList())
            {
                PatchElements.AddElement(attribute, elements, added!.DeepClone());
            }
        }
        else if (!attribute.MultiValued && attribute.IsComplex && existing is JsonObject complex)
        {
            // RFC 7644 §3.5.2.1/§3.5.2.3: sub-attributes in the value replace those present; others stay.
            foreach (var (name, subValue) in (JsonObject)normalized)
            {
                complex[name] = subValue?.DeepClone();
            }
        }
        else
        {
            target.Container[attribute.Name] = normalized;
            // Only multi-valued attributes have "primary" elements (a custom attribute's array holds plain values).
            if (attribute.MultiValued && normalized is JsonArray array && array.LastOrDefault(PatchElements.IsPrimary) is { } primary)
            {
                PatchElements.ClearOtherPrimaries(array, primary);
            }
        }
    }

    private static void ApplySubAttribute(
        PatchTarget target, PatchOperationType operation, SchemaAttribute sub, JsonNode? value)
    {
        var attribute = target.Attribute;
        var existing = target.Container[attribute.Name];
        var normalized = operation == PatchOperationType.Remove
            ? null
            : ValueNormalizer.Simple(sub, value, target.Name);
        if (!attribute.MultiValued)
        {
            var complex = existing as JsonObject;
            target.CheckMutable(sub, complex?[sub.Name]);
            if (normalized is null)
            {
                complex?.Remove(sub.Name);
                PatchElements.DropIfEmpty(target);
                return;
            }

            complex ??= new JsonObject();
            complex[sub.Name] = normalized;
            target.Container[attribute.Name] = complex;
            return;
        }

        // "emails.value" without a filter addresses the sub-attribute of every element.
        var elements = existing as JsonArray;
        target.CheckMutable(sub, elements?.FirstOrDefault(e => e?[sub.Name] is not null)?[sub.Name]);
        if (elements is null || elements.Count == 0)
        {
            if (normalized is not null)
            {
                target.Container[attribute.Name] = new JsonArray(new JsonObject { [sub.Name] = normalized });
            }

            return;
        }

        foreach (var element in elements.OfType<JsonObject>())
        {
            PatchElements.SetOrRemove(element, sub.Name, normalized);
        }

        PatchElements.RemoveWhere(elements, element => element is JsonObject { Count: 0 });
        PatchElements.DropIfEmpty(target);
    }
}
