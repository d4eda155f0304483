using System.Net;
using System.Text.Json.Nodes;
using Emulators.Zitadel;

namespace Zitadel.Tests.Emulator;

public sealed class EmulatorPermissionTests : EmulatorTestBase
{
    [Fact]
    public async Task OrgUserManager_CreateUserInOwnOrg_Succeeds()
    {
        var (orgA, _) = await UseOrgUserManagerAsync();

        var call = await Client.CallAsync(EmulatorClient.Users, "CreateUser", HumanIn(orgA));

        Assert.Equal(HttpStatusCode.OK, call.Status);
    }

    [Fact]
    public async Task OrgUserManager_CreateUserInOtherOrg_Returns403()
    {
        var (_, orgB) = await UseOrgUserManagerAsync();

        var call = await Client.CallAsync(EmulatorClient.Users, "CreateUser", HumanIn(orgB));

        Assert.Equal((HttpStatusCode.Forbidden, "permission_denied"), (call.Status, call.Code));
    }

    [Fact]
    public async Task OrgUserManager_AddProjectRole_Returns403ButListRolesWorks()
    {
        var (orgA, _) = await UseOrgUserManagerAsync();
        var project = Emulator.CreateProject(orgA, "App", "reader");

        var add = await Client.CallAsync(EmulatorClient.Projects, "AddProjectRole",
            new JsonObject { ["projectId"] = project, ["roleKey"] = "writer", ["displayName"] = "Writer" });
        var list = await Client.CallAsync(EmulatorClient.Projects, "ListProjectRoles",
            new JsonObject { ["projectId"] = project });

        Assert.Equal(HttpStatusCode.Forbidden, add.Status);
        Assert.Equal("reader", list.Text("projectRoles.0.key"));
    }

    [Fact]
    public async Task OrgResolution_NoOrgInRequest_UsesHeaderThenCallersOrg()
    {
        var (orgA, orgB) = await UseOrgUserManagerAsync();
        var withoutOrg = HumanIn(orgA);
        withoutOrg.Remove("organizationId");

        var callersOrg = await Client.CallAsync(EmulatorClient.Users, "CreateUser", withoutOrg);
        Client.OrgHeader = orgB;
        withoutOrg["human"]!["email"]!["email"] = "other@example.com";
        var headerOrg = await Client.CallAsync(EmulatorClient.Users, "CreateUser", withoutOrg);

        Assert.Equal(HttpStatusCode.OK, callersOrg.Status);
        Assert.Equal(orgA, Emulator.State.Users.Single(user => user.Id == callersOrg.Text("id")).OrganizationId);
        Assert.Equal(HttpStatusCode.Forbidden, headerOrg.Status);
    }

    [Fact]
    public async Task ListUsers_OrgUserManager_SeesOnlyOwnOrg()
    {
        var (orgA, orgB) = await UseOrgUserManagerAsync();
        var admin = new EmulatorClient(Emulator);
        await admin.CreateHumanAsync("b@example.com", orgB);
        await admin.CreateHumanAsync("a@example.com", orgA);

        var call = await Client.CallAsync(EmulatorClient.Users, "ListUsers", []);

        Assert.All(call.Body["result"]!.AsArray(),
            user => Assert.Equal(orgA, user!["details"]!["resourceOwner"]!.GetValue<string>()));
    }

    private static JsonObject HumanIn(string organizationId) => new()
    {
        ["organizationId"] = organizationId,
        ["human"] = new JsonObject
        {
            ["profile"] = new JsonObject { ["givenName"] = "A", ["familyName"] = "B" },
            ["email"] = new JsonObject { ["email"] = "a@example.com" },
        },
    };

    /// <summary>Switches the client to a machine user that is only ORG_USER_MANAGER of org A.</summary>
    private Task<(string OrgA, string OrgB)> UseOrgUserManagerAsync()
    {
        var orgA = Emulator.CreateOrganization("A");
        var orgB = Emulator.CreateOrganization("B");
        var scim = Emulator.CreateMachineUser("scim", orgA, AdministratorGrant.Organization(orgA, "ORG_USER_MANAGER"));
        Client.Token = scim.Pat;
        return Task.FromResult((orgA, orgB));
    }
}
