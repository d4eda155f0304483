using System.Text.Json.Nodes;

namespace ScimEndpoint.IntegrationTests.Fuzz;

/// <summary>Bad PATCH bodies: wrong op names, bad paths, wrong value types, nulls, missing or too many operations.</summary>
internal sealed class PatchCases(Random random, StringMutator mutator, FuzzTargets targets)
{
    private const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private static readonly string[] OpNames = ["Upsert", "", "adds", "re move", "REPLACE ", "test", "copy", "move"];

    private static readonly string[] BadPaths =
    [
        "emails[type eq", "name..givenName", "members[value eq \"x\"].foo", "urn:bad:attr", "", "]", "[type eq \"work\"]",
        "emails[type eq \"work\"].value.extra", "nope", "name.nope", "emails[nope eq \"x\"].value", "emails[type xx 1].value",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:nope", "userName[value eq \"x\"]", ".", "a.b.c.d",
    ];

    private static readonly string[] ReadOnlyPaths = ["id", "meta", "meta.created", "meta.version", "meta.resourceType", "groups"];

    public FuzzCase Next()
    {
        var isGroup = random.Next(3) == 0;
        var path = isGroup ? $"/Groups/{targets.GroupId}" : $"/Users/{targets.UserId}";
        var (kind, body) = random.Next(10) switch
        {
            0 => ("patch-op-name", Body(Operation(OpNames[random.Next(OpNames.Length)], "displayName", "x"))),
            1 => ("patch-bad-path", Body(Operation("replace", BadPaths[random.Next(BadPaths.Length)], "x"))),
            2 => ("patch-wrong-value-type", Body(isGroup ? WrongGroupValue() : WrongUserValue())),
            3 => ("patch-null-value", Body(Operation(random.Next(2) == 0 ? "add" : "replace", isGroup ? "members" : "name", null))),
            4 => ("patch-missing-operations", MissingOperations()),
            5 => ("patch-too-many-operations", Body([.. Enumerable.Range(0, 1001).Select(i => Operation("replace", "nickName", $"n{i}"))])),
            6 => ("patch-read-only", Body(Operation(random.Next(2) == 0 ? "replace" : "remove", ReadOnlyPaths[random.Next(ReadOnlyPaths.Length)], "x"))),
            7 => ("patch-unknown-member", Body(Operation("add", "members", new JsonArray(new JsonObject { ["value"] = RandomId() })))),
            _ => ("patch-mutated-json", mutator.Mutate(Body(Operation("Replace", "emails[type eq \"work\"].value", "m@example.com")))),
        };
        return new FuzzCase(kind, "PATCH", path, body);
    }

    private JsonObject WrongUserValue() => random.Next(8) switch
    {
        0 => Operation("replace", "active", "maybe"),
        1 => Operation("replace", "active", 5),
        2 => Operation("replace", "emails", "not-a-list"),
        3 => Operation("replace", "name", new JsonArray(1, 2)),
        4 => Operation("replace", "userName", 7),
        5 => Operation("replace", "userName", null),
        6 => Operation("add", "emails", new JsonArray(new JsonObject { ["value"] = new JsonObject() })),
        _ => Operation("replace", null, "not-an-object"),
    };

    private JsonObject WrongGroupValue() => random.Next(5) switch
    {
        0 => Operation("add", "members", "not-a-list"),
        1 => Operation("add", "members", new JsonArray(new JsonObject { ["value"] = 5 })),
        2 => Operation("replace", "displayName", new JsonObject { ["x"] = 1 }),
        3 => Operation("add", "members", new JsonArray("bare-string")),
        _ => Operation("replace", "displayName", null),
    };

    private string MissingOperations() => random.Next(5) switch
    {
        0 => new JsonObject { ["schemas"] = new JsonArray(PatchOp) }.ToJsonString(),
        1 => new JsonObject { ["schemas"] = new JsonArray(PatchOp), ["Operations"] = "replace" }.ToJsonString(),
        2 => new JsonObject { ["schemas"] = new JsonArray(PatchOp), ["Operations"] = null }.ToJsonString(),
        3 => new JsonObject { ["schemas"] = new JsonArray("urn:wrong"), ["Operations"] = new JsonArray(Operation("add", "nickName", "x")) }.ToJsonString(),
        _ => new JsonObject { ["schemas"] = new JsonArray(PatchOp), ["Operations"] = new JsonArray(1, "x", null) }.ToJsonString(),
    };

    private string RandomId()
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private static JsonObject Operation(string? op, string? path, JsonNode? value)
    {
        var operation = new JsonObject { ["op"] = op };
        if (path is not null)
        {
            operation["path"] = path;
        }

        operation["value"] = value;
        return operation;
    }

    private static string Body(params JsonObject[] operations) =>
        new JsonObject { ["schemas"] = new JsonArray(PatchOp), ["Operations"] = new JsonArray([.. operations]) }.ToJsonString();
}
