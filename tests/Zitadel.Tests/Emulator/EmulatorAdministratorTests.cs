using System.Net;
using System.Text.Json.Nodes;

namespace Zitadel.Tests.Emulator;

public sealed class EmulatorAdministratorTests : EmulatorTestBase
{
    [Fact]
    public async Task Administrator_CreateUpdateListDelete_ReplacesRolesAndDeleteIsIdempotent()
    {
        var org = Emulator.CreateOrganization("Acme");
        var user = await Client.CreateHumanAsync("a@example.com", org);
        var resource = new JsonObject { ["organizationId"] = org };

        var create = await CallAsync("CreateAdministrator", user, resource, "ORG_OWNER_VIEWER");
        var duplicate = await CallAsync("CreateAdministrator", user, resource, "ORG_OWNER");
        var update = await CallAsync("UpdateAdministrator", user, resource, "ORG_USER_MANAGER");
        var list = await Client.CallAsync(EmulatorClient.Permissions, "ListAdministrators", new JsonObject
        {
            ["filters"] = new JsonArray(new JsonObject
            {
                ["inUserIdsFilter"] = new JsonObject { ["ids"] = new JsonArray(user) },
            }),
        });
        var delete = await CallAsync("DeleteAdministrator", user, resource);
        var deleteAgain = await CallAsync("DeleteAdministrator", user, resource);

        Assert.True(create.Body.ContainsKey("creationDate"));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.Status);
        Assert.True(update.Body.ContainsKey("changeDate"));
        Assert.Equal("ORG_USER_MANAGER", list.Text("administrators.0.roles.0"));
        Assert.Single(list.Body["administrators"]![0]!["roles"]!.AsArray());
        Assert.Equal(org, list.Text("administrators.0.organization.id"));
        Assert.Equal("Acme", list.Text("administrators.0.organization.name"));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (delete.Status, deleteAgain.Status));
    }

    [Fact]
    public async Task CreateAdministrator_Instance_GrantsInstanceWidePermissions()
    {
        var user = (await Client.CallAsync(EmulatorClient.Users, "CreateUser", new JsonObject
        {
            ["organizationId"] = Emulator.DefaultOrganizationId,
            ["machine"] = new JsonObject { ["name"] = "ops" },
            ["username"] = "ops",
        })).Text("id");
        await CallAsync("CreateAdministrator", user, new JsonObject { ["instance"] = true }, "IAM_USER_MANAGER");
        var pat = await Client.CallAsync(EmulatorClient.Users, "AddPersonalAccessToken",
            new JsonObject { ["userId"] = user });
        Client.Token = pat.Text("token");

        var inOther = await Client.CreateHumanAsync("x@example.com", Emulator.CreateOrganization("Other"));
        var addOrg = await Client.CallAsync(EmulatorClient.Orgs, "AddOrganization",
            new JsonObject { ["name"] = "New" });

        Assert.NotEmpty(inOther);
        Assert.Equal(HttpStatusCode.Forbidden, addOrg.Status);
    }

    [Fact]
    public async Task CreateAdministrator_UnknownRole_Returns400()
    {
        var user = await Client.CreateHumanAsync("a@example.com");

        var call = await CallAsync("CreateAdministrator", user, new JsonObject { ["instance"] = true }, "GOD");

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_argument"), (call.Status, call.Code));
    }

    private Task<EmulatorCall> CallAsync(string method, string userId, JsonObject resource, params string[] roles)
    {
        var body = new JsonObject { ["userId"] = userId, ["resource"] = resource.DeepClone() };
        if (roles.Length > 0)
        {
            body["roles"] = new JsonArray(roles.Select(role => (JsonNode?)role).ToArray());
        }

        return Client.CallAsync(EmulatorClient.Permissions, method, body);
    }
}
