using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Resources;
using ScimEndpoint.Protocol.Schemas;
using ScimEndpoint.Storage.Zitadel;
using Zitadel.Projects;

namespace ScimEndpoint.IntegrationTests.ZitadelStore;

/// <summary>Entra app roles (SCIM <c>roles</c>) as role keys of the user's authorization on the tenant's project.</summary>
public sealed class ZitadelAppRoleTests
{
    private static readonly Dictionary<string, IReadOnlyList<string>> Map = new()
    {
        ["Admin"] = ["admin"],
        ["25"] = ["reader", "auditor"],
    };

    [Fact]
    public async Task Create_WithSingleAppRoleAssignment_GrantsTheMappedRoleInOneMoreCall()
    {
        await using var tenant = await StartAsync();

        var user = await tenant.Users().CreateAsync(
            User("{'userName':'a@contoso.com','roles':[{'primary':true,'type':'WindowsAzureActiveDirectoryRole','value':'Admin'}]}"),
            CancellationToken.None);

        Assert.Equal(2, tenant.Calls("CreateUser") + tenant.Calls("CreateAuthorization"));
        var grant = Assert.Single(tenant.Emulator.State.Authorizations);
        Assert.Equal((string)user["id"]!, grant.UserId);
        Assert.Equal(["admin"], grant.RoleKeys);
        Assert.Equal("Admin", (string?)user["roles"]![0]!["value"]);
    }

    [Fact]
    public async Task Patch_EntraJsonStringRole_AddsTheMappedKeysAndKeepsGroupRoles()
    {
        await using var tenant = await StartAsync();
        var users = tenant.Users();
        var user = await users.CreateAsync(User("{'userName':'b@contoso.com'}"), CancellationToken.None);
        var group = await tenant.Groups().CreateAsync(
            ResourceNormalizer.ForCreate(ScimSchemas.GroupType, JsonNode.Parse($$"""{"displayName":"Staff","members":[{"value":"{{user["id"]}}"}]}""")),
            CancellationToken.None);
        var patched = (JsonObject)user.DeepClone();
        patched["roles"] = ValueNormalizer.Attribute(
            ScimSchemas.User.FindAttribute("roles")!,
            JsonNode.Parse("""[{"value":"{\"id\":\"06b0\",\"value\":\"25\",\"displayName\":\"Role1234\"}"}]"""),
            "roles");

        await users.ReplaceAsync(user, patched, CancellationToken.None);

        var grant = Assert.Single(tenant.Emulator.State.Authorizations);
        Assert.Equal(["auditor", "reader", (string)group["id"]!], grant.RoleKeys.Order(StringComparer.Ordinal));

        var withoutRoles = (JsonObject)patched.DeepClone();
        withoutRoles.Remove("roles");
        await users.ReplaceAsync(patched, withoutRoles, CancellationToken.None);

        Assert.Equal([(string)group["id"]!], Assert.Single(tenant.Emulator.State.Authorizations).RoleKeys);
    }

    [Fact]
    public async Task Create_UnmappedRole_GrantsNothingButIsKept()
    {
        await using var tenant = await StartAsync();

        var user = await tenant.Users().CreateAsync(User("{'userName':'c@contoso.com','roles':[{'value':'Unknown'}]}"), CancellationToken.None);
        var read = await tenant.Users().GetAsync((string)user["id"]!, CancellationToken.None);

        Assert.Empty(tenant.Emulator.State.Authorizations);
        Assert.Equal("Unknown", (string?)read!["roles"]![0]!["value"]);
    }

    private static async Task<ZitadelTenant> StartAsync()
    {
        var tenant = await ZitadelTenant.StartAsync(o => o with { AppRoles = Map });
        foreach (var key in new[] { "admin", "reader", "auditor" })
        {
            await tenant.Client.Projects.AddProjectRoleAsync(new AddProjectRoleRequest(tenant.Options.ProjectId!, key, key), CancellationToken.None);
        }

        tenant.ResetCalls();
        return tenant;
    }

    private static JsonObject User(string json) =>
        ResourceNormalizer.ForCreate(ScimSchemas.UserType, JsonNode.Parse(json.Replace('\'', '"')));
}
