using System.Net;
using System.Text.Json.Nodes;
using Emulators.Zitadel.Hosting;
using Emulators.Zitadel.State;

namespace Zitadel.Tests.Emulator;

public sealed class EmulatorDemoTenantTests : EmulatorTestBase
{
    [Fact]
    public void Seed_Emulator_CreatesOrgProjectInstanceIdpAndLeastPrivilegeScimUser()
    {
        var tenant = DemoTenant.Seed(Emulator);

        Assert.Contains(Emulator.State.Organizations, org => (org.Id, org.Name) == (tenant.OrganizationId, "Demo"));
        var project = Assert.Single(Emulator.State.Projects, project => project.Id == tenant.ProjectId);
        Assert.Equal((tenant.OrganizationId, "Demo App"), (project.OrganizationId, project.Name));
        IdpRecord? idp;
        lock (Emulator.State.Gate)
        {
            idp = Emulator.State.Idps.Get(tenant.IdpId);
        }

        Assert.Equal(new IdpRecord(tenant.IdpId, null, "Entra ID"), idp);
        var user = Assert.Single(Emulator.State.Users, user => user.Id == tenant.ScimUser.UserId);
        Assert.Equal((tenant.OrganizationId, "scim-endpoint"), (user.OrganizationId, user.UserName));
        Assert.NotNull(user.Machine);
        var grants = Emulator.State.Administrators.Where(admin => admin.UserId == user.Id)
            .Select(admin => (admin.Resource, admin.ResourceId, string.Join(',', admin.Roles)))
            .OrderBy(grant => grant.Resource);
        Assert.Equal(
            [
                (AdministratorResource.Organization, tenant.OrganizationId, "ORG_USER_MANAGER"),
                (AdministratorResource.Project, tenant.ProjectId, "PROJECT_OWNER"),
            ],
            grants);
        Assert.Equal(
            $"ZITADEL_ORG_ID={tenant.OrganizationId}\nZITADEL_PROJECT_ID={tenant.ProjectId}\n" +
            $"ZITADEL_IDP_ID={tenant.IdpId}\nZITADEL_SCIM_PAT={tenant.ScimUser.Pat}\n",
            tenant.EnvLines);
    }

    [Fact]
    public async Task Seed_ScimPat_ManagesUsersInTheDemoOrgOnly()
    {
        var tenant = DemoTenant.Seed(Emulator);
        Client.Token = tenant.ScimUser.Pat;

        var inDemo = await Client.CreateHumanAsync("ada@example.com", tenant.OrganizationId);
        var inDefault = await Client.CallAsync(EmulatorClient.Users, "CreateUser", new JsonObject
        {
            ["organizationId"] = Emulator.DefaultOrganizationId,
            ["machine"] = new JsonObject { ["name"] = "intruder" },
            ["username"] = "intruder",
        });

        Assert.NotEmpty(inDemo);
        Assert.Equal(HttpStatusCode.Forbidden, inDefault.Status);
    }
}
