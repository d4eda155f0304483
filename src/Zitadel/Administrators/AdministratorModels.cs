using Zitadel.Authorizations;
using Zitadel.Json;

namespace Zitadel.Administrators;

// Requests and responses of zitadel.internal_permission.v2.InternalPermissionService; small records share one file.

/// <summary>The resource oneof: the instance, one organization or one project.</summary>
internal sealed record AdministratorResource
{
    public bool Instance { get; init; }

    public string? OrganizationId { get; init; }

    public string? ProjectId { get; init; }

    public static AdministratorResource ForInstance() => new() { Instance = true };

    public static AdministratorResource ForOrganization(string organizationId) =>
        new() { OrganizationId = organizationId };

    public static AdministratorResource ForProject(string projectId) => new() { ProjectId = projectId };
}

/// <summary>The request of both create and update; update replaces the role set.</summary>
internal sealed record AdministratorRequest(string UserId, AdministratorResource Resource, IReadOnlyList<string> Roles);

internal sealed record DeleteAdministratorRequest(string UserId, AdministratorResource Resource);

/// <summary>The filter oneof: exactly one member is set.</summary>
internal sealed record AdministratorSearchFilter
{
    public IdsFilter? InUserIdsFilter { get; init; }

    public AdministratorResource? Resource { get; init; }

    public static AdministratorSearchFilter Users(params IReadOnlyList<string> userIds) =>
        new() { InUserIdsFilter = new(userIds) };

    public static AdministratorSearchFilter On(AdministratorResource resource) => new() { Resource = resource };
}

internal sealed record ListAdministratorsResponse
{
    public PaginationResponse? Pagination { get; init; }

    public IReadOnlyList<Administrator> Administrators { get; set; } = [];
}

internal sealed record Administrator
{
    public DateTimeOffset? CreationDate { get; init; }

    public DateTimeOffset? ChangeDate { get; init; }

    public AuthorizationUser? User { get; init; }

    public bool Instance { get; init; }

    public AuthorizationOrganization? Organization { get; init; }

    public AuthorizationProject? Project { get; init; }

    public IReadOnlyList<string> Roles { get; set; } = [];
}
