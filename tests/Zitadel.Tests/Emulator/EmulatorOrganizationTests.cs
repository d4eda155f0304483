using System.Net;
using System.Text.Json.Nodes;

namespace Zitadel.Tests.Emulator;

public sealed class EmulatorOrganizationTests : EmulatorTestBase
{
    [Fact]
    public async Task AddOrganization_ThenListById_ReturnsActiveOrgWithDomain()
    {
        var add = await Client.CallAsync(EmulatorClient.Orgs, "AddOrganization", new JsonObject { ["name"] = "Acme" });
        var id = add.Text("organizationId");

        var list = await Client.CallAsync(EmulatorClient.Orgs, "ListOrganizations", new JsonObject
        {
            ["queries"] = new JsonArray(new JsonObject { ["idQuery"] = new JsonObject { ["id"] = id } }),
        });

        Assert.Equal("1", list.Text("details.totalResult"));
        Assert.Equal("Acme", list.Text("result.0.name"));
        Assert.Equal("ORGANIZATION_STATE_ACTIVE", list.Text("result.0.state"));
        Assert.Equal("acme.localhost", list.Text("result.0.primaryDomain"));
    }

    [Fact]
    public async Task AddOrganization_SameNameOtherCase_Returns409()
    {
        Emulator.CreateOrganization("Acme");

        var call = await Client.CallAsync(EmulatorClient.Orgs, "AddOrganization", new JsonObject { ["name"] = "ACME" });

        Assert.Equal(HttpStatusCode.Conflict, call.Status);
    }

    [Fact]
    public async Task ListOrganizations_NameQueryIgnoreCase_Matches()
    {
        Emulator.CreateOrganization("Acme Corp");

        var call = await Client.CallAsync(EmulatorClient.Orgs, "ListOrganizations", new JsonObject
        {
            ["queries"] = new JsonArray(new JsonObject
            {
                ["nameQuery"] = new JsonObject
                {
                    ["name"] = "acme", ["method"] = "TEXT_QUERY_METHOD_STARTS_WITH_IGNORE_CASE",
                },
            }),
        });

        Assert.Equal("Acme Corp", call.Text("result.0.name"));
    }

    [Fact]
    public async Task ListProjects_OrganizationFilter_ReturnsOwnedProjects()
    {
        var other = Emulator.CreateOrganization("Other");
        var mine = Emulator.CreateProject(Emulator.DefaultOrganizationId, "Mine");
        Emulator.CreateProject(other, "Theirs");

        var call = await Client.CallAsync(EmulatorClient.Projects, "ListProjects", new JsonObject
        {
            ["filters"] = new JsonArray(new JsonObject
            {
                ["organizationIdFilter"] = new JsonObject { ["organizationId"] = Emulator.DefaultOrganizationId },
            }),
        });

        Assert.Equal("1", call.Text("pagination.totalResult"));
        Assert.Equal(mine, call.Text("projects.0.projectId"));
    }

    [Fact]
    public async Task ListAuthorizations_ProjectionLag_MissesFreshAuthorization()
    {
        var project = Emulator.CreateProject(Emulator.DefaultOrganizationId, "App", "reader");
        var user = await Client.CreateHumanAsync("a@example.com");
        Emulator.ProjectionLag = TimeSpan.FromSeconds(1);
        await Client.CallAsync(EmulatorClient.Authorizations, "CreateAuthorization", new JsonObject
        {
            ["userId"] = user, ["projectId"] = project, ["organizationId"] = Emulator.DefaultOrganizationId,
            ["roleKeys"] = new JsonArray("reader"),
        });

        var fresh = await Client.CallAsync(EmulatorClient.Authorizations, "ListAuthorizations", []);
        Clock.Advance(TimeSpan.FromSeconds(1));
        var later = await Client.CallAsync(EmulatorClient.Authorizations, "ListAuthorizations", []);

        Assert.False(fresh.Body.ContainsKey("authorizations"));
        Assert.Equal("1", later.Text("pagination.totalResult"));
    }
}
