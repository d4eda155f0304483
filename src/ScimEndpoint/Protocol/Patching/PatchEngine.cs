using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Filtering;
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

        var target = new Target(resolved.CanonicalName, rawPath, attribute, container);
        if (path.ValueFilter is { } filter)
        {
            var sub = path.SubAttribute is null
                ? null
                : attribute.FindSubAttribute(path.SubAttribute)
                    ?? throw ScimErrors.InvalidPath(rawPath, $"'{attribute.Name}' has no sub-attribute '{path.SubAttribute}'");
            ApplyFiltered(target, operation, filter, sub, value);
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

    private static void ApplyWhole(Target target, PatchOperationType operation, JsonNode? value)
    {
        var attribute = target.Attribute;
        var existing = target.Container[attribute.Name];
        if (operation == PatchOperationType.Remove)
        {
            CheckMutable(target, attribute, existing);
            if (attribute.MultiValued && value is not null && existing is JsonArray elements)
            {
                // Entra's default job: remove with path "members" and a value array removes only those members.
                var listed = ValueNormalizer.Attribute(attribute, value, target.Name) as JsonArray ?? [];
                RemoveWhere(elements, element =>
                    element is not null && listed.Any(candidate => SameValue(attribute, element, candidate!)));
                DropIfEmpty(target);
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

        CheckMutable(target, attribute, existing);
        if (normalized is null)
        {
            target.Container.Remove(attribute.Name);
        }
        else if (attribute.MultiValued && operation == PatchOperationType.Add && existing is JsonArray elements)
        {
            foreach (var added in ((JsonArray)normalized).ToList())
            {
                AddElement(attribute, elements, added!.DeepClone());
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
            if (normalized is JsonArray array && array.LastOrDefault(IsPrimary) is { } primary)
            {
                ClearOtherPrimaries(array, primary);
            }
        }
    }

    private static void ApplySubAttribute(
        Target target, PatchOperationType operation, SchemaAttribute sub, JsonNode? value)
    {
        var attribute = target.Attribute;
        var existing = target.Container[attribute.Name];
        var normalized = operation == PatchOperationType.Remove
            ? null
            : ValueNormalizer.Simple(sub, value, target.Name);
        if (!attribute.MultiValued)
        {
            var complex = existing as JsonObject;
            CheckMutable(target, sub, complex?[sub.Name]);
            if (normalized is null)
            {
                complex?.Remove(sub.Name);
                DropIfEmpty(target);
                return;
            }

            complex ??= new JsonObject();
            complex[sub.Name] = normalized;
            target.Container[attribute.Name] = complex;
            return;
        }

        // "emails.value" without a filter addresses the sub-attribute of every element.
        var elements = existing as JsonArray;
        CheckMutable(target, sub, elements?.FirstOrDefault(e => e?[sub.Name] is not null)?[sub.Name]);
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
            SetOrRemove(element, sub.Name, normalized);
        }

        RemoveWhere(elements, element => element is JsonObject { Count: 0 });
        DropIfEmpty(target);
    }

    private static void ApplyFiltered(
        Target target, PatchOperationType operation, FilterNode filter, SchemaAttribute? sub, JsonNode? value)
    {
        var attribute = target.Attribute;
        if (!attribute.IsComplex)
        {
            throw ScimErrors.InvalidPath(target.RawPath, $"'{attribute.Name}' is not complex, so it takes no value filter");
        }

        var existing = target.Container[attribute.Name];
        if (!attribute.MultiValued)
        {
            // Seen in the wild: remove "manager[value eq \"id\"]" on the single-valued manager (entra-scim.md §4.9).
            if (operation != PatchOperationType.Remove)
            {
                throw ScimErrors.InvalidPath(target.RawPath, $"'{attribute.Name}' is single-valued; address it without a filter");
            }

            if (existing is JsonObject single && FilterEvaluator.MatchesElement(attribute, single, filter))
            {
                CheckMutable(target, attribute, single);
                target.Container.Remove(attribute.Name);
            }

            return;
        }

        var elements = existing as JsonArray ?? [];
        var matches = elements.OfType<JsonObject>()
            .Where(element => FilterEvaluator.MatchesElement(attribute, element, filter))
            .ToList();
        var checkedAttribute = sub ?? attribute;
        CheckMutable(target, checkedAttribute, matches.Count == 0 ? null : (sub is null ? matches[0] : matches[0][sub.Name]));

        if (operation == PatchOperationType.Remove)
        {
            if (sub is null)
            {
                RemoveWhere(elements, element => matches.Contains(element));
            }
            else
            {
                matches.ForEach(match => match.Remove(sub.Name));
                RemoveWhere(elements, element => element is JsonObject { Count: 0 });
            }

            DropIfEmpty(target);
            return;
        }

        JsonObject? changed = null;
        if (sub is not null)
        {
            var normalized = ValueNormalizer.Simple(sub, value, $"{target.Name}.{sub.Name}");
            if (matches.Count == 0)
            {
                if (normalized is null)
                {
                    return;
                }

                var created = Template(attribute, filter) ?? throw ScimErrors.NoTarget(target.RawPath);
                created[sub.Name] = normalized;
                changed = created;
                AppendElement(target, elements, created);
            }
            else
            {
                matches.ForEach(match => SetOrRemove(match, sub.Name, normalized?.DeepClone()));
                changed = matches[^1];
            }
        }
        else
        {
            var normalized = ValueNormalizer.Single(attribute, UnwrapSingle(value), target.Name) as JsonObject;
            if (normalized is null)
            {
                RemoveWhere(elements, element => matches.Contains(element));
            }
            else if (matches.Count == 0)
            {
                var created = Template(attribute, filter) ?? throw ScimErrors.NoTarget(target.RawPath);
                Merge(created, normalized);
                changed = created;
                AppendElement(target, elements, created);
            }
            else
            {
                foreach (var match in matches)
                {
                    if (operation == PatchOperationType.Replace)
                    {
                        // Replace the record, but keep what the filter selected it by, so it stays addressable.
                        foreach (var name in match.Select(p => p.Key).ToList())
                        {
                            match.Remove(name);
                        }

                        Merge(match, Template(attribute, filter) ?? []);
                    }

                    Merge(match, normalized);
                }

                changed = matches[^1];
            }
        }

        RemoveWhere(elements, element => element is JsonObject { Count: 0 });
        if (changed is not null && IsPrimary(changed))
        {
            ClearOtherPrimaries(elements, changed);
        }

        DropIfEmpty(target);
    }

    /// <summary>
    /// The element a value filter describes, for an add or replace that matched nothing: <c>type eq "work"</c>
    /// gives <c>{"type":"work"}</c>. Only equality tests joined by <c>and</c> describe an element; anything else is
    /// <c>noTarget</c>.
    /// </summary>
    private static JsonObject? Template(SchemaAttribute attribute, FilterNode filter)
    {
        var template = new JsonObject();
        return Describe(attribute, filter, template) ? template : null;
    }

    private static bool Describe(SchemaAttribute attribute, FilterNode filter, JsonObject template)
    {
        switch (filter)
        {
            case AndFilter and:
                return Describe(attribute, and.Left, template) && Describe(attribute, and.Right, template);
            case CompareFilter { Operator: CompareOperator.Eq, Path: { SchemaUrn: null, SubAttribute: null } path } compare
                when attribute.FindSubAttribute(path.Name) is { } sub && compare.Value is not null:
                var literal = compare.Value switch
                {
                    string text => JsonValue.Create(text),
                    bool flag => JsonValue.Create(flag),
                    decimal number => JsonValue.Create(number),
                    _ => null,
                };
                var normalized = ValueNormalizer.Simple(sub, literal, $"{attribute.Name}.{sub.Name}");
                if (normalized is null)
                {
                    return false;
                }

                template[sub.Name] = normalized;
                return true;
            default:
                return false;
        }
    }

    private static void AddElement(SchemaAttribute attribute, JsonArray elements, JsonNode added)
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

    private static void AppendElement(Target target, JsonArray elements, JsonObject element)
    {
        elements.Add(element);
        target.Container[target.Attribute.Name] ??= elements;
    }

    /// <summary>Two elements are the same value when their "value" sub-attributes are equal (per caseExact).</summary>
    private static bool SameValue(SchemaAttribute attribute, JsonNode element, JsonNode candidate)
    {
        if (attribute.FindSubAttribute("value") is { } valueAttribute
            && element["value"] is JsonValue left && candidate["value"] is JsonValue right)
        {
            var comparison = valueAttribute.CaseExact ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
            return string.Equals(left.ToJsonString(), right.ToJsonString(), comparison);
        }

        return JsonNode.DeepEquals(element, candidate);
    }

    /// <summary>
    /// RFC 7643 §7: readOnly attributes are never changed by a client; an immutable one may be set once, when it has
    /// no value, and never replaced or removed.
    /// </summary>
    private static void CheckMutable(Target target, SchemaAttribute attribute, JsonNode? existing)
    {
        switch (attribute.Mutability)
        {
            case Mutability.ReadOnly:
                throw ScimErrors.Mutability(Name(target, attribute), "is readOnly");
            case Mutability.Immutable when existing is not null:
                throw ScimErrors.Mutability(Name(target, attribute), "is immutable and already has a value");
        }
    }

    private static string Name(Target target, SchemaAttribute attribute) =>
        attribute == target.Attribute ? target.Name : $"{target.Name}.{attribute.Name}";

    private static JsonNode? UnwrapSingle(JsonNode? value) =>
        value is JsonArray { Count: 1 } array ? array[0]?.DeepClone() : value;

    private static void Merge(JsonObject into, JsonObject from)
    {
        foreach (var (name, value) in from)
        {
            into[name] = value?.DeepClone();
        }
    }

    private static void SetOrRemove(JsonObject element, string name, JsonNode? value)
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

    private static bool IsPrimary(JsonNode? element) =>
        element?["primary"] is JsonValue primary && primary.TryGetValue(out bool flag) && flag;

    private static void ClearOtherPrimaries(JsonArray elements, JsonNode keep)
    {
        foreach (var element in elements.OfType<JsonObject>())
        {
            if (!ReferenceEquals(element, keep) && IsPrimary(element))
            {
                element["primary"] = false;
            }
        }
    }

    private static void RemoveWhere(JsonArray elements, Func<JsonNode?, bool> predicate)
    {
        for (var i = elements.Count - 1; i >= 0; i--)
        {
            if (predicate(elements[i]))
            {
                elements.RemoveAt(i);
            }
        }
    }

    private static void DropIfEmpty(Target target)
    {
        if (target.Container[target.Attribute.Name] is JsonArray { Count: 0 } or JsonObject { Count: 0 })
        {
            target.Container.Remove(target.Attribute.Name);
        }
    }

    /// <summary>Where an operation lands: the attribute and the object (resource or extension) that holds it.</summary>
    private sealed record Target(string Name, string RawPath, SchemaAttribute Attribute, JsonObject Container);
}
