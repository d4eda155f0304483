using System.Net;
using System.Text.Json.Nodes;

namespace Zitadel.Tests.Emulator;

public sealed class EmulatorProjectTests : EmulatorTestBase
{
    [Fact]
    public async Task CreateProjectAndRoles_DuplicateRole_Returns409()
    {
        var create = await Client.CallAsync(EmulatorClient.Projects, "CreateProject",
            new JsonObject { ["organizationId"] = Emulator.DefaultOrganizationId, ["name"] = "App" });
        var project = create.Text("projectId");

        var first = await AddRoleAsync(project, "reader");
        var again = await AddRoleAsync(project, "reader");
        var get = await Client.CallAsync(EmulatorClient.Projects, "GetProject",
            new JsonObject { ["projectId"] = project });

        Assert.True(first.Body.ContainsKey("creationDate"));
        Assert.Equal((HttpStatusCode.Conflict, "already_exists"), (again.Status, again.Code));
        Assert.Equal("App", get.Text("project.name"));
    }

    [Fact]
    public async Task RemoveProjectRole_UsedByAuthorizations_RemovesKeyAndEmptyAuthorizations()
    {
        var project = Emulator.CreateProject(Emulator.DefaultOrganizationId, "App", "reader", "writer");
        var both = await AuthorizeAsync(await Client.CreateHumanAsync("a@example.com"), project, "reader", "writer");
        var onlyWriter = await AuthorizeAsync(await Client.CreateHumanAsync("b@example.com"), project, "writer");

        var remove = await Client.CallAsync(EmulatorClient.Projects, "RemoveProjectRole",
            new JsonObject { ["projectId"] = project, ["roleKey"] = "writer" });

        Assert.True(remove.Body.ContainsKey("removalDate"));
        Assert.Equal(["reader"], Emulator.State.Authorizations.Single(a => a.Id == both.Text("id")).RoleKeys);
        Assert.DoesNotContain(Emulator.State.Authorizations, a => a.Id == onlyWriter.Text("id"));
    }

    [Fact]
    public async Task CreateAuthorization_Twice_Returns409()
    {
        var project = Emulator.CreateProject(Emulator.DefaultOrganizationId, "App", "reader");
        var user = await Client.CreateHumanAsync("a@example.com");
        await AuthorizeAsync(user, project, "reader");

        var again = await AuthorizeAsync(user, project, "reader");

        Assert.Equal((HttpStatusCode.Conflict, "already_exists"), (again.Status, again.Code));
    }

    [Fact]
    public async Task CreateAuthorization_UnknownRoleOrForeignProject_Returns400()
    {
        var foreign = Emulator.CreateProject(Emulator.CreateOrganization("Other"), "Foreign", "reader");
        var project = Emulator.CreateProject(Emulator.DefaultOrganizationId, "App", "reader");
        var user = await Client.CreateHumanAsync("a@example.com");

        var unknownRole = await AuthorizeAsync(user, project, "admin");
        var notOwned = await AuthorizeAsync(user, foreign, "reader");

        Assert.Equal((HttpStatusCode.BadRequest, "failed_precondition"), (unknownRole.Status, unknownRole.Code));
        Assert.Equal(HttpStatusCode.BadRequest, notOwned.Status);
    }

    /// <summary>
    /// As in ZITADEL: the write side checks only that the user exists, in any organisation
    /// (<c>checkUserExists(ctx, userID, "")</c>, internal/command/user_grant.go), and ZITADEL's own integration test
    /// "add authorization, project owned, PROJECT_OWNER, ok" authorizes the instance owner on another org's project.
    /// The list shows the user's own organisation.
    /// </summary>
    [Fact]
    public async Task CreateAuthorization_UserOfAnotherOrganisation_IsAcceptedAndListedWithItsOrganisation()
    {
        var other = Emulator.CreateOrganization("Other");
        var project = Emulator.CreateProject(Emulator.DefaultOrganizationId, "App", "reader");
        var foreigner = await Client.CreateHumanAsync("f@example.com", other);

        var created = await AuthorizeAsync(foreigner, project, "reader");
        var list = await Client.CallAsync(EmulatorClient.Authorizations, "ListAuthorizations", new JsonObject
        {
            ["filters"] = new JsonArray(new JsonObject { ["inUserIds"] = new JsonObject { ["ids"] = new JsonArray(foreigner) } }),
        });

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal(other, list.Text("authorizations.0.user.organizationId"));
        Assert.Equal(Emulator.DefaultOrganizationId, list.Text("authorizations.0.organization.id"));
    }

    [Fact]
    public async Task ListAuthorizations_PagesByOffsetAndRefusesALimitOver1000()
    {
        var project = Emulator.CreateProject(Emulator.DefaultOrganizationId, "App", "reader");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await AuthorizeAsync(await Client.CreateHumanAsync($"p{i}@example.com"), project, "reader")).Text("id"));
        }

        JsonObject Page(long offset, int limit) => new()
        {
            ["pagination"] = new JsonObject { ["offset"] = offset.ToString(System.Globalization.CultureInfo.InvariantCulture), ["limit"] = limit, ["asc"] = true },
        };
        var first = await Client.CallAsync(EmulatorClient.Authorizations, "ListAuthorizations", Page(0, 2));
        var second = await Client.CallAsync(EmulatorClient.Authorizations, "ListAuthorizations", Page(2, 2));
        var tooLarge = await Client.CallAsync(EmulatorClient.Authorizations, "ListAuthorizations", Page(0, 1001));

        Assert.Equal("3", first.Text("pagination.totalResult"));
        Assert.Equal(ids, [first.Text("authorizations.0.id"), first.Text("authorizations.1.id"), second.Text("authorizations.0.id")]);
        Assert.Single(second.Body["authorizations"]!.AsArray());
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_argument", "QUERY-4M0fs"), (tooLarge.Status, tooLarge.Code, tooLarge.ErrorId));
    }

    [Fact]
    public async Task UpdateAuthorization_NewSet_ReplacesAndListShowsRoles()
    {
        var project = Emulator.CreateProject(Emulator.DefaultOrganizationId, "App", "reader", "writer");
        var user = await Client.CreateHumanAsync("a@example.com");
        var id = (await AuthorizeAsync(user, project, "reader")).Text("id");

        var update = await Client.CallAsync(EmulatorClient.Authorizations, "UpdateAuthorization",
            new JsonObject { ["id"] = id, ["roleKeys"] = new JsonArray("writer") });
        var list = await Client.CallAsync(EmulatorClient.Authorizations, "ListAuthorizations", new JsonObject
        {
            ["filters"] = new JsonArray(new JsonObject
            {
                ["inUserIds"] = new JsonObject { ["ids"] = new JsonArray(user) },
            }),
        });

        Assert.True(update.Body.ContainsKey("changeDate"));
        Assert.Equal("1", list.Text("pagination.totalResult"));
        Assert.Equal("writer", list.Text("authorizations.0.roles.0.key"));
        Assert.Equal("App", list.Text("authorizations.0.project.name"));
        Assert.Equal("STATE_ACTIVE", list.Text("authorizations.0.state"));
        Assert.Single(list.Body["authorizations"]![0]!["roles"]!.AsArray());
    }

    [Fact]
    public async Task DeleteAuthorization_Twice_BothSucceed()
    {
        var project = Emulator.CreateProject(Emulator.DefaultOrganizationId, "App", "reader");
        var id = (await AuthorizeAsync(await Client.CreateHumanAsync("a@example.com"), project, "reader")).Text("id");
        var body = new JsonObject { ["id"] = id };

        var first = await Client.CallAsync(EmulatorClient.Authorizations, "DeleteAuthorization", body);
        var second = await Client.CallAsync(EmulatorClient.Authorizations, "DeleteAuthorization",
            body.DeepClone().AsObject());

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.Status, second.Status));
        Assert.Empty(Emulator.State.Authorizations);
    }

    private Task<EmulatorCall> AddRoleAsync(string project, string key) =>
        Client.CallAsync(EmulatorClient.Projects, "AddProjectRole",
            new JsonObject { ["projectId"] = project, ["roleKey"] = key, ["displayName"] = key });

    private Task<EmulatorCall> AuthorizeAsync(string userId, string projectId, params string[] roles) =>
        Client.CallAsync(EmulatorClient.Authorizations, "CreateAuthorization", new JsonObject
        {
            ["userId"] = userId,
            ["projectId"] = projectId,
            ["organizationId"] = Emulator.DefaultOrganizationId,
            ["roleKeys"] = new JsonArray(roles.Select(role => (JsonNode?)role).ToArray()),
        });
}
