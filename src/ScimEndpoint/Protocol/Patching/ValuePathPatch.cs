using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Filtering;
using ScimEndpoint.Protocol.Resources;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Protocol.Patching;

/// <summary>
/// PATCH operations on a value-filtered path such as <c>emails[type eq "work"].value</c> or
/// <c>members[value eq "id"]</c> (RFC 7644 §3.5.2). An add or replace that matches nothing creates the element the
/// filter describes, as Entra expects (entra-scim.md §2.3).
/// </summary>
internal static class ValuePathPatch
{
    public static void Apply(
        PatchTarget target, PatchOperationType operation, FilterNode filter, SchemaAttribute? sub, JsonNode? value)
    {
        var attribute = target.Attribute;
        if (!attribute.IsComplex)
        {
            throw ScimErrors.InvalidPath(target.RawPath, $"'{attribute.Name}' is not complex, so it takes no value filter");
        }

        ValidateFilter(attribute, filter, target.RawPath);

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
                target.CheckMutable(attribute, single);
                target.Container.Remove(attribute.Name);
            }

            return;
        }

        var elements = existing as JsonArray ?? [];
        var matches = elements.OfType<JsonObject>()
            .Where(element => FilterEvaluator.MatchesElement(attribute, element, filter))
            .ToList();
        var checkedAttribute = sub ?? attribute;
        target.CheckMutable(checkedAttribute, matches.Count == 0 ? null : (sub is null ? matches[0] : matches[0][sub.Name]));

        if (operation == PatchOperationType.Remove)
        {
            if (sub is null)
            {
                PatchElements.RemoveWhere(elements, element => matches.Contains(element));
            }
            else
            {
                matches.ForEach(match => match.Remove(sub.Name));
                PatchElements.RemoveWhere(elements, element => element is JsonObject { Count: 0 });
            }

            PatchElements.DropIfEmpty(target);
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
                PatchElements.AppendElement(target, elements, created);
            }
            else
            {
                matches.ForEach(match => PatchElements.SetOrRemove(match, sub.Name, normalized?.DeepClone()));
                changed = matches[^1];
            }
        }
        else
        {
            var normalized = ValueNormalizer.Single(attribute, PatchElements.UnwrapSingle(value), target.Name) as JsonObject;
            if (normalized is null)
            {
                PatchElements.RemoveWhere(elements, element => matches.Contains(element));
            }
            else if (matches.Count == 0)
            {
                var created = Template(attribute, filter) ?? throw ScimErrors.NoTarget(target.RawPath);
                PatchElements.Merge(created, normalized);
                changed = created;
                PatchElements.AppendElement(target, elements, created);
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

                        PatchElements.Merge(match, Template(attribute, filter) ?? []);
                    }

                    PatchElements.Merge(match, normalized);
                }

                changed = matches[^1];
            }
        }

        PatchElements.RemoveWhere(elements, element => element is JsonObject { Count: 0 });
        if (changed is not null && PatchElements.IsPrimary(changed))
        {
            PatchElements.ClearOtherPrimaries(elements, changed);
        }

        PatchElements.DropIfEmpty(target);
    }

    private static void ValidateFilter(SchemaAttribute attribute, FilterNode filter, string rawPath)
    {
        try
        {
            FilterEvaluator.ValidateElement(attribute, filter);
        }
        catch (ScimException error) when (error.ScimType == "invalidFilter")
        {
            throw ScimErrors.InvalidPath(rawPath, error.Detail.TrimEnd('.'));
        }
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
}
