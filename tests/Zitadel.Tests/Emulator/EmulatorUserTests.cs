using System.Net;
using System.Text.Json.Nodes;

namespace Zitadel.Tests.Emulator;

public sealed class EmulatorUserTests : EmulatorTestBase
{
    [Fact]
    public async Task CreateUser_HumanWithoutUsername_UsernameIsEmailAndDefaultsAreOmitted()
    {
        var id = await Client.CreateHumanAsync("ada@example.com");

        var call = await Client.GetUserAsync(id);

        var user = call.Body["user"]!.AsObject();
        Assert.Equal("ada@example.com", user["username"]!.GetValue<string>());
        Assert.Equal("USER_STATE_ACTIVE", user["state"]!.GetValue<string>());
        Assert.Equal("Ada Lovelace", call.Text("user.human.profile.displayName"));
        Assert.Equal(System.Text.Json.JsonValueKind.String, call.Body["details"]!["sequence"]!.GetValueKind());
        // ZITADEL always sets the phone message, so an unset phone is an empty object with no defaults inside.
        Assert.Equal("{}", user["human"]!["phone"]!.ToJsonString());
        Assert.False(user["human"]!["profile"]!.AsObject().ContainsKey("nickName"));
        Assert.Equal(Emulator.DefaultOrganizationId, call.Text("details.resourceOwner"));
        Assert.True(DateTimeOffset.TryParse(call.Text("details.creationDate"), out _));
    }

    [Fact]
    public async Task CreateUser_UnverifiedEmail_OmitsIsVerifiedFalse()
    {
        var id = await Client.CreateHumanAsync("x@example.com", extra: new JsonObject
        {
            ["human"] = new JsonObject
            {
                ["profile"] = new JsonObject { ["givenName"] = "X", ["familyName"] = "Y" },
                ["email"] = new JsonObject { ["email"] = "x@example.com", ["isVerified"] = false },
            },
        });

        var call = await Client.GetUserAsync(id);

        Assert.False(call.Body["user"]!["human"]!["email"]!.AsObject().ContainsKey("isVerified"));
    }

    [Fact]
    public async Task CreateUser_UsernameTakenInOtherCase_Returns409AlreadyExistsV3DKcYh()
    {
        await Client.CreateHumanAsync("ada@example.com");
        var otherOrg = Emulator.CreateOrganization("Other");

        var call = await Client.CallAsync(EmulatorClient.Users, "CreateUser", Human("ADA@example.com", otherOrg));

        Assert.Equal(HttpStatusCode.Conflict, call.Status);
        Assert.Equal("already_exists", call.Code);
        Assert.Equal("V3-DKcYh", call.ErrorId);
        Assert.Contains("(V3-DKcYh)", call.Text("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUser_DuplicateUserId_Returns400FailedPrecondition()
    {
        await Client.CallAsync(EmulatorClient.Users, "CreateUser", Human("a@example.com", userId: "u1"));

        var call = await Client.CallAsync(EmulatorClient.Users, "CreateUser", Human("b@example.com", userId: "u1"));

        Assert.Equal(HttpStatusCode.BadRequest, call.Status);
        Assert.Equal("failed_precondition", call.Code);
        Assert.Equal("COMMAND-7yiox1isql", call.ErrorId);
    }

    [Fact]
    public async Task CreateUser_UnknownIdpLink_WritesNothing()
    {
        var body = Human("a@example.com");
        body["metadata"] = new JsonArray(new JsonObject { ["key"] = "k", ["value"] = "dg==" });
        body["human"]!["idpLinks"] = new JsonArray(new JsonObject { ["idpId"] = "nope", ["userId"] = "ext" });

        var call = await Client.CallAsync(EmulatorClient.Users, "CreateUser", body);

        Assert.Equal(HttpStatusCode.BadRequest, call.Status);
        Assert.Equal("COMMAND-39nf2", call.ErrorId);
        Assert.DoesNotContain(Emulator.State.Users, user => user.UserName == "a@example.com");
        Assert.Empty(Emulator.State.Metadata);
    }

    [Fact]
    public async Task CreateUser_WithMetadataAndIdpLink_WritesAll()
    {
        var idp = Emulator.CreateIdp("Entra");
        var body = Human("a@example.com");
        body["metadata"] = new JsonArray(new JsonObject { ["key"] = "k", ["value"] = "dg==" });
        body["human"]!["idpLinks"] = new JsonArray(new JsonObject { ["idpId"] = idp, ["userId"] = "oid-1" });

        var call = await Client.CallAsync(EmulatorClient.Users, "CreateUser", body);

        var id = call.Text("id");
        Assert.Contains(Emulator.State.Metadata, entry => entry.UserId == id && entry.Key == "k");
        Assert.Contains(Emulator.State.IdpLinks, link => link.UserId == id && link.ExternalUserId == "oid-1");
    }

    [Fact]
    public async Task UpdateUser_ChangeThenNoOp_SequenceIncrementsOnceAndChangeDateStays()
    {
        var id = await Client.CreateHumanAsync("a@example.com");
        var before = long.Parse((await Client.GetUserAsync(id)).Text("details.sequence"));
        Clock.Advance(TimeSpan.FromSeconds(5));
        var change = new JsonObject
        {
            ["userId"] = id,
            ["human"] = new JsonObject { ["profile"] = new JsonObject { ["nickName"] = "Countess" } },
        };

        await Client.CallAsync(EmulatorClient.Users, "UpdateUser", change);
        var afterChange = await Client.GetUserAsync(id);
        Clock.Advance(TimeSpan.FromSeconds(5));
        var noOp = await Client.CallAsync(EmulatorClient.Users, "UpdateUser", change.DeepClone().AsObject());
        var afterNoOp = await Client.GetUserAsync(id);

        Assert.True(long.Parse(afterChange.Text("details.sequence")) > before);
        Assert.Equal(afterChange.Text("details.sequence"), afterNoOp.Text("details.sequence"));
        Assert.Equal(afterChange.Text("details.changeDate"), noOp.Text("changeDate"));
        Assert.Equal("Countess", afterNoOp.Text("user.human.profile.nickName"));
    }

    [Fact]
    public async Task UpdateUser_UsernameOfAnother_Returns409()
    {
        await Client.CreateHumanAsync("a@example.com");
        var id = await Client.CreateHumanAsync("b@example.com");

        var call = await Client.CallAsync(EmulatorClient.Users, "UpdateUser",
            new JsonObject { ["userId"] = id, ["username"] = "A@EXAMPLE.COM" });

        Assert.Equal(HttpStatusCode.Conflict, call.Status);
    }

    [Fact]
    public async Task DeactivateReactivate_OutOfOrder_Return400FailedPrecondition()
    {
        var id = await Client.CreateHumanAsync("a@example.com");
        var body = new JsonObject { ["userId"] = id };

        var reactivateActive = await Client.CallAsync(EmulatorClient.Users, "ReactivateUser", body);
        var deactivate = await Client.CallAsync(EmulatorClient.Users, "DeactivateUser", body);
        var deactivateAgain = await Client.CallAsync(EmulatorClient.Users, "DeactivateUser", body);
        var state = (await Client.GetUserAsync(id)).Text("user.state");
        var reactivate = await Client.CallAsync(EmulatorClient.Users, "ReactivateUser", body);

        Assert.Equal((HttpStatusCode.BadRequest, "failed_precondition"),
            (reactivateActive.Status, reactivateActive.Code));
        Assert.Equal(HttpStatusCode.OK, deactivate.Status);
        Assert.Equal((HttpStatusCode.BadRequest, "failed_precondition"),
            (deactivateAgain.Status, deactivateAgain.Code));
        Assert.Equal("USER_STATE_INACTIVE", state);
        Assert.Equal(HttpStatusCode.OK, reactivate.Status);
    }

    [Fact]
    public async Task DeleteUser_WithGrantAndLink_FreesUsernameAndCascades()
    {
        var idp = Emulator.CreateIdp("Entra");
        var project = Emulator.CreateProject(Emulator.DefaultOrganizationId, "App", "reader");
        var id = await Client.CreateHumanAsync("a@example.com");
        await Client.CallAsync(EmulatorClient.Users, "AddIDPLink", new JsonObject
        {
            ["userId"] = id,
            ["idpLink"] = new JsonObject { ["idpId"] = idp, ["userId"] = "oid", ["userName"] = "a" },
        });
        await Client.CallAsync(EmulatorClient.Authorizations, "CreateAuthorization", new JsonObject
        {
            ["userId"] = id, ["projectId"] = project, ["organizationId"] = Emulator.DefaultOrganizationId,
            ["roleKeys"] = new JsonArray("reader"),
        });

        var delete = await Client.CallAsync(EmulatorClient.Users, "DeleteUser", new JsonObject { ["userId"] = id });

        Assert.Equal(HttpStatusCode.OK, delete.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetUserAsync(id)).Status);
        Assert.Empty(Emulator.State.Authorizations);
        Assert.Empty(Emulator.State.IdpLinks);
        await Client.CreateHumanAsync("a@example.com");
    }

    [Fact]
    public async Task UserWrite_UnknownUser_Returns404()
    {
        var call = await Client.CallAsync(EmulatorClient.Users, "DeactivateUser", new JsonObject { ["userId"] = "x" });

        Assert.Equal((HttpStatusCode.NotFound, "COMMAND-ugjs0upun6"), (call.Status, call.ErrorId));
    }

    internal JsonObject Human(string email, string? organizationId = null, string? userId = null)
    {
        var body = new JsonObject
        {
            ["organizationId"] = organizationId ?? Emulator.DefaultOrganizationId,
            ["human"] = new JsonObject
            {
                ["profile"] = new JsonObject { ["givenName"] = "G", ["familyName"] = "F" },
                ["email"] = new JsonObject { ["email"] = email },
            },
        };
        if (userId is not null)
        {
            body["userId"] = userId;
        }

        return body;
    }
}
