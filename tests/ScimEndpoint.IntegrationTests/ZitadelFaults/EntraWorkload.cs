using System.Globalization;
using System.Text.Json.Nodes;
using ScimEndpoint.IntegrationTests.Infrastructure;

namespace ScimEndpoint.IntegrationTests.ZitadelFaults;

/// <summary>
/// A deterministic Entra-like provisioning cycle: look up and create 30 users (three disabled) and three groups,
/// PATCH the users (names, e-mail, enterprise attributes, disable and re-enable), add members in batches, remove
/// some (value array and <c>members[value eq]</c> forms), rename a group, delete six users and one group.
/// </summary>
internal static class EntraWorkload
{
    public const int UserCount = 30;

    public const string EnterpriseSchema = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private const string UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";

    private const string GroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";

    private static readonly string[] Departments = ["Engineering", "Sales", "Support", "Finance", "Legal"];

    public static string UserName(int i) => string.Create(CultureInfo.InvariantCulture, $"fz.user{i:00}@acme.example");

    public static readonly string[] GroupNames = ["FZ Engineering", "FZ Sales", "FZ Support"];

    public const string RenamedSupport = "FZ Customer Support";

    /// <summary>The users the workload deletes.</summary>
    public static readonly int[] DeletedUsers = [3, 25, 26, 27, 28, 29];

    /// <summary>Runs the cycle; every step goes through <paramref name="client"/>'s retries.</summary>
    public static async Task RunAsync(EntraRetryClient client, int seed)
    {
        var random = new Random(seed);
        var users = new string?[UserCount];
        for (var i = 0; i < UserCount; i++)
        {
            var userName = UserName(i);
            users[i] = await client.FindIdAsync("Users", "userName", userName)
                ?? await client.CreateUserAsync(userName, User(i, random));
        }

        var groups = new string?[GroupNames.Length];
        for (var g = 0; g < GroupNames.Length; g++)
        {
            groups[g] = await client.FindIdAsync("Groups", "displayName", GroupNames[g])
                ?? await client.CreateGroupAsync(GroupNames[g], Group(GroupNames[g], random));
        }

        for (var i = 0; i < UserCount; i++)
        {
            if (users[i] is not { } id)
            {
                continue;
            }

            var operations = new List<(string, string?, JsonNode?)>();
            if (i % 2 == 0)
            {
                operations.Add(("Replace", "displayName", $"Fault User {i} (patched)"));
                operations.Add(("Replace", "name.familyName", $"Patched{i:00}"));
            }

            if (i % 3 == 0)
            {
                operations.Add(("Replace", "emails[type eq \"work\"].value", $"changed.{i:00}@acme.example"));
            }

            if (i % 4 == 0)
            {
                operations.Add(("Add", $"{EnterpriseSchema}:department", Departments[random.Next(Departments.Length)]));
                operations.Add(("Replace", "title", "Engineer"));
            }

            if (i % 5 == 1)
            {
                operations.Add(("Replace", "active", "False"));
            }

            if (i % 10 == 7)
            {
                operations.Add(("Replace", "active", "True"));
            }

            if (operations.Count > 0)
            {
                await client.PatchAsync($"Users/{id}", ScimRequests.Patch([.. operations]));
            }
        }

        // Members in Entra's batches; ids of users whose create failed for good are skipped (already a violation).
        await AddMembersAsync(client, groups[0], users, Enumerable.Range(0, 15), batch: 5);
        await AddMembersAsync(client, groups[1], users, Enumerable.Range(10, 15), batch: 3);
        await AddMembersAsync(client, groups[2], users, Enumerable.Range(20, 10), batch: 10);

        if (groups[0] is { } engineering)
        {
            await client.PatchAsync($"Groups/{engineering}", ScimRequests.Members("Remove", Ids(users, 1, 2)));
        }

        if (groups[1] is { } sales)
        {
            await client.PatchAsync($"Groups/{sales}", ScimRequests.Members("Remove", Ids(users, 11)));
        }

        if (groups[2] is { } support)
        {
            if (users[21] is { } u21)
            {
                await client.PatchAsync($"Groups/{support}", ScimRequests.RemoveMemberByFilter(u21));
            }

            await client.PatchAsync($"Groups/{support}", ScimRequests.Patch(("Replace", "displayName", RenamedSupport)));
        }

        foreach (var i in DeletedUsers)
        {
            if (users[i] is { } id)
            {
                await client.DeleteAsync($"Users/{id}");
            }
        }

        if (groups[1] is { } deleted)
        {
            await client.DeleteAsync($"Groups/{deleted}");
        }
    }

    public static string User(int i, Random random)
    {
        var userName = UserName(i);
        var user = new JsonObject
        {
            ["schemas"] = new JsonArray(UserSchema, EnterpriseSchema),
            ["userName"] = userName,
            ["externalId"] = new Guid(Bytes(random)).ToString(),
            ["active"] = i % 10 != 7,
            ["displayName"] = $"Fault User {i}",
            ["name"] = new JsonObject
            {
                ["givenName"] = "Fault",
                ["familyName"] = string.Create(CultureInfo.InvariantCulture, $"User{i:00}"),
                ["formatted"] = $"Fault User{i:00}",
            },
            ["emails"] = new JsonArray(new JsonObject { ["primary"] = true, ["type"] = "work", ["value"] = userName }),
            [EnterpriseSchema] = new JsonObject
            {
                ["department"] = Departments[random.Next(Departments.Length)],
                ["employeeNumber"] = (1000 + i).ToString(CultureInfo.InvariantCulture),
            },
        };
        if (i % 3 == 1)
        {
            user["phoneNumbers"] = new JsonArray(new JsonObject
            {
                ["type"] = "mobile",
                ["value"] = string.Create(CultureInfo.InvariantCulture, $"+4179555{i:0000}"),
            });
        }

        return user.ToJsonString();
    }

    public static string Group(string displayName, Random random) => new JsonObject
    {
        ["schemas"] = new JsonArray(GroupSchema),
        ["displayName"] = displayName,
        ["externalId"] = new Guid(Bytes(random)).ToString(),
    }.ToJsonString();

    private static async Task AddMembersAsync(
        EntraRetryClient client, string? group, string?[] users, IEnumerable<int> members, int batch)
    {
        if (group is null)
        {
            return;
        }

        foreach (var chunk in members.Chunk(batch))
        {
            var ids = Ids(users, chunk);
            if (ids.Length > 0)
            {
                await client.PatchAsync($"Groups/{group}", ScimRequests.Members("Add", ids));
            }
        }
    }

    private static string[] Ids(string?[] users, params int[] indexes) =>
        [.. indexes.Select(i => users[i]).OfType<string>()];

    private static byte[] Bytes(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return bytes;
    }
}
