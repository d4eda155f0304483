using System.Text.Json;
using Microsoft.Extensions.Options;
using Zitadel.Administrators;
using Zitadel.Authorizations;
using Zitadel.Organizations;
using Zitadel.Projects;

namespace Zitadel.Tests.Client;

/// <summary>Every contract call goes to its Connect path with the expected body.</summary>
public sealed class ZitadelClientCallTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly Dictionary<string, (Func<ZitadelClient, Task> Call, string Path, string Body)> Calls = new()
    {
        ["UpdateUser"] = (c => c.Users.UpdateUserAsync(new() { UserId = "u1", Username = "n" }, None),
            "zitadel.user.v2.UserService/UpdateUser", """{"userId":"u1","username":"n"}"""),
        ["ReactivateUser"] = (c => c.Users.ReactivateUserAsync("u1", None),
            "zitadel.user.v2.UserService/ReactivateUser", """{"userId":"u1"}"""),
        ["DeleteUserMetadata"] = (c => c.Users.DeleteUserMetadataAsync("u1", ["a", "b"], None),
            "zitadel.user.v2.UserService/DeleteUserMetadata", """{"userId":"u1","keys":["a","b"]}"""),
        ["AddIDPLink"] = (c => c.Users.AddIdpLinkAsync("u1", new("idp", "ext", "name"), None),
            "zitadel.user.v2.UserService/AddIDPLink",
            """{"userId":"u1","idpLink":{"idpId":"idp","userId":"ext","userName":"name"}}"""),
        ["ListIDPLinks"] = (c => c.Users.ListIdpLinksAsync("u1", null, None),
            "zitadel.user.v2.UserService/ListIDPLinks", """{"userId":"u1"}"""),
        ["RemoveIDPLink"] = (c => c.Users.RemoveIdpLinkAsync("u1", "idp", "ext", None),
            "zitadel.user.v2.UserService/RemoveIDPLink", """{"userId":"u1","idpId":"idp","linkedUserId":"ext"}"""),
        ["AddPersonalAccessToken"] = (c => c.Users.AddPersonalAccessTokenAsync(
                "u1", new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), None),
            "zitadel.user.v2.UserService/AddPersonalAccessToken",
            """{"userId":"u1","expirationDate":"2030-01-01T00:00:00+00:00"}"""),
        ["RemovePersonalAccessToken"] = (c => c.Users.RemovePersonalAccessTokenAsync("u1", "t1", None),
            "zitadel.user.v2.UserService/RemovePersonalAccessToken", """{"userId":"u1","tokenId":"t1"}"""),
        ["AddKey"] = (c => c.Users.AddKeyAsync(new("u1", PublicKey: [1, 2]), None),
            "zitadel.user.v2.UserService/AddKey", """{"userId":"u1","publicKey":"AQI="}"""),
        ["RemoveKey"] = (c => c.Users.RemoveKeyAsync("u1", "k1", None),
            "zitadel.user.v2.UserService/RemoveKey", """{"userId":"u1","keyId":"k1"}"""),
        ["ListOrganizations"] = (c => c.Organizations.ListOrganizationsAsync(
                new() { Queries = [OrganizationSearchQuery.Id("o1"), OrganizationSearchQuery.Name("Acme")] }, None),
            "zitadel.org.v2.OrganizationService/ListOrganizations",
            """{"queries":[{"idQuery":{"id":"o1"}},{"nameQuery":{"name":"Acme","method":"TEXT_QUERY_METHOD_EQUALS"}}]}"""),
        ["AddOrganization"] = (c => c.Organizations.AddOrganizationAsync(new("Acme", "o1"), None),
            "zitadel.org.v2.OrganizationService/AddOrganization", """{"name":"Acme","organizationId":"o1"}"""),
        ["CreateProject"] = (c => c.Projects.CreateProjectAsync(
                new() { OrganizationId = "o1", Name = "scim", ProjectRoleAssertion = true }, None),
            "zitadel.project.v2.ProjectService/CreateProject",
            """{"organizationId":"o1","name":"scim","projectRoleAssertion":true}"""),
        ["GetProject"] = (c => c.Projects.GetProjectAsync("p1", None),
            "zitadel.project.v2.ProjectService/GetProject", """{"projectId":"p1"}"""),
        ["ListProjects"] = (c => c.Projects.ListProjectsAsync(
                new() { Pagination = new() { Limit = 1000 }, Filters = [ProjectSearchFilter.Organization("o1")] }, None),
            "zitadel.project.v2.ProjectService/ListProjects",
            """{"pagination":{"limit":1000},"filters":[{"organizationIdFilter":{"organizationId":"o1"}}]}"""),
        ["AddProjectRole"] = (c => c.Projects.AddProjectRoleAsync(new("p1", "admin", "Admin"), None),
            "zitadel.project.v2.ProjectService/AddProjectRole",
            """{"projectId":"p1","roleKey":"admin","displayName":"Admin"}"""),
        ["UpdateProjectRole"] = (c => c.Projects.UpdateProjectRoleAsync(new("p1", "admin", Group: "g"), None),
            "zitadel.project.v2.ProjectService/UpdateProjectRole", """{"projectId":"p1","roleKey":"admin","group":"g"}"""),
        ["RemoveProjectRole"] = (c => c.Projects.RemoveProjectRoleAsync("p1", "admin", None),
            "zitadel.project.v2.ProjectService/RemoveProjectRole", """{"projectId":"p1","roleKey":"admin"}"""),
        ["ListProjectRoles"] = (c => c.Projects.ListProjectRolesAsync(
                new() { ProjectId = "p1", Filters = [ProjectRoleSearchFilter.Key("adm", "TEXT_FILTER_METHOD_STARTS_WITH")] },
                None),
            "zitadel.project.v2.ProjectService/ListProjectRoles",
            """{"projectId":"p1","filters":[{"roleKeyFilter":{"key":"adm","method":"TEXT_FILTER_METHOD_STARTS_WITH"}}]}"""),
        ["CreateAuthorization"] = (c => c.Authorizations.CreateAuthorizationAsync(new("u1", "p1", "o1", ["admin"]), None),
            "zitadel.authorization.v2.AuthorizationService/CreateAuthorization",
            """{"userId":"u1","projectId":"p1","organizationId":"o1","roleKeys":["admin"]}"""),
        ["UpdateAuthorization"] = (c => c.Authorizations.UpdateAuthorizationAsync("a1", ["x", "y"], None),
            "zitadel.authorization.v2.AuthorizationService/UpdateAuthorization", """{"id":"a1","roleKeys":["x","y"]}"""),
        ["DeleteAuthorization"] = (c => c.Authorizations.DeleteAuthorizationAsync("a1", None),
            "zitadel.authorization.v2.AuthorizationService/DeleteAuthorization", """{"id":"a1"}"""),
        ["ListAuthorizations"] = (c => c.Authorizations.ListAuthorizationsAsync(
                new() { Filters = [AuthorizationSearchFilter.Users("u1"), AuthorizationSearchFilter.Project("p1")] }, None),
            "zitadel.authorization.v2.AuthorizationService/ListAuthorizations",
            """{"filters":[{"inUserIds":{"ids":["u1"]}},{"projectId":{"id":"p1"}}]}"""),
        ["CreateAdministrator"] = (c => c.Administrators.CreateAdministratorAsync(
                new("u1", AdministratorResource.ForOrganization("o1"), ["ORG_USER_MANAGER"]), None),
            "zitadel.internal_permission.v2.InternalPermissionService/CreateAdministrator",
            """{"userId":"u1","resource":{"organizationId":"o1"},"roles":["ORG_USER_MANAGER"]}"""),
        ["UpdateAdministrator"] = (c => c.Administrators.UpdateAdministratorAsync(
                new("u1", AdministratorResource.ForInstance(), ["IAM_OWNER"]), None),
            "zitadel.internal_permission.v2.InternalPermissionService/UpdateAdministrator",
            """{"userId":"u1","resource":{"instance":true},"roles":["IAM_OWNER"]}"""),
        ["DeleteAdministrator"] = (c => c.Administrators.DeleteAdministratorAsync(
                "u1", AdministratorResource.ForProject("p1"), None),
            "zitadel.internal_permission.v2.InternalPermissionService/DeleteAdministrator",
            """{"userId":"u1","resource":{"projectId":"p1"}}"""),
        ["ListAdministrators"] = (c => c.Administrators.ListAdministratorsAsync(
                new() { Filters = [AdministratorSearchFilter.Users("u1")] }, None),
            "zitadel.internal_permission.v2.InternalPermissionService/ListAdministrators",
            """{"filters":[{"inUserIdsFilter":{"ids":["u1"]}}]}"""),
    };

    public static TheoryData<string> CallNames => [.. Calls.Keys];

    [Theory]
    [MemberData(nameof(CallNames))]
    public async Task Call_EachContractMethod_PostsItsPathAndBody(string name)
    {
        var (call, path, body) = Calls[name];
        using var harness = new ClientHarness();

        await call(harness.Client);

        var request = Assert.Single(harness.Handler.Requests);
        Assert.Equal($"{ClientHarness.BaseUrl}/{path}", request.Uri.ToString());
        Assert.Equal(body, JsonDocument.Parse(request.Body).RootElement.GetRawText());
    }

    [Theory]
    [InlineData(null, null, null, "exactly one")]
    [InlineData("ftp://x", "pat-secret-xyz", null, "BaseUrl")]
    [InlineData("https://x", "pat-secret-xyz", "{\"type\":\"serviceaccount\"}", "exactly one")]
    [InlineData("https://x", null, "{\"type\":\"application\"}", "key file is unusable")]
    public void Validate_BadOptions_FailsWithoutShowingTheCredential(
        string? baseUrl, string? pat, string? keyJson, string expected)
    {
        var options = new ZitadelClientOptions
        {
            BaseUrl = baseUrl is null ? null : new Uri(baseUrl),
            PersonalAccessToken = pat,
            KeyFileJson = keyJson,
        };

        var result = new ZitadelClientOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("pat-secret-xyz", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PatAndHttpsUrl_Succeeds()
    {
        var options = new ZitadelClientOptions { BaseUrl = new Uri("https://x"), PersonalAccessToken = "pat" };

        Assert.Equal(ValidateOptionsResult.Success, new ZitadelClientOptionsValidator().Validate(null, options));
    }
}
