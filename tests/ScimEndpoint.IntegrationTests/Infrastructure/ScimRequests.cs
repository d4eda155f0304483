using System.Text.Json.Nodes;

namespace ScimEndpoint.IntegrationTests.Infrastructure;

/// <summary>Entra-shaped request bodies for the concurrency tests.</summary>
internal static class ScimRequests
{
    private const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    public static string User(string userName) => new JsonObject
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User"),
        ["userName"] = userName,
        ["externalId"] = userName,
        ["active"] = true,
        ["name"] = new JsonObject { ["givenName"] = "Con", ["familyName"] = "Current" },
        ["emails"] = new JsonArray(new JsonObject { ["primary"] = true, ["type"] = "work", ["value"] = userName }),
    }.ToJsonString();

    public static string Group(string displayName) => new JsonObject
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Group"),
        ["displayName"] = displayName,
    }.ToJsonString();

    /// <summary>A PATCH of (op, path, value) operations; a null path is left out.</summary>
    public static string Patch(params (string Op, string? Path, JsonNode? Value)[] operations) => new JsonObject
    {
        ["schemas"] = new JsonArray(PatchOp),
        ["Operations"] = new JsonArray([.. operations.Select(operation =>
        {
            var node = new JsonObject { ["op"] = operation.Op };
            if (operation.Path is not null)
            {
                node["path"] = operation.Path;
            }

            if (operation.Value is not null)
            {
                node["value"] = operation.Value;
            }

            return node;
        })]),
    }.ToJsonString();

    /// <summary>Entra's member form: <c>{"op":"Add|Remove","path":"members","value":[{"$ref":null,"value":id}]}</c>.</summary>
    public static string Members(string op, params string[] userIds) =>
        Patch((op, "members", new JsonArray([.. userIds.Select(id => new JsonObject { ["$ref"] = null, ["value"] = id })])));

    /// <summary>The flagged remove form: <c>members[value eq "id"]</c> with no value.</summary>
    public static string RemoveMemberByFilter(string userId) => Patch(("remove", $"members[value eq \"{userId}\"]", null));
}
