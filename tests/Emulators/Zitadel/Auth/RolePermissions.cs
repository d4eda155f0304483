namespace Emulators.Zitadel.Auth;

/// <summary>
/// The administrator role → permission table of docs/zitadel-calls.md (from ZITADEL's RolePermissionMappings).
/// Patterns: <c>*</c> is everything, <c>x.*</c> every permission under <c>x.</c>, <c>*.read</c> every read.
/// </summary>
internal static class RolePermissions
{
    private static readonly string[] UserAndGrants = ["user.*", "user.grant.*"];

    private static readonly Dictionary<string, string[]> Table = new(StringComparer.Ordinal)
    {
        ["IAM_OWNER"] = ["*"],
        ["IAM_OWNER_VIEWER"] = ["*.read"],
        ["IAM_ORG_MANAGER"] = ["org.*", "org.member.*", "project.*", .. UserAndGrants],
        ["IAM_USER_MANAGER"] = ["org.read", "org.member.read", "org.member.delete", .. UserAndGrants],
        ["ORG_OWNER"] = ["org.read", "org.write", "org.member.*", "org.idp.*", "project.*", .. UserAndGrants],
        ["ORG_OWNER_VIEWER"] = ["*.read"],
        ["ORG_USER_MANAGER"] = ["org.read", "project.read", "project.role.read", .. UserAndGrants],
        ["ORG_PROJECT_CREATOR"] = ["project.create"],
        ["PROJECT_OWNER"] = ["project.*", "project.member.*", "user.grant.*"],
        ["PROJECT_OWNER_VIEWER"] = ["*.read"],
    };

    public static bool IsKnownRole(string role) => Table.ContainsKey(role);

    public static bool Grants(IEnumerable<string> roles, string permission) =>
        roles.Any(role => Table.TryGetValue(role, out var patterns) &&
            patterns.Any(pattern => Matches(pattern, permission)));

    private static bool Matches(string pattern, string permission) => pattern switch
    {
        "*" => true,
        "*.read" => permission.EndsWith(".read", StringComparison.Ordinal),
        _ when pattern.EndsWith(".*", StringComparison.Ordinal) =>
            permission.StartsWith(pattern[..^1], StringComparison.Ordinal),
        _ => pattern == permission,
    };
}
