using Zitadel.Json;
using Zitadel.Projects;

namespace Zitadel.Authorizations;

// Requests and responses of zitadel.authorization.v2.AuthorizationService; these small records share one file.

/// <summary><c>OrganizationId</c> is the org the authorization lives on; it must own (or be granted) the project.</summary>
internal sealed record CreateAuthorizationRequest(
    string UserId, string ProjectId, string OrganizationId, IReadOnlyList<string> RoleKeys);

internal sealed record CreateAuthorizationResponse
{
    public string Id { get; set; } = "";

    public DateTimeOffset? CreationDate { get; init; }
}

/// <summary>Replaces the role set: keys not listed are revoked.</summary>
internal sealed record UpdateAuthorizationRequest(string Id, IReadOnlyList<string> RoleKeys);

internal sealed record DeleteAuthorizationRequest(string Id);

/// <summary>The filter oneof: exactly one member is set.</summary>
internal sealed record AuthorizationSearchFilter
{
    public IdsFilter? InUserIds { get; init; }

    public IdFilter? ProjectId { get; init; }

    public IdFilter? OrganizationId { get; init; }

    public RoleKeyFilter? RoleKey { get; init; }

    public IdsFilter? AuthorizationIds { get; init; }

    public static AuthorizationSearchFilter Users(params IReadOnlyList<string> userIds) =>
        new() { InUserIds = new(userIds) };

    public static AuthorizationSearchFilter Project(string projectId) => new() { ProjectId = new(projectId) };

    public static AuthorizationSearchFilter Organization(string organizationId) =>
        new() { OrganizationId = new(organizationId) };

    public static AuthorizationSearchFilter Role(string key, string method = TextFilterMethods.EqualsExact) =>
        new() { RoleKey = new(key, method) };

    public static AuthorizationSearchFilter Ids(params IReadOnlyList<string> ids) =>
        new() { AuthorizationIds = new(ids) };
}

internal sealed record ListAuthorizationsResponse
{
    public PaginationResponse? Pagination { get; init; }

    public IReadOnlyList<Authorization> Authorizations { get; set; } = [];
}

internal sealed record Authorization
{
    public string Id { get; set; } = "";

    public DateTimeOffset? CreationDate { get; init; }

    public DateTimeOffset? ChangeDate { get; init; }

    public AuthorizationProject? Project { get; init; }

    public AuthorizationOrganization? Organization { get; init; }

    public AuthorizationUser? User { get; init; }

    /// <summary><c>STATE_ACTIVE|STATE_INACTIVE</c>.</summary>
    public string State { get; set; } = "";

    public IReadOnlyList<AuthorizationRole> Roles { get; set; } = [];
}

internal sealed record AuthorizationProject
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string OrganizationId { get; set; } = "";
}

internal sealed record AuthorizationOrganization
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";
}

internal sealed record AuthorizationUser
{
    public string Id { get; set; } = "";

    public string PreferredLoginName { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string OrganizationId { get; set; } = "";
}

internal sealed record AuthorizationRole
{
    public string Key { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string Group { get; set; } = "";
}
