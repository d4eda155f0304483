using System.Net;
using System.Text.Json.Nodes;

namespace Zitadel.Tests.Emulator;

public sealed class EmulatorIdpLinkTests : EmulatorTestBase
{
    [Fact]
    public async Task AddIDPLink_SameExternalIdOnOtherUser_Returns409()
    {
        var idp = Emulator.CreateIdp("Entra");
        await LinkAsync(await Client.CreateHumanAsync("a@example.com"), idp, "oid-1");

        var call = await LinkAsync(await Client.CreateHumanAsync("b@example.com"), idp, "OID-1");

        Assert.Equal((HttpStatusCode.Conflict, "already_exists"), (call.Status, call.Code));
    }

    [Fact]
    public async Task AddIDPLink_UnknownIdp_Returns400FailedPreconditionCommand39nf2()
    {
        var call = await LinkAsync(await Client.CreateHumanAsync("a@example.com"), "missing", "oid-1");

        Assert.Equal((HttpStatusCode.BadRequest, "failed_precondition", "COMMAND-39nf2"),
            (call.Status, call.Code, call.ErrorId));
    }

    [Fact]
    public async Task AddIDPLink_IdpOfOtherOrg_Returns400()
    {
        var idp = Emulator.CreateIdp("Other Entra", Emulator.CreateOrganization("Other"));

        var call = await LinkAsync(await Client.CreateHumanAsync("a@example.com"), idp, "oid-1");

        Assert.Equal("COMMAND-39nf2", call.ErrorId);
    }

    [Fact]
    public async Task ListAndRemoveIDPLink_Linked_ListsThenRemoves()
    {
        var idp = Emulator.CreateIdp("Entra");
        var user = await Client.CreateHumanAsync("a@example.com");
        await LinkAsync(user, idp, "oid-1");

        var list = await Client.CallAsync(EmulatorClient.Users, "ListIDPLinks", new JsonObject { ["userId"] = user });
        var remove = await Client.CallAsync(EmulatorClient.Users, "RemoveIDPLink",
            new JsonObject { ["userId"] = user, ["idpId"] = idp, ["linkedUserId"] = "oid-1" });

        Assert.Equal("oid-1", list.Text("result.0.userId"));
        Assert.Equal("1", list.Text("details.totalResult"));
        Assert.Equal(HttpStatusCode.OK, remove.Status);
        Assert.Empty(Emulator.State.IdpLinks);
    }

    private Task<EmulatorCall> LinkAsync(string userId, string idpId, string externalId) =>
        Client.CallAsync(EmulatorClient.Users, "AddIDPLink", new JsonObject
        {
            ["userId"] = userId,
            ["idpLink"] = new JsonObject { ["idpId"] = idpId, ["userId"] = externalId, ["userName"] = "a" },
        });
}
