using Operator.Api;
using Zitadel.Projects;

namespace Operator.Controllers.Zitadel;

/// <summary>One change to the project's roles.</summary>
internal sealed record RoleChange(RoleChangeKind Kind, string Key, string DisplayName, string? Group)
{
    /// <summary>The ZITADEL method that makes the change.</summary>
    public string Method => Kind switch
    {
        RoleChangeKind.Add => "AddProjectRole",
        RoleChangeKind.Update => "UpdateProjectRole",
        _ => "RemoveProjectRole",
    };

    /// <summary>The call, e.g. <c>AddProjectRole(admin)</c>.</summary>
    public override string ToString() => $"{Method}({Key})";
}

internal enum RoleChangeKind
{
    Add,
    Update,
    Remove,
}

/// <summary>
/// The project role changes that bring the live roles in line with <c>spec.roles</c>: missing roles are added,
/// roles whose display name or group drifted are updated, and with <c>pruneRoles</c> undeclared roles are removed,
/// except SCIM group roles (<c>scim.</c>), the endpoint's membership locks (<c>scimlock.</c>) and role keys that
/// <c>mappings.appRoles</c> grants.
/// </summary>
internal static class RolePlan
{
    /// <summary>Group roles the endpoint owns (docs/zitadel-mapping.md, "Groups").</summary>
    public const string GroupPrefix = "scim.";

    /// <summary>Membership locks the endpoint takes (docs/zitadel-mapping.md, "Concurrent membership changes").
    /// </summary>
    public const string LockPrefix = "scimlock.";

    public static IReadOnlyList<RoleChange> Compute(ScimTenantSpec spec, IReadOnlyList<ProjectRole> live)
    {
        var byKey = live.ToDictionary(r => r.Key, StringComparer.Ordinal);
        var changes = new List<RoleChange>();
        var declared = Declared(spec);
        foreach (var role in declared)
        {
            if (!byKey.TryGetValue(role.Key, out var current))
            {
                changes.Add(role with { Kind = RoleChangeKind.Add });
            }
            else if (current.DisplayName != role.DisplayName || current.Group != (role.Group ?? ""))
            {
                changes.Add(role with { Kind = RoleChangeKind.Update });
            }
        }

        if (spec.PruneRoles == true)
        {
            var keep = declared.Select(r => r.Key)
                .Concat(spec.Mappings?.AppRoles?.SelectMany(m => m.RoleKeys) ?? [])
                .ToHashSet(StringComparer.Ordinal);
            changes.AddRange(live
                .Where(r => !keep.Contains(r.Key) && !IsEndpointOwned(r.Key))
                .OrderBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => new RoleChange(RoleChangeKind.Remove, r.Key, r.DisplayName, r.Group)));
        }

        return changes;
    }

    /// <summary>The declared roles with their defaults (display name = key); a repeated key counts once.</summary>
    public static IReadOnlyList<RoleChange> Declared(ScimTenantSpec spec) =>
    [
        .. (spec.Roles ?? [])
            .DistinctBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new RoleChange(RoleChangeKind.Add, r.Key,
                string.IsNullOrEmpty(r.DisplayName) ? r.Key : r.DisplayName,
                string.IsNullOrEmpty(r.Group) ? null : r.Group)),
    ];

    /// <summary>How many declared roles exist with the declared values.</summary>
    public static int InSync(ScimTenantSpec spec, IReadOnlyList<ProjectRole> live) =>
        Declared(spec).Count(d => live.Any(r => r.Key == d.Key && r.DisplayName == d.DisplayName &&
            r.Group == (d.Group ?? "")));

    public static bool IsEndpointOwned(string key) =>
        key.StartsWith(GroupPrefix, StringComparison.Ordinal) || key.StartsWith(LockPrefix, StringComparison.Ordinal);
}
