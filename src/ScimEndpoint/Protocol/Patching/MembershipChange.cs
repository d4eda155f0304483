using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Filtering;
using ScimEndpoint.Protocol.Resources;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Protocol.Patching;

/// <summary>
/// A group PATCH that only adds and removes members — every form Entra sends for membership (entra-scim.md §2.5) —
/// as the set of ids to add and to remove. Later operations win over earlier ones for the same id. Such a PATCH
/// goes to <see cref="Storage.IScimStore.ChangeMembersAsync"/> without reading or rewriting the whole group.
/// </summary>
internal sealed record MembershipChange(IReadOnlyCollection<string> Add, IReadOnlyCollection<string> Remove)
{
    /// <summary>The change, or null when any operation does more than add or remove listed members.</summary>
    public static MembershipChange? TryFrom(PatchRequest request)
    {
        var members = ScimSchemas.Group.FindAttribute("members")!;
        var intent = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var operation in request.Operations)
        {
            if (operation.Path is not { SubAttribute: null } path
                || !path.Attribute.Name.Equals("members", StringComparison.OrdinalIgnoreCase)
                || path.Attribute.SubAttribute is not null
                || (path.Attribute.SchemaUrn is { } urn && !urn.Equals(ScimConstants.GroupSchema, StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }

            switch (operation.Type, path.ValueFilter, operation.Value)
            {
                case (PatchOperationType.Add or PatchOperationType.Remove, null, { } value):
                    foreach (var id in Ids(members, value))
                    {
                        intent[id] = operation.Type == PatchOperationType.Add;
                    }

                    break;
                case (PatchOperationType.Remove, CompareFilter { Operator: CompareOperator.Eq, Value: string id } compare, null)
                    when compare.Path is { SchemaUrn: null, SubAttribute: null } && compare.Path.Name.Equals("value", StringComparison.OrdinalIgnoreCase):
                    intent[id] = false;
                    break;
                default:
                    return null; // "remove all", replace, other filters: the general PATCH engine handles them.
            }
        }

        return new MembershipChange(
            intent.Where(e => e.Value).Select(e => e.Key).ToList(),
            intent.Where(e => !e.Value).Select(e => e.Key).ToList());
    }

    private static IEnumerable<string> Ids(SchemaAttribute members, JsonNode value) =>
        (ValueNormalizer.Attribute(members, value, "members") as JsonArray ?? [])
            .Select(member => (string?)member?["value"])
            .OfType<string>();
}
