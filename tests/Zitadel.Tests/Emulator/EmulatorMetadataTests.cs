using System.Net;
using System.Text.Json.Nodes;

namespace Zitadel.Tests.Emulator;

public sealed class EmulatorMetadataTests : EmulatorTestBase
{
    [Fact]
    public async Task SetUserMetadata_EmptyValue_DeletesKey()
    {
        var id = await Client.CreateHumanAsync("a@example.com", extra: EmulatorListTests.Metadata("k", "v"));

        var call = await SetAsync(id, "k", string.Empty);

        Assert.Equal(HttpStatusCode.OK, call.Status);
        Assert.True(DateTimeOffset.TryParse(call.Text("setDate"), out _));
        Assert.Empty(Emulator.State.Metadata);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(201, 1)]
    [InlineData(1, 500_001)]
    public async Task SetUserMetadata_OutOfLimits_Returns400InvalidArgument(int keyLength, int valueBytes)
    {
        var id = await Client.CreateHumanAsync("a@example.com");

        var call = await SetAsync(id, new string('k', keyLength), Convert.ToBase64String(new byte[valueBytes]));

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_argument"), (call.Status, call.Code));
    }

    [Fact]
    public async Task SetUserMetadata_MaxSizes_Accepted()
    {
        var id = await Client.CreateHumanAsync("a@example.com");

        var call = await SetAsync(id, new string('k', 200), Convert.ToBase64String(new byte[500_000]));

        Assert.Equal(HttpStatusCode.OK, call.Status);
    }

    [Fact]
    public async Task ListUserMetadata_KeyFilter_ReturnsMatchingWithPagination()
    {
        var id = await Client.CreateHumanAsync("a@example.com");
        await SetAsync(id, "scim:externalId", EmulatorListTests.Base64("x"));
        await SetAsync(id, "other", EmulatorListTests.Base64("y"));

        var call = await Client.CallAsync(EmulatorClient.Users, "ListUserMetadata", new JsonObject
        {
            ["userId"] = id,
            ["filters"] = new JsonArray(new JsonObject
            {
                ["keyFilter"] = new JsonObject { ["key"] = "scim:", ["method"] = "TEXT_FILTER_METHOD_STARTS_WITH" },
            }),
        });

        Assert.Equal("1", call.Text("pagination.totalResult"));
        Assert.Equal("100", call.Text("pagination.appliedLimit"));
        Assert.Equal("scim:externalId", call.Text("metadata.0.key"));
        Assert.Equal(EmulatorListTests.Base64("x"), call.Text("metadata.0.value"));
    }

    [Fact]
    public async Task DeleteUserMetadata_Keys_RemovesOnlyThose()
    {
        var id = await Client.CreateHumanAsync("a@example.com");
        await SetAsync(id, "a", EmulatorListTests.Base64("1"));
        await SetAsync(id, "b", EmulatorListTests.Base64("2"));

        var call = await Client.CallAsync(EmulatorClient.Users, "DeleteUserMetadata",
            new JsonObject { ["userId"] = id, ["keys"] = new JsonArray("a") });

        Assert.True(call.Body.ContainsKey("deletionDate"));
        Assert.Equal(["b"], Emulator.State.Metadata.Select(entry => entry.Key));
    }

    private Task<EmulatorCall> SetAsync(string userId, string key, string base64Value) =>
        Client.CallAsync(EmulatorClient.Users, "SetUserMetadata", new JsonObject
        {
            ["userId"] = userId,
            ["metadata"] = new JsonArray(new JsonObject { ["key"] = key, ["value"] = base64Value }),
        });
}
