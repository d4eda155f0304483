using Operator.Api;
using Zitadel;
using Zitadel.Administrators;
using Zitadel.Json;
using Zitadel.Organizations;
using Zitadel.Projects;
using Zitadel.Users;

namespace Operator.Controllers.Zitadel;

/// <summary>
/// The ZITADEL calls of one reconcile of one tenant: resolve (or create) the organisation and project, bring the
/// roles, the service user and its administrator roles in line with the spec, and count what SCIM manages. Every
/// change made is recorded in <see cref="Progress"/>, so a failure after a partial change says what was done.
/// Failures are thrown as <see cref="ZitadelFailure"/>, naming the call.
/// </summary>
internal sealed class TenantZitadelSync(ZitadelClient client, ScimTenant tenant)
{
    /// <summary>ORG_USER_MANAGER: users, metadata, PATs and authorizations in one org (zitadel-api.md §9.3).</summary>
    public const string DefaultOrganizationRole = "ORG_USER_MANAGER";

    private const uint PageSize = ListQuery.MaxLimit;

    private readonly ScimTenantSpec _spec = tenant.Spec;

    /// <summary>What was done or found so far, in order, for the condition message.</summary>
    public List<string> Progress { get; } = [];

    /// <summary>Declared roles present with the declared values, once known.</summary>
    public int? RolesInSync { get; private set; }

    /// <summary>SCIM group roles (<c>scim.</c>) among the project's roles, once listed.</summary>
    public long? Groups { get; private set; }

    public string ServiceUserName => string.IsNullOrWhiteSpace(_spec.ServiceUser?.UserName)
        ? $"scim-{tenant.Metadata.NamespaceProperty}-{tenant.Metadata.Name}"
        : _spec.ServiceUser.UserName;

    /// <summary>The organisation's id, or null when it does not exist (and is not to be created).</summary>
    public async Task<string?> ResolveOrganizationAsync(bool mayCreate, CancellationToken ct)
    {
        var reference = _spec.Zitadel.Organization;
        var query = string.IsNullOrEmpty(reference.Id)
            ? OrganizationSearchQuery.Name(reference.Name!)
            : OrganizationSearchQuery.Id(reference.Id);
        var found = await CallAsync(ZitadelOperation.ListOrganizations(reference.Id ?? reference.Name!),
            () => client.Organizations.ListOrganizationsAsync(
                new ListOrganizationsRequest { Query = new ListQuery { Limit = 1 }, Queries = [query] }, ct));
        if (found.Result.Count > 0 && found.Result[0] is var organization)
        {
            return organization.Id;
        }

        if (!mayCreate || reference.Create != true || !string.IsNullOrEmpty(reference.Id))
        {
            return null;
        }

        var created = await CallAsync(ZitadelOperation.AddOrganization(reference.Name!),
            () => client.Organizations.AddOrganizationAsync(new AddOrganizationRequest(reference.Name!), ct));
        Progress.Add($"created organization '{reference.Name}' ({created.OrganizationId})");
        return created.OrganizationId;
    }

    /// <summary>The project's id in the organisation, or null when it does not exist (and is not to be created).</summary>
    public async Task<string?> ResolveProjectAsync(string organizationId, bool mayCreate, CancellationToken ct)
    {
        var reference = _spec.Zitadel.Project;
        if (!string.IsNullOrEmpty(reference.Id))
        {
            try
            {
                var project = await client.Projects.GetProjectAsync(reference.Id, ct);
                return project.Project?.OrganizationId == organizationId ? reference.Id : null;
            }
            catch (ZitadelException e) when (e.IsNotFound)
            {
                return null;
            }
            catch (ZitadelException e)
            {
                throw new ZitadelFailure(ZitadelOperation.GetProject(reference.Id), e);
            }
        }

        var name = reference.Name!;
        var found = await CallAsync(ZitadelOperation.ListProjects(name), () => client.Projects.ListProjectsAsync(
            new FilteredListRequest<ProjectSearchFilter>
            {
                Pagination = new ListQuery { Limit = 1 },
                Filters = [ProjectSearchFilter.Name(name), ProjectSearchFilter.Organization(organizationId)],
            }, ct));
        if (found.Projects.Count > 0 && found.Projects[0] is var existing)
        {
            return existing.ProjectId;
        }

        if (!mayCreate || reference.Create != true)
        {
            return null;
        }

        var created = await CallAsync(ZitadelOperation.CreateProject(name), () => client.Projects.CreateProjectAsync(
            new CreateProjectRequest { OrganizationId = organizationId, Name = name, ProjectRoleAssertion = true }, ct));
        Progress.Add($"created project '{name}' ({created.ProjectId})");
        return created.ProjectId;
    }

    /// <summary>Adds, updates and (with pruneRoles) removes roles; returns the changes made.</summary>
    public async Task<IReadOnlyList<RoleChange>> EnsureRolesAsync(string projectId, CancellationToken ct)
    {
        var live = await ListRolesAsync(projectId, ct);
        Groups = live.LongCount(r => r.Key.StartsWith(RolePlan.GroupPrefix, StringComparison.Ordinal));
        var declared = RolePlan.Declared(_spec).Count;
        var inSync = RolePlan.InSync(_spec, live);
        RolesInSync = inSync;
        var changes = RolePlan.Compute(_spec, live);
        var made = new List<RoleChange>();
        foreach (var change in changes)
        {
            try
            {
                await ApplyAsync(projectId, change, ct);
            }
            catch (ZitadelFailure)
            {
                Progress.Add($"roles {inSync}/{declared} in sync" +
                    (made.Count == 0 ? "" : $" (done: {string.Join(", ", made)})"));
                throw;
            }

            made.Add(change);
            inSync += change.Kind == RoleChangeKind.Remove ? 0 : 1;
            RolesInSync = inSync;
        }

        Progress.Add($"roles {inSync}/{declared} in sync" +
            (made.Count == 0 ? "" : $" (corrected: {string.Join(", ", made)})"));
        return made;
    }

    /// <summary>
    /// The service user's id: the user the PAT Secret names when it still exists in the organisation, else the
    /// user found by name there, else a new machine user.
    /// </summary>
    public async Task<string> EnsureServiceUserAsync(string organizationId, string? knownUserId, CancellationToken ct)
    {
        if (knownUserId is not null)
        {
            try
            {
                var known = await client.Users.GetUserByIdAsync(knownUserId, ct);
                if (known.User?.Details?.ResourceOwner == organizationId && known.User.Username == ServiceUserName)
                {
                    return knownUserId;
                }
            }
            catch (ZitadelException e) when (e.IsNotFound)
            {
                // Deleted in ZITADEL: look it up by name, or create it again.
            }
            catch (ZitadelException e)
            {
                throw new ZitadelFailure(ZitadelOperation.User("GetUserByID", knownUserId), e);
            }
        }

        if (await FindServiceUserAsync(organizationId, ct) is { } found)
        {
            return found;
        }

        var created = await CallAsync(ZitadelOperation.User("CreateUser", ServiceUserName),
            () => client.Users.CreateUserAsync(new CreateUserRequest
            {
                OrganizationId = organizationId,
                Username = ServiceUserName,
                Machine = new CreateMachineUser
                {
                    Name = ServiceUserName,
                    Description = $"SCIM endpoint of ScimTenant {tenant.Metadata.NamespaceProperty}/{tenant.Metadata.Name}",
                    AccessTokenType = AccessTokenTypes.Bearer,
                },
            }, ct));
        Progress.Add($"created service user '{ServiceUserName}' ({created.Id})");
        return created.Id;
    }

    /// <summary>
    /// The project role the endpoint needs to keep SCIM groups as project roles (AddProjectRole, UpdateProjectRole,
    /// RemoveProjectRole on the tenant's project): granted on that project only, and only while groups are mapped.
    /// </summary>
    public const string GroupProjectRole = "PROJECT_OWNER";

    /// <summary>
    /// Gives the service user exactly the declared organisation and instance roles, plus <see cref="GroupProjectRole"/>
    /// on the tenant's project while SCIM groups are mapped, and nothing else.
    /// </summary>
    public async Task EnsureAdministratorRolesAsync(string userId, string organizationId, string projectId, CancellationToken ct)
    {
        var organizationRoles = _spec.ServiceUser?.OrganizationRoles ?? [DefaultOrganizationRole];
        var instanceRoles = _spec.ServiceUser?.InstanceRoles ?? [];
        var live = await CallAsync(ZitadelOperation.ListAdministrators(userId), () =>
            client.Administrators.ListAdministratorsAsync(new FilteredListRequest<AdministratorSearchFilter>
            {
                Pagination = new ListQuery { Limit = PageSize },
                Filters = [AdministratorSearchFilter.Users(userId)],
            }, ct));
        var desired = new List<(AdministratorResource Resource, IReadOnlyList<string> Roles)>
        {
            (AdministratorResource.ForOrganization(organizationId), [.. organizationRoles.Distinct(StringComparer.Ordinal)]),
            (AdministratorResource.ForInstance(), [.. instanceRoles.Distinct(StringComparer.Ordinal)]),
            (AdministratorResource.ForProject(projectId), _spec.Mappings?.Groups?.Enabled == false ? [] : [GroupProjectRole]),
        };
        foreach (var admin in live.Administrators)
        {
            var resource = ResourceOf(admin);
            var wanted = desired.FirstOrDefault(d => d.Resource == resource).Roles ?? [];
            if (wanted.Count == 0)
            {
                await CallAsync(Operation("DeleteAdministrator", resource),
                    () => client.Administrators.DeleteAdministratorAsync(userId, resource, ct));
                Progress.Add($"removed undeclared administrator roles {string.Join(",", admin.Roles)} on {Describe(resource)}");
            }
            else if (!admin.Roles.ToHashSet(StringComparer.Ordinal).SetEquals(wanted))
            {
                await CallAsync(Operation("UpdateAdministrator", resource),
                    () => client.Administrators.UpdateAdministratorAsync(new(userId, resource, wanted), ct));
                Progress.Add($"set administrator roles {string.Join(",", wanted)} on {Describe(resource)}");
            }
        }

        foreach (var (resource, roles) in desired.Where(d => d.Roles.Count > 0 &&
            !live.Administrators.Any(a => ResourceOf(a) == d.Resource)))
        {
            try
            {
                await client.Administrators.CreateAdministratorAsync(new(userId, resource, roles), ct);
            }
            catch (ZitadelException e) when (e.IsAlreadyExists)
            {
                // The list lagged behind an earlier create: make the roles exact instead.
                await CallAsync(Operation("UpdateAdministrator", resource),
                    () => client.Administrators.UpdateAdministratorAsync(new(userId, resource, roles), ct));
            }
            catch (ZitadelException e)
            {
                throw new ZitadelFailure(Operation("CreateAdministrator", resource), e);
            }

            Progress.Add($"granted {string.Join(",", roles)} on {Describe(resource)}");
        }
    }

    /// <summary>Human users of the organisation carrying SCIM metadata (a key starting with <c>scim.</c>): one call.
    /// </summary>
    public async Task<long> CountUsersAsync(string organizationId, CancellationToken ct)
    {
        var found = await CallAsync(ZitadelOperation.User("ListUsers", "count"),
            () => client.Users.ListUsersAsync(ScimUsers(organizationId, 1), ct));
        return found.Details?.TotalResult ?? 0;
    }

    /// <summary>
    /// deletionPolicy Delete: removes the SCIM-provisioned users, the endpoint's roles and the service user. True when
    /// nothing is left; false when more remains (the caller comes back).
    /// </summary>
    public async Task<bool> CleanUpAsync(CancellationToken ct)
    {
        if (await ResolveOrganizationAsync(mayCreate: false, ct) is not { } organizationId)
        {
            return true;
        }

        var deleted = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 0; ; page++)
        {
            var users = await CallAsync(ZitadelOperation.User("ListUsers", "SCIM users"),
                () => client.Users.ListUsersAsync(ScimUsers(organizationId, 100), ct));
            var pending = users.Result.Where(u => !deleted.Contains(u.UserId)).ToList();
            if (pending.Count == 0)
            {
                break;
            }

            if (page == 20)
            {
                return false;
            }

            foreach (var user in pending)
            {
                await DeleteUserAsync(user.UserId, ct);
                deleted.Add(user.UserId);
            }
        }

        if (await ResolveProjectAsync(organizationId, mayCreate: false, ct) is { } projectId)
        {
            foreach (var role in (await ListRolesAsync(projectId, ct)).Where(r => RolePlan.IsEndpointOwned(r.Key)))
            {
                await ApplyAsync(projectId, new RoleChange(RoleChangeKind.Remove, role.Key, role.DisplayName, role.Group), ct);
            }
        }

        if (await FindServiceUserAsync(organizationId, ct) is { } serviceUser)
        {
            await DeleteUserAsync(serviceUser, ct);
        }

        return true;
    }

    public static async Task<T> CallAsync<T>(ZitadelOperation operation, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ZitadelException e)
        {
            throw new ZitadelFailure(operation, e);
        }
    }

    private static ListUsersRequest ScimUsers(string organizationId, uint limit) => new()
    {
        Query = new ListQuery { Limit = limit },
        Queries =
        [
            UserSearchQuery.Organization(organizationId),
            UserSearchQuery.UserType(UserTypes.Human),
            UserSearchQuery.MetadataKey(RolePlan.GroupPrefix, TextFilterMethods.StartsWith),
        ],
    };

    private async Task<string?> FindServiceUserAsync(string organizationId, CancellationToken ct)
    {
        var found = await CallAsync(ZitadelOperation.User("ListUsers", ServiceUserName),
            () => client.Users.ListUsersAsync(new ListUsersRequest
            {
                Query = new ListQuery { Limit = 1 },
                Queries = [UserSearchQuery.UserName(ServiceUserName), UserSearchQuery.Organization(organizationId)],
            }, ct));
        return found.Result.Count > 0 ? found.Result[0].UserId : null;
    }

    private async Task DeleteUserAsync(string userId, CancellationToken ct)
    {
        try
        {
            await client.Users.DeleteUserAsync(userId, ct);
        }
        catch (ZitadelException e) when (e.IsNotFound)
        {
            // Already gone.
        }
        catch (ZitadelException e)
        {
            throw new ZitadelFailure(ZitadelOperation.User("DeleteUser", userId), e);
        }
    }

    private async Task<IReadOnlyList<ProjectRole>> ListRolesAsync(string projectId, CancellationToken ct)
    {
        var roles = new List<ProjectRole>();
        while (true)
        {
            var page = await CallAsync(ZitadelOperation.ListProjectRoles(), () => client.Projects.ListProjectRolesAsync(
                new ListProjectRolesRequest
                {
                    ProjectId = projectId,
                    Pagination = new ListQuery { Offset = roles.Count, Limit = PageSize, Asc = true },
                }, ct));
            roles.AddRange(page.ProjectRoles);
            if (page.ProjectRoles.Count < PageSize || roles.Count >= (page.Pagination?.TotalResult ?? 0))
            {
                return roles;
            }
        }
    }

    private async Task ApplyAsync(string projectId, RoleChange change, CancellationToken ct)
    {
        try
        {
            switch (change.Kind)
            {
                case RoleChangeKind.Add:
                    await client.Projects.AddProjectRoleAsync(
                        new(projectId, change.Key, change.DisplayName, change.Group), ct);
                    break;
                case RoleChangeKind.Update:
                    await client.Projects.UpdateProjectRoleAsync(
                        new(projectId, change.Key, change.DisplayName, change.Group ?? ""), ct);
                    break;
                default:
                    await client.Projects.RemoveProjectRoleAsync(projectId, change.Key, ct);
                    break;
            }
        }
        catch (ZitadelException e) when (change.Kind == RoleChangeKind.Remove && e.IsNotFound)
        {
            // Already gone.
        }
        catch (ZitadelException e)
        {
            throw new ZitadelFailure(ZitadelOperation.Role(change), e);
        }
    }

    private static AdministratorResource ResourceOf(Administrator admin) =>
        admin.Instance ? AdministratorResource.ForInstance()
        : admin.Project is { } project ? AdministratorResource.ForProject(project.Id)
        : AdministratorResource.ForOrganization(admin.Organization?.Id ?? "");

    private static ZitadelOperation Operation(string method, AdministratorResource resource) =>
        ZitadelOperation.Administrator(method, resource.OrganizationId, resource.ProjectId);

    private static string Describe(AdministratorResource resource) =>
        resource.Instance ? "the instance"
        : resource.ProjectId is { } project ? $"project {project}"
        : $"organization {resource.OrganizationId}";
}
