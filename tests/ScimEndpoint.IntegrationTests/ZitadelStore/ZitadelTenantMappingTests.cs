using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ScimEndpoint.IntegrationTests.Infrastructure;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Resources;
using ScimEndpoint.Protocol.Schemas;
using ScimEndpoint.Storage;
using ScimEndpoint.Storage.Zitadel;

namespace ScimEndpoint.IntegrationTests.ZitadelStore;

/// <summary>The tenant's <c>spec.mappings</c> as the store applies them: metadata mappings, the role group, groups off.</summary>
public sealed class ZitadelTenantMappingTests
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private const string Department = Enterprise + ":department";

    [Fact]
    public async Task MetadataMappings_AreWrittenOnCreateChangedOnUpdateAndRemovedWithTheAttribute()
    {
        await using var tenant = await ZitadelTenant.StartAsync(o => o with
        {
            Mapping = o.Mapping with { Metadata = [Mapping(Department, "hr:department"), Mapping("title", "jobTitle")] },
        });
        var users = tenant.Users();

        var created = await users.CreateAsync(
            User($"{{'userName':'a@x.com','title':'CTO','{Enterprise}':{{'department':'Sales'}}}}"), CancellationToken.None);
        var id = (string)created["id"]!;
        Assert.Equal(("Sales", "CTO"), (Metadata(tenant, id, "hr:department"), Metadata(tenant, id, "jobTitle")));

        var current = (await users.GetAsync(id, CancellationToken.None))!;
        Assert.Null(current["hr:department"]);
        var replacement = User($"{{'userName':'a@x.com','{Enterprise}':{{'department':'Research'}}}}");
        await users.ReplaceAsync(current, replacement, CancellationToken.None);

        Assert.Equal(("Research", null), (Metadata(tenant, id, "hr:department"), Metadata(tenant, id, "jobTitle")));
        Assert.Equal("Research", (string?)(await users.GetAsync(id, CancellationToken.None))![Enterprise]!["department"]);
    }

    [Fact]
    public async Task RoleGroup_FilesGroupRolesUnderItAndEveryTagStillYieldsTheExternalId()
    {
        await using var tenant = await ZitadelTenant.StartAsync(o => o with { GroupRoleGroup = "Entra groups" });
        var before = new ZitadelGroupStore(tenant.Client, tenant.Options with { GroupRoleGroup = "scim" }, tenant.Authorizations);
        await before.CreateAsync(Group("{'displayName':'Old','externalId':'ext-old'}"), CancellationToken.None);
        var groups = tenant.Groups();

        await groups.CreateAsync(Group("{'displayName':'Finance','externalId':'ext-1'}"), CancellationToken.None);
        await groups.CreateAsync(Group("{'displayName':'Plain'}"), CancellationToken.None);

        Assert.Equal("Entra groups:ext-1", tenant.Emulator.State.ProjectRoles.Single(r => r.Key == "scim.finance").Group);
        Assert.Equal("Entra groups", tenant.Emulator.State.ProjectRoles.Single(r => r.Key == "scim.plain").Group);
        Assert.Equal("ext-1", (string?)(await groups.GetAsync("scim.finance", CancellationToken.None))!["externalId"]);
        Assert.Equal("ext-old", (string?)(await groups.GetAsync("scim.old", CancellationToken.None))!["externalId"]);
        Assert.Null((await groups.GetAsync("scim.plain", CancellationToken.None))!["externalId"]);
    }

    [Fact]
    public async Task GroupsDisabled_EveryGroupRequestIs403AndUsersStillWork()
    {
        await using var tenant = await ZitadelTenant.StartAsync(o => o with { GroupsEnabled = false });
        var store = new ZitadelScimStore(tenant.Client, tenant.Options);

        var query = await Assert.ThrowsAsync<ScimException>(() =>
            store.QueryAsync(ScimSchemas.GroupType, new StoreQuery(null, null, false, 1, 10), CancellationToken.None));
        var members = await Assert.ThrowsAsync<ScimException>(() =>
            store.ChangeMembersAsync("scim.x", ["u"], [], CancellationToken.None));
        await store.CreateAsync(ScimSchemas.UserType, User("{'userName':'b@x.com'}"), CancellationToken.None);

        Assert.Equal((403, 403), (query.Status, members.Status));
        Assert.Contains("groups.enabled", query.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(tenant.Emulator.State.ProjectRoles, r => r.Key.StartsWith("scim.", StringComparison.Ordinal));
        Assert.Single(tenant.Emulator.State.Users, u => u.UserName == "b@x.com");
    }

    [Fact]
    public async Task GroupsDisabled_DiscoveryAndRootSearchServeUsersOnly()
    {
        await using var tenant = await ZitadelTenant.StartAsync(o => o with { GroupsEnabled = false });
        await using var server = await ScimServer.StartAsync(
            new Dictionary<string, string?>(tenant.EndpointSettings()) { ["Scim:Zitadel:GroupsEnabled"] = "false" })
            .WithTimeout(TestTimeouts.Phase);
        using var create = new StringContent("""{"userName":"c@x.com"}""", Encoding.UTF8, "application/scim+json");
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsync("Users", create)).StatusCode);

        var resourceTypes = JsonNode.Parse(await server.Client.GetStringAsync("ResourceTypes"))!;
        var schemas = JsonNode.Parse(await server.Client.GetStringAsync("Schemas"))!;
        var groupType = await server.Client.GetAsync("ResourceTypes/Group");
        using var search = new StringContent(
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"userName eq \"c@x.com\""}""",
            Encoding.UTF8, "application/scim+json");
        var found = await server.Client.PostAsync(".search", search);
        var groups = await server.Client.GetAsync("Groups");

        Assert.Equal(["User"], resourceTypes["Resources"]!.AsArray().Select(r => (string)r!["name"]!));
        Assert.DoesNotContain(schemas["Resources"]!.AsArray(), r => (string)r!["id"]! == "urn:ietf:params:scim:schemas:core:2.0:Group");
        Assert.Contains(schemas["Resources"]!.AsArray(), r => (string)r!["id"]! == "urn:ietf:params:scim:schemas:core:2.0:User");
        Assert.Equal(HttpStatusCode.NotFound, groupType.StatusCode);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(1, (int)JsonNode.Parse(await found.Content.ReadAsStringAsync())!["totalResults"]!);
        Assert.Equal(HttpStatusCode.Forbidden, groups.StatusCode);
        Assert.Contains("groups.enabled", await groups.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static ZitadelMetadataMapping Mapping(string path, string key) =>
        ZitadelMetadataMapping.TryCreate(path, key, out var problem) ?? throw new InvalidOperationException(problem);

    private static string? Metadata(ZitadelTenant tenant, string userId, string key) =>
        tenant.Emulator.State.Metadata.SingleOrDefault(m => m.UserId == userId && m.Key == key) is { } entry
            ? Encoding.UTF8.GetString(entry.Value)
            : null;

    private static JsonObject User(string json) =>
        ResourceNormalizer.ForCreate(ScimSchemas.UserType, JsonNode.Parse(json.Replace('\'', '"')));

    private static JsonObject Group(string json) =>
        ResourceNormalizer.ForCreate(ScimSchemas.GroupType, JsonNode.Parse(json.Replace('\'', '"')));
}
