using Zitadel.Administrators;
using Zitadel.Authorizations;
using Zitadel.Json;
using Zitadel.Projects;
using Zitadel.Users;

namespace Zitadel.Tests.Contract;

/// <summary>
/// The whole contract (docs/zitadel-calls.md): the user part plus projects and roles, authorizations,
/// administrators and PAT authentication, through the typed client only. One subclass per target.
/// </summary>
public abstract class ZitadelContractTests : ZitadelUserContractTests
{
    [Fact]
    public virtual async Task AddProjectRole_SameKeyTwice_ThrowsAlreadyExists409()
    {
        var projectId = await CreateProjectAsync("reader");

        var error = await Assert.ThrowsAsync<ZitadelException>(() => Client.Projects.AddProjectRoleAsync(
            new AddProjectRoleRequest(projectId, "reader", "Reader again"), Cancellation));

        Assert.Equal((ZitadelErrorCode.AlreadyExists, 409), (error.Code, error.StatusCode));
    }

    [Fact]
    public virtual async Task ProjectRoles_ListUpdateAndRemove_ListFollows()
    {
        var projectId = await CreateProjectAsync("reader", "writer");

        var listed = await RolesEventuallyAsync(projectId, roles => roles.Count == 2);
        var changed = await Client.Projects.UpdateProjectRoleAsync(
            new UpdateProjectRoleRequest(projectId, "writer", "Writers", "editing"), Cancellation);
        var updated = await RolesEventuallyAsync(projectId, roles => roles.Any(role => role.DisplayName == "Writers"));
        var removed = await Client.Projects.RemoveProjectRoleAsync(projectId, "reader", Cancellation);
        var remaining = await RolesEventuallyAsync(projectId, roles => roles.Count == 1);

        Assert.Equal(["reader", "writer"], listed.Select(role => role.Key).Order());
        Assert.All(listed, role => Assert.Equal(projectId, role.ProjectId));
        Assert.NotNull(changed.ChangeDate);
        var writer = Assert.Single(updated, role => role.Key == "writer");
        Assert.Equal(("Writers", "editing"), (writer.DisplayName, writer.Group));
        Assert.NotNull(removed.RemovalDate);
        Assert.Equal("writer", Assert.Single(remaining).Key);
    }

    [Fact]
    public virtual async Task CreateAuthorization_UserWithRole_ListedByUserAndProject()
    {
        var projectId = await CreateProjectAsync("reader", "writer");
        var userId = await CreateHumanAsync(Target.UniqueName("grant"));

        var created = await CreateAuthorizationAsync(userId, projectId, "reader");
        var listed = await AuthorizationsEventuallyAsync(userId, projectId, found => found.Count > 0);

        Assert.NotNull(created.CreationDate);
        var authorization = Assert.Single(listed);
        Assert.Equal(
            (created.Id, userId, projectId, Target.OrganizationId),
            (authorization.Id, authorization.User?.Id, authorization.Project?.Id, authorization.Organization?.Id));
        Assert.Equal("reader", Assert.Single(authorization.Roles).Key);
    }

    [Fact]
    public virtual async Task UpdateAuthorization_OtherRoles_ReplacesTheSet()
    {
        var projectId = await CreateProjectAsync("reader", "writer");
        var userId = await CreateHumanAsync(Target.UniqueName("regrant"));
        var created = await CreateAuthorizationAsync(userId, projectId, "reader");

        var changed = await Client.Authorizations.UpdateAuthorizationAsync(created.Id, ["writer"], Cancellation);
        var listed = await AuthorizationsEventuallyAsync(
            userId, projectId, found => found.Any(a => RoleKeys(a).SequenceEqual(["writer"])));

        Assert.NotNull(changed.ChangeDate);
        Assert.Equal(["writer"], RoleKeys(Assert.Single(listed)));
    }

    [Fact]
    public virtual async Task DeleteAuthorization_Twice_SucceedsAndListNoLongerHasIt()
    {
        var projectId = await CreateProjectAsync("reader");
        var userId = await CreateHumanAsync(Target.UniqueName("ungrant"));
        var created = await CreateAuthorizationAsync(userId, projectId, "reader");

        await Client.Authorizations.DeleteAuthorizationAsync(created.Id, Cancellation);
        await Client.Authorizations.DeleteAuthorizationAsync(created.Id, Cancellation);
        var listed = await AuthorizationsEventuallyAsync(userId, projectId, found => found.Count == 0);

        Assert.Empty(listed);
    }

    [Fact]
    public virtual async Task RemoveProjectRole_RoleInAuthorization_RemovesItFromTheAuthorization()
    {
        var projectId = await CreateProjectAsync("reader", "writer");
        var userId = await CreateHumanAsync(Target.UniqueName("cascade"));
        await CreateAuthorizationAsync(userId, projectId, "reader", "writer");

        await Client.Projects.RemoveProjectRoleAsync(projectId, "reader", Cancellation);
        var listed = await AuthorizationsEventuallyAsync(
            userId, projectId, found => found.Any(a => RoleKeys(a).SequenceEqual(["writer"])));

        Assert.Equal(["writer"], RoleKeys(Assert.Single(listed)));
    }

    [Fact]
    public virtual async Task CreateAdministrator_MachineUserOnOrganization_Listed()
    {
        var userId = await CreateMachineAsync(Target.UniqueName("admin"));

        var created = await CreateAdministratorAsync(userId, "ORG_USER_MANAGER");
        var listed = await AdministratorsEventuallyAsync(userId, found => found.Count > 0);

        Assert.NotNull(created.CreationDate);
        var administrator = Assert.Single(listed);
        Assert.Equal((userId, Target.OrganizationId), (administrator.User?.Id, administrator.Organization?.Id));
        Assert.Equal(["ORG_USER_MANAGER"], administrator.Roles);
    }

    [Fact]
    public virtual async Task UpdateAdministrator_OtherRoles_ReplacesTheSet()
    {
        var userId = await CreateMachineAsync(Target.UniqueName("readmin"));
        await CreateAdministratorAsync(userId, "ORG_USER_MANAGER");

        var changed = await Client.Administrators.UpdateAdministratorAsync(
            new AdministratorRequest(userId, OrganizationResource, ["ORG_OWNER_VIEWER"]), Cancellation);
        var listed = await AdministratorsEventuallyAsync(
            userId, found => found.Any(a => a.Roles.SequenceEqual(["ORG_OWNER_VIEWER"])));

        Assert.NotNull(changed.ChangeDate);
        Assert.Equal(["ORG_OWNER_VIEWER"], Assert.Single(listed).Roles);
    }

    [Fact]
    public virtual async Task DeleteAdministrator_Twice_SucceedsAndListNoLongerHasIt()
    {
        var userId = await CreateMachineAsync(Target.UniqueName("unadmin"));
        await CreateAdministratorAsync(userId, "ORG_USER_MANAGER");

        await Client.Administrators.DeleteAdministratorAsync(userId, OrganizationResource, Cancellation);
        await Client.Administrators.DeleteAdministratorAsync(userId, OrganizationResource, Cancellation);
        var listed = await AdministratorsEventuallyAsync(userId, found => found.Count == 0);

        Assert.Empty(listed);
    }

    [Fact]
    public virtual async Task AddPersonalAccessToken_MachineUser_SecondClientActsWithItsRolesOnly()
    {
        var userName = Target.UniqueName("bot");
        var userId = await CreateMachineAsync(userName);
        await CreateAdministratorAsync(userId, "ORG_USER_MANAGER");

        var pat = await Client.Users.AddPersonalAccessTokenAsync(userId, expirationDate: null, Cancellation);
        var bot = Target.CreateClient(pat.Token);
        // Permission checks read the membership projection, which may lag the CreateAdministrator write.
        var readFailure = await Eventually.UntilAsync(
            ct => FailureOf(() => bot.Users.GetUserByIdAsync(userId, ct)), failure => failure is null, Cancellation);
        var self = await bot.Users.GetUserByIdAsync(userId, Cancellation);
        var denied = await Assert.ThrowsAsync<ZitadelException>(() => bot.Projects.CreateProjectAsync(
            new CreateProjectRequest { OrganizationId = Target.OrganizationId, Name = Target.UniqueName("denied") },
            Cancellation));

        Assert.False(string.IsNullOrEmpty(pat.TokenId));
        Assert.Null(readFailure);
        Assert.Equal(userName, self.User?.Machine?.Name);
        Assert.Equal((ZitadelErrorCode.PermissionDenied, 403), (denied.Code, denied.StatusCode));
    }

    [Fact]
    public virtual async Task Client_UnknownPersonalAccessToken_ThrowsUnauthenticated401()
    {
        var stranger = Target.CreateClient("not-a-valid-token");

        var error = await Assert.ThrowsAsync<ZitadelException>(
            () => stranger.Users.GetUserByIdAsync("999999999999999999", Cancellation));

        Assert.Equal((ZitadelErrorCode.Unauthenticated, 401), (error.Code, error.StatusCode));
    }

    internal AdministratorResource OrganizationResource => AdministratorResource.ForOrganization(Target.OrganizationId);

    /// <summary>Creates a project with the given role keys (display name = key); the roles are cleaned up.</summary>
    internal async Task<string> CreateProjectAsync(params string[] roleKeys)
    {
        var created = await Client.Projects.CreateProjectAsync(
            new CreateProjectRequest { OrganizationId = Target.OrganizationId, Name = Target.UniqueName("project") },
            Cancellation);
        var projectId = created.ProjectId;
        Assert.False(string.IsNullOrEmpty(projectId));
        Assert.NotNull(created.CreationDate);
        foreach (var key in roleKeys)
        {
            var added = await Client.Projects.AddProjectRoleAsync(
                new AddProjectRoleRequest(projectId, key, key), Cancellation);
            Assert.NotNull(added.CreationDate);
            Target.Cleanup.ProjectRole(projectId, key);
        }

        return projectId;
    }

    internal async Task<string> CreateMachineAsync(string userName)
    {
        var created = await Client.Users.CreateUserAsync(new CreateUserRequest
        {
            OrganizationId = Target.OrganizationId,
            Username = userName,
            Machine = new CreateMachineUser { Name = userName, Description = "ScimOperator contract test" },
        }, Cancellation);
        Target.Cleanup.User(created.Id);
        return created.Id;
    }

    internal async Task<CreateAuthorizationResponse> CreateAuthorizationAsync(
        string userId, string projectId, params string[] roleKeys)
    {
        var created = await Client.Authorizations.CreateAuthorizationAsync(
            new CreateAuthorizationRequest(userId, projectId, Target.OrganizationId, roleKeys), Cancellation);
        Target.Cleanup.Authorization(created.Id);
        return created;
    }

    internal async Task<CreationDateResponse> CreateAdministratorAsync(string userId, params string[] roles)
    {
        var created = await Client.Administrators.CreateAdministratorAsync(
            new AdministratorRequest(userId, OrganizationResource, roles), Cancellation);
        Target.Cleanup.Administrator(userId, OrganizationResource);
        return created;
    }

    private static IEnumerable<string> RoleKeys(Authorization authorization) =>
        authorization.Roles.Select(role => role.Key).Order(StringComparer.Ordinal);

    private static async Task<ZitadelException?> FailureOf(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (ZitadelException e)
        {
            return e;
        }
    }

    private Task<IReadOnlyList<ProjectRole>> RolesEventuallyAsync(
        string projectId, Func<IReadOnlyList<ProjectRole>, bool> done) =>
        Eventually.ListAsync(
            ct => Client.Projects.ListProjectRolesAsync(new ListProjectRolesRequest { ProjectId = projectId }, ct),
            response => response.ProjectRoles, done, Cancellation);

    private Task<IReadOnlyList<Authorization>> AuthorizationsEventuallyAsync(
        string userId, string projectId, Func<IReadOnlyList<Authorization>, bool> done) =>
        Eventually.ListAsync(
            ct => Client.Authorizations.ListAuthorizationsAsync(
                new()
                {
                    Filters = [AuthorizationSearchFilter.Users(userId), AuthorizationSearchFilter.Project(projectId)],
                },
                ct),
            response => response.Authorizations, done, Cancellation);

    private Task<IReadOnlyList<Administrator>> AdministratorsEventuallyAsync(
        string userId, Func<IReadOnlyList<Administrator>, bool> done) =>
        Eventually.ListAsync(
            ct => Client.Administrators.ListAdministratorsAsync(
                new()
                {
                    Filters =
                    [
                        AdministratorSearchFilter.Users(userId), AdministratorSearchFilter.On(OrganizationResource),
                    ],
                },
                ct),
            response => response.Administrators, done, Cancellation);
}
