using System.Text.Json.Nodes;
using Emulators.Zitadel.Faults;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Resources;
using ScimEndpoint.Protocol.Schemas;
using ScimEndpoint.Storage.Zitadel;

namespace ScimEndpoint.IntegrationTests.ZitadelStore;

public sealed class ZitadelUserStoreTests
{
    private const string Ent = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private const string EntraUser = """
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
          "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
          "userName": "Test_User@contoso.com",
          "active": true,
          "emails": [{"primary": true, "type": "work", "value": "test.user@contoso.com"}],
          "meta": {"resourceType": "User"},
          "name": {"formatted": "Test User", "familyName": "User", "givenName": "Test"},
          "title": "Engineer",
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "R&D", "manager": "m-1"}
        }
        """;

    [Fact]
    public async Task Create_EntraUser_TakesOneCallAndReadsBackWhatWasWritten()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var store = tenant.Users();
        var user = Normalize(EntraUser);

        var created = await store.CreateAsync(user, CancellationToken.None);
        var createCalls = tenant.Calls();
        tenant.ResetCalls();
        var read = await store.GetAsync((string)created["id"]!, CancellationToken.None);

        Assert.Equal(1, createCalls);
        Assert.Equal(2, tenant.Calls());
        Assert.NotNull(read);
        Assert.True(JsonNode.DeepEquals(Attributes(user), Attributes(read)), $"{Attributes(user).ToJsonString()}\n{Attributes(read).ToJsonString()}");
        Assert.True(JsonNode.DeepEquals(created["meta"], read["meta"]), $"{created["meta"]!.ToJsonString()}\n{read["meta"]!.ToJsonString()}");
    }

    [Fact]
    public async Task Create_WithTenantIdp_LinksTheEntraObjectIdInTheSameCall()
    {
        await using var tenant = await ZitadelTenant.StartAsync();

        var created = await tenant.Users().CreateAsync(Normalize(EntraUser), CancellationToken.None);

        var link = Assert.Single(tenant.Emulator.State.IdpLinks);
        Assert.Equal((string)created["id"]!, link.UserId);
        Assert.Equal(tenant.IdpId, link.IdpId);
        Assert.Equal("0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef", link.ExternalUserId);
        var zitadelUser = Assert.Single(tenant.Emulator.State.Users, u => u.Id == (string)created["id"]!);
        Assert.Equal(tenant.OrganizationId, zitadelUser.OrganizationId);
    }

    [Fact]
    public async Task Create_UserNameTakenInOtherCase_IsUniqueness409()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var store = tenant.Users();
        await store.CreateAsync(Normalize(EntraUser), CancellationToken.None);

        var error = await Assert.ThrowsAsync<ScimException>(() =>
            store.CreateAsync(Normalize(EntraUser.Replace("Test_User@contoso.com", "TEST_USER@CONTOSO.COM").Replace("0a21f0f2", "ffffffff")), CancellationToken.None));

        Assert.Equal(409, error.Status);
        Assert.Equal("uniqueness", error.ScimType);
    }

    [Fact]
    public async Task Create_ResponseLostAfterZitadelApplied_Is503AndTheRetryIsUniqueness()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var store = tenant.Users();
        tenant.Emulator.Faults.FailNext(1, FaultKind.DropAfterApply, "CreateUser");

        var lost = await Assert.ThrowsAsync<ScimException>(() => store.CreateAsync(Normalize(EntraUser), CancellationToken.None));
        var retried = await Assert.ThrowsAsync<ScimException>(() => store.CreateAsync(Normalize(EntraUser), CancellationToken.None));

        Assert.True(lost.Status is 502 or 503, $"status {lost.Status}");
        Assert.NotNull(lost.RetryAfter);
        Assert.Equal(409, retried.Status);
        Assert.Single(tenant.Emulator.State.Users, u => u.UserName == "Test_User@contoso.com");
    }

    [Fact]
    public async Task Replace_ChangedTitleAndName_IsOneUpdateCallAndReadsBack()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var store = tenant.Users();
        var created = await store.CreateAsync(Normalize(EntraUser), CancellationToken.None);
        var replacement = (JsonObject)created.DeepClone();
        replacement["title"] = "Principal";
        replacement["name"]!["familyName"] = "Renamed";
        replacement.Remove(Ent);
        tenant.ResetCalls();

        var updated = await store.ReplaceAsync(created, replacement, CancellationToken.None);
        var calls = tenant.Calls();
        var read = await store.GetAsync((string)created["id"]!, CancellationToken.None);

        Assert.Equal(1, calls);
        Assert.Equal("Principal", (string?)read!["title"]);
        Assert.Equal("Renamed", (string?)read["name"]!["familyName"]);
        Assert.Null(read[Ent]);
        Assert.True(JsonNode.DeepEquals(updated["meta"], read["meta"]), $"{updated["meta"]!.ToJsonString()}\n{read["meta"]!.ToJsonString()}");
        Assert.NotEqual((string?)created["meta"]!["version"], (string?)read["meta"]!["version"]);
    }

    [Fact]
    public async Task Replace_ActiveFalse_DeactivatesAndReadsBackInactive()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var store = tenant.Users();
        var created = await store.CreateAsync(Normalize(EntraUser), CancellationToken.None);
        var replacement = (JsonObject)created.DeepClone();
        replacement["active"] = false;

        await store.ReplaceAsync(created, replacement, CancellationToken.None);
        var read = await store.GetAsync((string)created["id"]!, CancellationToken.None);

        Assert.False((bool)read!["active"]!);
        Assert.Equal("USER_STATE_INACTIVE", Assert.Single(tenant.Emulator.State.Users, u => u.Id == (string)created["id"]!).State);
    }

    [Theory]
    [InlineData(false, 2)]
    [InlineData(true, 1)]
    public async Task Delete_User_RemovesItWithTheExpectedCalls(bool confined, int expectedCalls)
    {
        await using var tenant = await ZitadelTenant.StartAsync(o => o with { IdentityConfinedToOrganization = confined });
        var store = tenant.Users();
        var created = await store.CreateAsync(Normalize(EntraUser), CancellationToken.None);
        tenant.ResetCalls();

        var deleted = await store.DeleteAsync((string)created["id"]!, CancellationToken.None);
        var calls = tenant.Calls();

        Assert.True(deleted);
        Assert.Equal(expectedCalls, calls);
        Assert.Null(await store.GetAsync((string)created["id"]!, CancellationToken.None));
        Assert.Empty(tenant.Emulator.State.IdpLinks);
    }

    [Fact]
    public async Task Delete_WithDeactivateDeprovisioning_KeepsTheUserInactive()
    {
        await using var tenant = await ZitadelTenant.StartAsync(o => o with { Deprovisioning = ZitadelDeprovisioning.Deactivate });
        var store = tenant.Users();
        var created = await store.CreateAsync(Normalize(EntraUser), CancellationToken.None);

        Assert.True(await store.DeleteAsync((string)created["id"]!, CancellationToken.None));
        Assert.True(await store.DeleteAsync((string)created["id"]!, CancellationToken.None));

        Assert.Equal("USER_STATE_INACTIVE", Assert.Single(tenant.Emulator.State.Users, u => u.Id == (string)created["id"]!).State);
    }

    [Fact]
    public async Task OtherOrganisationsUser_IsInvisibleAndCannotBeDeleted()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        var otherOrg = tenant.Emulator.CreateOrganization("Other");
        var stranger = tenant.Emulator.CreateMachineUser("stranger", otherOrg);
        var store = tenant.Users();

        Assert.Null(await store.GetAsync(stranger.UserId, CancellationToken.None));
        Assert.False(await store.DeleteAsync(stranger.UserId, CancellationToken.None));
        Assert.Contains(tenant.Emulator.State.Users, u => u.Id == stranger.UserId);
    }

    [Fact]
    public async Task Create_ZitadelUnavailable_Is503WithRetryAfterAndNothingIsWritten()
    {
        await using var tenant = await ZitadelTenant.StartAsync();
        tenant.Emulator.Faults.FailNext(8, FaultKind.Unavailable, "CreateUser");

        var error = await Assert.ThrowsAsync<ScimException>(() => tenant.Users().CreateAsync(Normalize(EntraUser), CancellationToken.None));

        Assert.Equal(503, error.Status);
        Assert.NotNull(error.RetryAfter);
        Assert.DoesNotContain(tenant.Emulator.State.Users, u => u.UserName == "Test_User@contoso.com");
    }

    private static JsonObject Normalize(string json) =>
        ResourceNormalizer.ForCreate(ScimSchemas.UserType, JsonNode.Parse(json));

    private static JsonObject Attributes(JsonObject resource)
    {
        var copy = (JsonObject)resource.DeepClone();
        copy.Remove("id");
        copy.Remove("meta");
        return copy;
    }
}
