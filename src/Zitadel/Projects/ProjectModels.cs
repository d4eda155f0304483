using Zitadel.Json;

namespace Zitadel.Projects;

// Requests and responses of the project calls of zitadel.project.v2.ProjectService; small records share one file.

internal sealed record CreateProjectRequest
{
    public required string OrganizationId { get; init; }

    public string? ProjectId { get; init; }

    public required string Name { get; init; }

    /// <summary>Put the user's roles into tokens issued for this project.</summary>
    public bool ProjectRoleAssertion { get; init; }
}

internal sealed record CreateProjectResponse
{
    public string ProjectId { get; set; } = "";

    public DateTimeOffset? CreationDate { get; init; }
}

internal sealed record GetProjectRequest(string ProjectId);

internal sealed record GetProjectResponse
{
    public Project? Project { get; init; }
}

internal sealed record Project
{
    public string ProjectId { get; set; } = "";

    public string OrganizationId { get; set; } = "";

    public DateTimeOffset? CreationDate { get; init; }

    public DateTimeOffset? ChangeDate { get; init; }

    public string Name { get; set; } = "";

    public string State { get; set; } = "";

    public bool ProjectRoleAssertion { get; init; }
}

/// <summary>The filter oneof: exactly one member is set.</summary>
internal sealed record ProjectSearchFilter
{
    public ProjectNameFilter? ProjectNameFilter { get; init; }

    public IdsFilter? InProjectIdsFilter { get; init; }

    public ProjectOrganizationIdFilter? OrganizationIdFilter { get; init; }

    public static ProjectSearchFilter Name(string projectName, string method = TextFilterMethods.EqualsExact) =>
        new() { ProjectNameFilter = new(projectName, method) };

    public static ProjectSearchFilter InIds(params IReadOnlyList<string> ids) =>
        new() { InProjectIdsFilter = new(ids) };

    public static ProjectSearchFilter Organization(string organizationId) =>
        new() { OrganizationIdFilter = new(organizationId) };
}

internal sealed record ProjectNameFilter(string ProjectName, string Method);

/// <summary><c>Type</c> is <c>OWNED|GRANTED|OWNED_OR_GRANTED</c>; null means ZITADEL's default.</summary>
internal sealed record ProjectOrganizationIdFilter(string OrganizationId, string? Type = null);

internal sealed record ListProjectsResponse
{
    public PaginationResponse? Pagination { get; init; }

    public IReadOnlyList<Project> Projects { get; set; } = [];
}
