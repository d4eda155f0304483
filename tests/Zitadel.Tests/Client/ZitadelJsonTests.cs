using System.Net;
using System.Text;
using System.Text.Json;
using Zitadel.Json;
using Zitadel.Users;

namespace Zitadel.Tests.Client;

public sealed class ZitadelJsonTests
{
    private static async Task<JsonElement> SentBodyAsync(Func<ZitadelClient, Task> call)
    {
        using var harness = new ClientHarness();
        await call(harness.Client);
        return JsonDocument.Parse(Assert.Single(harness.Handler.Requests).Body).RootElement;
    }

    [Fact]
    public async Task CreateUser_Human_SendsCamelCaseBase64MetadataAndOmitsNulls()
    {
        var body = await SentBodyAsync(client => client.Users.CreateUserAsync(
            new CreateUserRequest
            {
                OrganizationId = "org-1",
                Username = "ada",
                Metadata = [MetadataEntry.FromString("urn:zitadel:scim:externalId", "ext-1")],
                Human = new()
                {
                    Profile = new() { GivenName = "Ada", FamilyName = "Lovelace" },
                    Email = new("ada@example.com", IsVerified: true),
                    IdpLinks = [new("idp-1", "oid-1", "ada@corp")],
                },
            },
            CancellationToken.None));

        Assert.Equal(
            """{"organizationId":"org-1","username":"ada","metadata":[{"key":"urn:zitadel:scim:externalId","value":"ZXh0LTE="}],"human":{"profile":{"givenName":"Ada","familyName":"Lovelace"},"email":{"email":"ada@example.com","isVerified":true},"idpLinks":[{"idpId":"idp-1","userId":"oid-1","userName":"ada@corp"}]}}""",
            body.GetRawText());
    }

    [Fact]
    public async Task CreateUser_UnverifiedEmail_OmitsFalse()
    {
        var body = await SentBodyAsync(client => client.Users.CreateUserAsync(
            new CreateUserRequest
            {
                OrganizationId = "org-1",
                Human = new() { Profile = new() { GivenName = "A", FamilyName = "B" }, Email = new("a@b.c") },
            },
            CancellationToken.None));

        Assert.False(body.GetProperty("human").GetProperty("email").TryGetProperty("isVerified", out _));
        Assert.False(body.TryGetProperty("userId", out _));
    }

    [Fact]
    public async Task ListUsers_NestedQueries_SendsOffsetAsStringAndLimitAsNumber()
    {
        var body = await SentBodyAsync(client => client.Users.ListUsersAsync(
            new ListUsersRequest
            {
                Query = new() { Offset = 200, Limit = 100, Asc = true },
                Queries =
                [
                    UserSearchQuery.Organization("org-1"),
                    UserSearchQuery.Or(
                        UserSearchQuery.UserName("ada", TextQueryMethods.EqualsIgnoreCase),
                        UserSearchQuery.And(
                            UserSearchQuery.MetadataKey("urn:zitadel:scim:externalId"),
                            UserSearchQuery.MetadataValue(Encoding.UTF8.GetBytes("ext-1")))),
                    UserSearchQuery.Not(UserSearchQuery.UserType(UserTypes.Machine)),
                ],
            },
            CancellationToken.None));

        Assert.Equal("""{"offset":"200","limit":100,"asc":true}""", body.GetProperty("query").GetRawText());
        Assert.Equal(
            """[{"organizationIdQuery":{"organizationId":"org-1"}},{"orQuery":{"queries":[{"userNameQuery":{"userName":"ada","method":"TEXT_QUERY_METHOD_EQUALS_IGNORE_CASE"}},{"andQuery":{"queries":[{"metadataKeyFilter":{"key":"urn:zitadel:scim:externalId","method":"TEXT_FILTER_METHOD_EQUALS"}},{"metadataValueFilter":{"value":"ZXh0LTE=","method":"BYTE_FILTER_METHOD_EQUALS"}}]}}]}},{"notQuery":{"query":{"typeQuery":{"type":"TYPE_MACHINE"}}}}]""",
            body.GetProperty("queries").GetRawText());
    }

    [Fact]
    public async Task ListUsers_DefaultPaging_OmitsEveryDefault()
    {
        var body = await SentBodyAsync(client => client.Users.ListUsersAsync(
            new ListUsersRequest { Query = new() }, CancellationToken.None));

        Assert.Equal("""{"query":{}}""", body.GetRawText());
    }

    [Fact]
    public void ListQuery_LimitAboveMaximum_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ListQuery { Limit = 1001 });
    }

    [Fact]
    public async Task ListUsers_Response_ParsesStringsAndOmittedDefaults()
    {
        using var harness = new ClientHarness();
        harness.Handler.AnswerInOrder(() => FakeZitadelHandler.Json(HttpStatusCode.OK, """
            {"details":{"totalResult":"2","processedSequence":"77","timestamp":"2025-09-01T10:00:00.123456789Z"},
             "result":[{"userId":"u1","details":{"sequence":"5","changeDate":"2025-09-01T10:00:00Z","resourceOwner":"org-1"},
               "state":"USER_STATE_ACTIVE","username":"ada","loginNames":["ada"],"preferredLoginName":"ada",
               "human":{"profile":{"givenName":"Ada","familyName":"Lovelace","gender":"GENDER_FEMALE"},
               "email":{"email":"ada@example.com"}},"somethingNew":{"x":1}},
               {"userId":"u2","machine":{"name":"bot"}}]}
            """));

        var response = await harness.Client.Users.ListUsersAsync(new(), CancellationToken.None);

        Assert.Equal(2, response.Details!.TotalResult);
        Assert.Equal(77, response.Details.ProcessedSequence);
        Assert.Equal(new DateTimeOffset(2025, 9, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1234567), response.Details.Timestamp);
        var ada = response.Result[0];
        Assert.Equal(5, ada.Details!.Sequence);
        Assert.Equal(UserStates.Active, ada.State);
        Assert.False(ada.Human!.Email!.IsVerified);
        var bot = response.Result[1];
        Assert.Equal("", bot.State);
        Assert.Empty(bot.LoginNames);
        Assert.Equal("bot", bot.Machine!.Name);
    }

    [Fact]
    public async Task ListUsers_NoMatches_ResultIsEmptyAndTotalZero()
    {
        using var harness = new ClientHarness();
        harness.Handler.AnswerInOrder(() => FakeZitadelHandler.Json(
            HttpStatusCode.OK, """{"details":{"processedSequence":"3","timestamp":"2025-09-01T10:00:00Z"}}"""));

        var response = await harness.Client.Users.ListUsersAsync(new(), CancellationToken.None);

        Assert.Empty(response.Result);
        Assert.Equal(0, response.Details!.TotalResult);
    }

    [Fact]
    public async Task ListUserMetadata_Response_DecodesBase64Values()
    {
        using var harness = new ClientHarness();
        harness.Handler.AnswerInOrder(() => FakeZitadelHandler.Json(HttpStatusCode.OK, """
            {"pagination":{"totalResult":"1","appliedLimit":"100"},"metadata":[{"key":"k","value":"ZXh0LTE="}]}
            """));

        var response = await harness.Client.Users.ListUserMetadataAsync(
            new() { UserId = "u1" }, CancellationToken.None);

        Assert.Equal(100, response.Pagination!.AppliedLimit);
        Assert.Equal("ext-1", Assert.Single(response.Metadata).ValueAsString());
    }

    [Fact]
    public async Task SetUserMetadata_EmptyValue_SendsEmptyBase64ToDelete()
    {
        var body = await SentBodyAsync(client => client.Users.SetUserMetadataAsync(
            "u1", [new MetadataEntry("gone", [])], CancellationToken.None));

        Assert.Equal("""{"userId":"u1","metadata":[{"key":"gone","value":""}]}""", body.GetRawText());
    }

    [Fact]
    public void CredentialResponses_ToString_LeaveSecretsOut()
    {
        var pat = new AddPersonalAccessTokenResponse { TokenId = "t1", Token = "secret-pat" };
        var key = new AddKeyResponse { KeyId = "k1", KeyContent = Encoding.UTF8.GetBytes("secret-key") };

        Assert.DoesNotContain("secret", pat.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0", key.ToString(), StringComparison.Ordinal);
        Assert.Contains("t1", pat.ToString(), StringComparison.Ordinal);
    }
}
