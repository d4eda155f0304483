using System.Text.Json.Nodes;

namespace ScimEndpoint.IntegrationTests.Fuzz;

/// <summary>Bad POST and PUT bodies: wrong types, missing or duplicate names, invalid or non-object JSON, huge strings,
/// unknown schema extensions.</summary>
internal sealed class ResourceBodyCases(Random random, StringMutator mutator, FuzzTargets targets)
{
    private const string UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
    private const string GroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";

    private static readonly string[] NotObjects = ["[]", "\"x\"", "5", "null", "true", "", " ", "[{}]", "{}{}"];

    public FuzzCase Next()
    {
        var isGroup = random.Next(3) == 0;
        var isPut = random.Next(3) == 0;
        var method = isPut ? "PUT" : "POST";
        var path = (isGroup, isPut) switch
        {
            (true, true) => $"/Groups/{targets.GroupId}",
            (true, false) => "/Groups",
            (false, true) => $"/Users/{targets.UserId}",
            _ => "/Users",
        };
        var valid = isGroup ? ValidGroup() : ValidUser();
        var (kind, body) = random.Next(8) switch
        {
            0 => ("body-wrong-type", WrongType(valid, isGroup).ToJsonString()),
            1 => ("body-missing-name", Without(valid, isGroup ? "displayName" : "userName").ToJsonString()),
            2 => ("body-duplicate-name", Duplicate(valid, isGroup).ToJsonString()),
            3 => ("body-invalid-json", mutator.Mutate(valid.ToJsonString())[..^random.Next(1, 4)]),
            4 => ("body-not-object", NotObjects[random.Next(NotObjects.Length)]),
            5 => ("body-huge-string", Huge(valid, isGroup).ToJsonString()),
            6 => ("body-unknown-extension", UnknownExtension(valid).ToJsonString()),
            _ => ("body-mutated-json", mutator.Mutate(valid.ToJsonString())),
        };
        return new FuzzCase(kind, method, path, body);
    }

    private JsonObject ValidUser() => new()
    {
        ["schemas"] = new JsonArray(UserSchema),
        ["userName"] = $"fuzz.{random.Next():x8}@example.com",
        ["active"] = true,
        ["name"] = new JsonObject { ["givenName"] = "Fuzz", ["familyName"] = "Case" },
        ["emails"] = new JsonArray(new JsonObject { ["type"] = "work", ["value"] = "fuzz@example.com", ["primary"] = true }),
    };

    private JsonObject ValidGroup() => new()
    {
        ["schemas"] = new JsonArray(GroupSchema),
        ["displayName"] = $"fuzz-group-{random.Next():x8}",
        ["members"] = new JsonArray(new JsonObject { ["value"] = targets.OtherUserId }),
    };

    private JsonObject WrongType(JsonObject valid, bool isGroup)
    {
        (string Key, JsonNode? Value)[] choices = isGroup
            ? [("displayName", 5), ("members", "x"), ("members", new JsonArray(new JsonObject { ["value"] = true })), ("schemas", "x")]
            : [("userName", 5), ("active", "yes"), ("emails", new JsonObject()), ("name", "x"), ("schemas", new JsonArray(1)),
               ("userName", new JsonArray("a")), ("emails", new JsonArray(new JsonObject { ["value"] = 3 }))];
        var (key, value) = choices[random.Next(choices.Length)];
        valid[key] = value;
        return valid;
    }

    private static JsonObject Without(JsonObject valid, string key)
    {
        valid.Remove(key);
        return valid;
    }

    private JsonObject Duplicate(JsonObject valid, bool isGroup)
    {
        // Names compare ignoring case, so a case variant of a taken name is a duplicate too.
        var name = isGroup ? targets.GroupName : targets.UserName;
        valid[isGroup ? "displayName" : "userName"] = random.Next(2) == 0 ? name : name.ToUpperInvariant();
        return valid;
    }

    private JsonObject Huge(JsonObject valid, bool isGroup)
    {
        // Over 1 MiB must be 413; below it the service may accept or refuse, but must not fail.
        var length = random.Next(2) == 0 ? 1_100_000 + random.Next(100_000) : 10_000 + random.Next(100_000);
        valid[isGroup ? "displayName" : random.Next(2) == 0 ? "userName" : "nickName"] = new string('x', length);
        return valid;
    }

    private JsonObject UnknownExtension(JsonObject valid)
    {
        const string Urn = "urn:example:params:scim:schemas:extension:unknown:2.0:User";
        if (random.Next(2) == 0)
        {
            valid["schemas"]!.AsArray().Add(Urn);
        }

        valid[Urn] = new JsonObject { ["attribute"] = "value" };
        return valid;
    }
}
