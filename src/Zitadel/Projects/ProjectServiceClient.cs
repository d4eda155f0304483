using Zitadel.Json;
using Zitadel.Transport;

namespace Zitadel.Projects;

/// <summary>The calls of <c>zitadel.project.v2.ProjectService</c> (Connect only) that ScimOperator makes.</summary>
/// <remarks>Idempotent: reads, <c>UpdateProjectRole</c> (same values again), <c>RemoveProjectRole</c> (a repeat
/// answers 404). Not idempotent: <c>CreateProject</c> and <c>AddProjectRole</c> (a repeat answers 409 or creates
/// a second project).</remarks>
internal sealed class ProjectServiceClient(ZitadelConnection connection)
{
    private const string Service = "zitadel.project.v2.ProjectService";

    private static readonly ZitadelMethod CreateProject = new(Service, nameof(CreateProject), RetrySafety.NotIdempotent);
    private static readonly ZitadelMethod GetProject = new(Service, nameof(GetProject), RetrySafety.Idempotent);
    private static readonly ZitadelMethod ListProjects = new(Service, nameof(ListProjects), RetrySafety.Idempotent);
    private static readonly ZitadelMethod AddProjectRole =
        new(Service, nameof(AddProjectRole), RetrySafety.NotIdempotent);
    private static readonly ZitadelMethod UpdateProjectRole =
        new(Service, nameof(UpdateProjectRole), RetrySafety.Idempotent);
    private static readonly ZitadelMethod RemoveProjectRole =
        new(Service, nameof(RemoveProjectRole), RetrySafety.Idempotent);
    private static readonly ZitadelMethod ListProjectRoles =
        new(Service, nameof(ListProjectRoles), RetrySafety.Idempotent);

    public Task<CreateProjectResponse> CreateProjectAsync(
        CreateProjectRequest request, CancellationToken cancellationToken) =>
        connection.CallAsync<CreateProjectRequest, CreateProjectResponse>(
            CreateProject, request, request.OrganizationId, cancellationToken);

    public Task<GetProjectResponse> GetProjectAsync(string projectId, CancellationToken cancellationToken) =>
        connection.CallAsync<GetProjectRequest, GetProjectResponse>(GetProject, new(projectId), cancellationToken);

    public Task<ListProjectsResponse> ListProjectsAsync(
        FilteredListRequest<ProjectSearchFilter> request, CancellationToken cancellationToken) =>
        connection.CallAsync<FilteredListRequest<ProjectSearchFilter>, ListProjectsResponse>(ListProjects, request, cancellationToken);

    /// <summary>Adds one role; there is no bulk add in v2. A taken key answers 409.</summary>
    public Task<CreationDateResponse> AddProjectRoleAsync(
        AddProjectRoleRequest request, CancellationToken cancellationToken) =>
        connection.CallAsync<AddProjectRoleRequest, CreationDateResponse>(AddProjectRole, request, cancellationToken);

    public Task<ChangeDateResponse> UpdateProjectRoleAsync(
        UpdateProjectRoleRequest request, CancellationToken cancellationToken) =>
        connection.CallAsync<UpdateProjectRoleRequest, ChangeDateResponse>(
            UpdateProjectRole, request, cancellationToken);

    /// <summary>Removes a role and, in cascade, that role from every authorization.</summary>
    public Task<RemoveProjectRoleResponse> RemoveProjectRoleAsync(
        string projectId, string roleKey, CancellationToken cancellationToken) =>
        connection.CallAsync<RemoveProjectRoleRequest, RemoveProjectRoleResponse>(
            RemoveProjectRole, new(projectId, roleKey), cancellationToken);

    public Task<ListProjectRolesResponse> ListProjectRolesAsync(
        ListProjectRolesRequest request, CancellationToken cancellationToken) =>
        connection.CallAsync<ListProjectRolesRequest, ListProjectRolesResponse>(
            ListProjectRoles, request, cancellationToken);
}
