using Zitadel.Json;

namespace Zitadel.Projects;

// Requests and responses of the project role calls of ProjectService; these small records share one file.

internal sealed record AddProjectRoleRequest(string ProjectId, string RoleKey, string DisplayName, string? Group = null);

/// <summary>The key cannot change; null members are omitted and stay unchanged.</summary>
internal sealed record UpdateProjectRoleRequest(
    string ProjectId, string RoleKey, string? DisplayName = null, string? Group = null);

internal sealed record RemoveProjectRoleRequest(string ProjectId, string RoleKey);

internal sealed record RemoveProjectRoleResponse
{
    public DateTimeOffset? RemovalDate { get; init; }
}

internal sealed record ListProjectRolesRequest
{
    public required string ProjectId { get; init; }

    public ListQuery? Pagination { get; init; }

    public IReadOnlyList<ProjectRoleSearchFilter>? Filters { get; init; }
}

/// <summary>The filter oneof: exactly one member is set.</summary>
internal sealed record ProjectRoleSearchFilter
{
    public RoleKeyFilter? RoleKeyFilter { get; init; }

    public DisplayNameFilter? DisplayNameFilter { get; init; }

    public static ProjectRoleSearchFilter Key(string key, string method = TextFilterMethods.EqualsExact) =>
        new() { RoleKeyFilter = new(key, method) };

    public static ProjectRoleSearchFilter DisplayName(string name, string method = TextFilterMethods.EqualsExact) =>
        new() { DisplayNameFilter = new(name, method) };
}

internal sealed record RoleKeyFilter(string Key, string Method);

internal sealed record DisplayNameFilter(string DisplayName, string Method);

internal sealed record ListProjectRolesResponse
{
    public PaginationResponse? Pagination { get; init; }

    public IReadOnlyList<ProjectRole> ProjectRoles { get; set; } = [];
}

internal sealed record ProjectRole
{
    public string ProjectId { get; set; } = "";

    public string Key { get; set; } = "";

    public DateTimeOffset? CreationDate { get; init; }

    public DateTimeOffset? ChangeDate { get; init; }

    public string DisplayName { get; set; } = "";

    public string Group { get; set; } = "";
}
