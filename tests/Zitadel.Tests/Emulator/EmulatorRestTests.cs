using System.Net;
using System.Text.Json.Nodes;

namespace Zitadel.Tests.Emulator;

public sealed class EmulatorRestTests : EmulatorTestBase
{
    [Fact]
    public async Task RestCreateGetPatchDelete_User_ShareStateWithConnect()
    {
        var create = await Client.SendAsync(HttpMethod.Post, "v2/users/new", new JsonObject
        {
            ["organizationId"] = Emulator.DefaultOrganizationId,
            ["human"] = new JsonObject
            {
                ["profile"] = new JsonObject { ["givenName"] = "A", ["familyName"] = "B" },
                ["email"] = new JsonObject { ["email"] = "rest@example.com" },
            },
        });
        var id = create.Text("id");

        var patch = await Client.SendAsync(HttpMethod.Patch, $"v2/users/{id}",
            new JsonObject { ["username"] = "rest" });
        var get = await Client.SendAsync(HttpMethod.Get, $"v2/users/{id}", null);
        var viaConnect = await Client.GetUserAsync(id);
        var delete = await Client.SendAsync(HttpMethod.Delete, $"v2/users/{id}", null);

        Assert.Equal(HttpStatusCode.OK, patch.Status);
        Assert.Equal("rest", get.Text("user.username"));
        Assert.Equal(get.Body.ToJsonString(), viaConnect.Body.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, delete.Status);
        Assert.DoesNotContain(Emulator.State.Users, user => user.Id == id);
    }

    [Fact]
    public async Task RestError_DuplicateUsername_UsesGatewayShape()
    {
        await Client.CreateHumanAsync("a@example.com");

        var call = await Client.SendAsync(HttpMethod.Post, "v2/users/new", new JsonObject
        {
            ["organizationId"] = Emulator.DefaultOrganizationId,
            ["human"] = new JsonObject
            {
                ["profile"] = new JsonObject { ["givenName"] = "A", ["familyName"] = "B" },
                ["email"] = new JsonObject { ["email"] = "A@example.com" },
            },
        });

        Assert.Equal(HttpStatusCode.Conflict, call.Status);
        Assert.Equal(6, call.Body["code"]!.GetValue<int>());
        Assert.Equal("type.googleapis.com/zitadel.v1.ErrorDetail", call.Text("details.0.@type"));
        Assert.Equal("V3-DKcYh", call.Text("details.0.id"));
    }

    [Fact]
    public async Task RestError_NoBearer_Returns401WithNumericCode()
    {
        Client.Token = null;

        var call = await Client.SendAsync(HttpMethod.Get, "v2/users/1", null);

        Assert.Equal(HttpStatusCode.Unauthorized, call.Status);
        Assert.Equal(16, call.Body["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task RestMetadata_SetSearchDeleteWithQueryKeys_Works()
    {
        var id = await Client.CreateHumanAsync("a@example.com");
        await Client.SendAsync(HttpMethod.Post, $"v2/users/{id}/metadata", new JsonObject
        {
            ["metadata"] = new JsonArray(
                new JsonObject { ["key"] = "a", ["value"] = "MQ==" },
                new JsonObject { ["key"] = "b", ["value"] = "Mg==" }),
        });

        var delete = await Client.SendAsync(HttpMethod.Delete, $"v2/users/{id}/metadata?keys=a&keys=b", null);
        var search = await Client.SendAsync(HttpMethod.Post, $"v2/users/{id}/metadata/search", []);

        Assert.Equal(HttpStatusCode.OK, delete.Status);
        Assert.False(search.Body.ContainsKey("metadata"));
    }

    [Fact]
    public async Task RestListUsers_Post_ReturnsUsers()
    {
        await Client.CreateHumanAsync("a@example.com");

        var call = await Client.SendAsync(HttpMethod.Post, "v2/users", []);

        Assert.Equal("2", call.Text("details.totalResult"));
    }
}
