using System.Net;
using System.Text.Json.Nodes;
using Emulators.Zitadel;

namespace Zitadel.Tests.Emulator;

public sealed class EmulatorOrgScopedUsernameTests
{
    [Fact]
    public async Task CreateUser_UserLoginMustBeDomain_UsernameUniquePerOrgAndLoginNameHasDomain()
    {
        await using var emulator = await ZitadelEmulator.StartAsync(
            new ZitadelEmulatorOptions { UserLoginMustBeDomain = true }, CancellationToken.None);
        using var client = new EmulatorClient(emulator);
        var other = emulator.CreateOrganization("Other");
        var body = new JsonObject { ["username"] = "ada" };

        var first = await client.CreateHumanAsync("a@example.com", extra: body);
        await client.CreateHumanAsync("b@example.com", other, body);
        var sameOrg = await client.CallAsync(EmulatorClient.Users, "CreateUser", new JsonObject
        {
            ["organizationId"] = emulator.DefaultOrganizationId,
            ["username"] = "ADA",
            ["human"] = new JsonObject
            {
                ["profile"] = new JsonObject { ["givenName"] = "A", ["familyName"] = "B" },
                ["email"] = new JsonObject { ["email"] = "c@example.com" },
            },
        });
        var get = await client.GetUserAsync(first);

        Assert.Equal(HttpStatusCode.Conflict, sameOrg.Status);
        Assert.Equal("ada@zitadel.localhost", get.Text("user.preferredLoginName"));
    }
}
