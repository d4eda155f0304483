using System.Net;
using System.Text.Json.Nodes;

namespace Zitadel.Tests.Emulator;

public sealed class EmulatorListTests : EmulatorTestBase
{
    [Fact]
    public async Task ListUsers_NoMatches_OmitsResultAndTotalResult()
    {
        var call = await ListAsync(UserName("nobody", "TEXT_QUERY_METHOD_EQUALS"));

        Assert.Equal(HttpStatusCode.OK, call.Status);
        Assert.False(call.Body.ContainsKey("result"));
        Assert.False(call.Body["details"]!.AsObject().ContainsKey("totalResult"));
        Assert.Equal(System.Text.Json.JsonValueKind.String, call.Body["details"]!["processedSequence"]!.GetValueKind());
    }

    [Fact]
    public async Task ListUsers_LimitOver1000_Returns400QueryLimitExceeded()
    {
        var call = await Client.CallAsync(EmulatorClient.Users, "ListUsers",
            new JsonObject { ["query"] = new JsonObject { ["limit"] = 1001 } });

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_argument", "QUERY-4M0fs"),
            (call.Status, call.Code, call.ErrorId));
    }

    [Fact]
    public async Task ListUsers_Default_DescendingByCreationDateWithTotalAsString()
    {
        var first = await Client.CreateHumanAsync("a@example.com");
        Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await Client.CreateHumanAsync("b@example.com");

        var call = await ListAsync(HumansQuery());

        Assert.Equal([second, first], Ids(call));
        Assert.Equal("2", call.Body["details"]!["totalResult"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListUsers_AscWithOffsetAndLimit_PagesInCreationOrder()
    {
        var ids = new List<string>();
        foreach (var name in new[] { "a", "b", "c" })
        {
            ids.Add(await Client.CreateHumanAsync($"{name}@example.com"));
            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var call = await Client.CallAsync(EmulatorClient.Users, "ListUsers", new JsonObject
        {
            ["query"] = new JsonObject { ["offset"] = "1", ["limit"] = 1, ["asc"] = true },
            ["queries"] = new JsonArray(HumansQuery()),
        });

        Assert.Equal([ids[1]], Ids(call));
        Assert.Equal("3", call.Text("details.totalResult"));
    }

    [Theory]
    [InlineData("TEXT_QUERY_METHOD_EQUALS", "ada@example.com", 1)]
    [InlineData("TEXT_QUERY_METHOD_EQUALS", "ADA@example.com", 0)]
    [InlineData("TEXT_QUERY_METHOD_EQUALS_IGNORE_CASE", "ADA@example.com", 1)]
    [InlineData("TEXT_QUERY_METHOD_STARTS_WITH", "ada", 1)]
    [InlineData("TEXT_QUERY_METHOD_STARTS_WITH_IGNORE_CASE", "ADA", 1)]
    [InlineData("TEXT_QUERY_METHOD_CONTAINS", "example", 2)]
    [InlineData("TEXT_QUERY_METHOD_CONTAINS_IGNORE_CASE", "EXAMPLE", 2)]
    [InlineData("TEXT_QUERY_METHOD_ENDS_WITH", "org", 1)]
    [InlineData("TEXT_QUERY_METHOD_ENDS_WITH_IGNORE_CASE", "ORG", 1)]
    [InlineData("4", "example", 2)]
    public async Task ListUsers_TextMethod_MatchesAsZitadel(string method, string value, int expected)
    {
        await Client.CreateHumanAsync("ada@example.com");
        await Client.CreateHumanAsync("bob@example.org");
        JsonNode methodNode = int.TryParse(method, out var number) ? number : method;

        var call = await ListAsync(new JsonObject
        {
            ["userNameQuery"] = new JsonObject { ["userName"] = value, ["method"] = methodNode },
        });

        Assert.Equal(expected, Ids(call).Count);
    }

    [Fact]
    public async Task ListUsers_AndOrNot_Combine()
    {
        var ada = await Client.CreateHumanAsync("ada@example.com");
        await Client.CreateHumanAsync("bob@example.com");
        var cy = await Client.CreateHumanAsync("cy@example.org");

        var call = await ListAsync(new JsonObject
        {
            ["orQuery"] = new JsonObject
            {
                ["queries"] = new JsonArray(
                    new JsonObject
                    {
                        ["andQuery"] = new JsonObject
                        {
                            ["queries"] = new JsonArray(
                                UserName("example.com", "TEXT_QUERY_METHOD_ENDS_WITH"),
                                new JsonObject
                                {
                                    ["notQuery"] = new JsonObject
                                    {
                                        ["query"] = UserName("bob", "TEXT_QUERY_METHOD_STARTS_WITH"),
                                    },
                                }),
                        },
                    },
                    new JsonObject { ["inUserIdsQuery"] = new JsonObject { ["userIds"] = new JsonArray(cy) } }),
            },
        }, new JsonObject { ["typeQuery"] = new JsonObject { ["type"] = "TYPE_HUMAN" } });

        Assert.Equal([ada, cy], Ids(call).Order().ToList());
    }

    [Fact]
    public async Task ListUsers_MetadataFilters_MatchKeyAndBase64Value()
    {
        var ada = await Client.CreateHumanAsync("ada@example.com", extra: Metadata("externalId", "oid-1"));
        var bob = await Client.CreateHumanAsync("bob@example.com", extra: Metadata("externalId", "oid-2"));
        await Client.CreateHumanAsync("cy@example.com");

        var byKey = await ListAsync(new JsonObject
        {
            ["metadataKeyFilter"] = new JsonObject
            {
                ["key"] = "externalid", ["method"] = "TEXT_FILTER_METHOD_EQUALS_IGNORE_CASE",
            },
        });
        var byValue = await ListAsync(ValueFilter("oid-1", "BYTE_FILTER_METHOD_EQUALS"));
        var notValue = await ListAsync(ValueFilter("oid-1", "BYTE_FILTER_METHOD_NOT_EQUALS"));

        Assert.Equal([ada, bob], Ids(byKey).Order().ToList());
        Assert.Equal([ada], Ids(byValue));
        Assert.Equal([bob], Ids(notValue));
    }

    [Fact]
    public async Task ListUsers_ProjectionLag_MissesFreshUserThatGetUserByIdSees()
    {
        Emulator.ProjectionLag = TimeSpan.FromSeconds(2);
        var id = await Client.CreateHumanAsync("ada@example.com");

        var fresh = await ListAsync(HumansQuery());
        var get = await Client.GetUserAsync(id);
        Clock.Advance(TimeSpan.FromSeconds(2));
        var later = await ListAsync(HumansQuery());

        Assert.Empty(Ids(fresh));
        Assert.Equal(HttpStatusCode.OK, get.Status);
        Assert.Equal([id], Ids(later));
    }

    [Fact]
    public async Task ListUserMetadata_ProjectionLag_ShowsOldValueUntilLagPasses()
    {
        var id = await Client.CreateHumanAsync("ada@example.com", extra: Metadata("k", "old"));
        Clock.Advance(TimeSpan.FromSeconds(10));
        Emulator.ProjectionLag = TimeSpan.FromSeconds(5);
        await Client.CallAsync(EmulatorClient.Users, "SetUserMetadata", new JsonObject
        {
            ["userId"] = id,
            ["metadata"] = new JsonArray(new JsonObject { ["key"] = "k", ["value"] = Base64("new") }),
        });
        var list = new JsonObject { ["userId"] = id };

        var stale = await Client.CallAsync(EmulatorClient.Users, "ListUserMetadata", list);
        Clock.Advance(TimeSpan.FromSeconds(5));
        var current = await Client.CallAsync(EmulatorClient.Users, "ListUserMetadata", list.DeepClone().AsObject());

        Assert.Equal(Base64("old"), stale.Text("metadata.0.value"));
        Assert.Equal(Base64("new"), current.Text("metadata.0.value"));
    }

    private static JsonObject ValueFilter(string value, string method) => new()
    {
        ["metadataValueFilter"] = new JsonObject { ["value"] = Base64(value), ["method"] = method },
    };

    internal static string Base64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));

    internal static JsonObject Metadata(string key, string value) => new()
    {
        ["metadata"] = new JsonArray(new JsonObject { ["key"] = key, ["value"] = Base64(value) }),
    };

    private static JsonObject UserName(string value, string method) => new()
    {
        ["userNameQuery"] = new JsonObject { ["userName"] = value, ["method"] = method },
    };

    /// <summary>The humans of the default org (the instance admin is a machine user there).</summary>
    private JsonObject HumansQuery() => new()
    {
        ["andQuery"] = new JsonObject
        {
            ["queries"] = new JsonArray(
                new JsonObject
                {
                    ["organizationIdQuery"] = new JsonObject { ["organizationId"] = Emulator.DefaultOrganizationId },
                },
                new JsonObject { ["typeQuery"] = new JsonObject { ["type"] = 1 } }),
        },
    };

    private Task<EmulatorCall> ListAsync(params JsonObject[] queries) =>
        Client.CallAsync(EmulatorClient.Users, "ListUsers", new JsonObject
        {
            ["queries"] = new JsonArray(queries.Select(q => (JsonNode?)q).ToArray()),
        });

    private static List<string> Ids(EmulatorCall call) =>
        (call.Body["result"]?.AsArray() ?? []).Select(user => user!["userId"]!.GetValue<string>())
            .Where(id => id is not null).ToList();
}
