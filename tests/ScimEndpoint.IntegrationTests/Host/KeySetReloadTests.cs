using System.Net;
using ScimEndpoint.IntegrationTests.Infrastructure;

namespace ScimEndpoint.IntegrationTests.Host;

public sealed class KeySetReloadTests
{
    [Fact]
    public async Task KeySet_Rotated_NewKeyWorksAndRemovedKeyFailsWithoutRestart()
    {
        await using var server = await ScimServer.StartAsync();
        using var rotated = server.CreateClient("scimop_rotated-token");

        await server.WriteKeySetAsync(new ScimServer.Key("key-2", "scimop_rotated-token"));

        await ScimServer.WaitUntilAsync(async () =>
            (await rotated.GetAsync("Schemas")).StatusCode == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.GetAsync("Schemas")).StatusCode);
    }

    [Fact]
    public async Task KeySet_InvalidFileOnReload_KeepsPreviousKeys()
    {
        await using var server = await ScimServer.StartAsync();

        await server.WriteKeySetTextAsync("{\"keys\":[{\"id\":\"x\",\"sha256\":\"not-hex\"}]");
        await ScimServer.WaitUntilAsync(async () =>
            (await server.Management.GetStringAsync("metrics")).Contains(
                "scim_keyset_reloads_total{tenant=\"default\",result=\"invalid\"} 1", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("Schemas")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Management.GetAsync("readyz")).StatusCode);
    }

    [Fact]
    public async Task KeySet_MissingAtStart_RefusesAllAndIsNotReadyUntilWritten()
    {
        await using var server = await ScimServer.StartAsync(writeKeySet: false);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await server.Management.GetAsync("readyz")).StatusCode);
        await ScimAssert.ErrorAsync(await server.Client.GetAsync("Schemas"), HttpStatusCode.Unauthorized);

        await server.WriteKeySetAsync(new ScimServer.Key(ScimServer.KeyId, ScimServer.Token));

        await ScimServer.WaitUntilAsync(async () =>
            (await server.Management.GetAsync("readyz")).StatusCode == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("Schemas")).StatusCode);
    }
}
