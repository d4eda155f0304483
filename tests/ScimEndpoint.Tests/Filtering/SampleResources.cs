using System.Text.Json.Nodes;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Tests.Filtering;

/// <summary>Normalized resources in the shape the store hands to the evaluator, plus a type with numeric attributes.</summary>
internal static class SampleResources
{
    public const string UserId = "2819c223-7f76-453a-919d-413861904646";
    public const string ManagerId = "26118915-6090-4610-87e4-49d8ca9f808d";

    public static JsonObject User() => Parse($$"""
        {
          "schemas": ["{{ScimConstants.UserSchema}}", "{{ScimConstants.EnterpriseUserSchema}}"],
          "id": "{{UserId}}",
          "externalId": "bjensen",
          "userName": "bjensen@example.com",
          "name": { "givenName": "Barbara", "familyName": "Jensen" },
          "displayName": "Babs Jensen",
          "title": "",
          "active": true,
          "emails": [
            { "value": "bjensen@example.com", "type": "work", "primary": true },
            { "value": "babs@jensen.org", "type": "home" }
          ],
          "roles": [ { "value": "admin", "primary": true } ],
          "addresses": [],
          "meta": {
            "resourceType": "User",
            "created": "2011-08-01T18:29:49.793Z",
            "lastModified": "2011-08-01T21:32:44.882Z",
            "version": "W/\"3694e05e9dff591\""
          },
          "{{ScimConstants.EnterpriseUserSchema}}": {
            "employeeNumber": "701984",
            "manager": { "value": "{{ManagerId}}" }
          }
        }
        """);

    public static JsonObject Group() => Parse($$"""
        {
          "id": "e9e30dba-f08f-4109-8486-d5c6a331660a",
          "externalId": "tour-guides",
          "displayName": "Tour Guides",
          "members": [
            { "value": "u1", "type": "User" },
            { "value": "g2", "type": "Group" }
          ]
        }
        """);

    /// <summary>A type with the number, binary and dateTime attributes the standard schemas lack.</summary>
    public static readonly ResourceTypeDefinition DeviceType = new(
        "Device",
        "/Devices",
        "Test device",
        new ScimSchema("urn:example:Device", "Device", "Test device", [
            new("age", AttributeType.Integer),
            new("score", AttributeType.Decimal),
            new("enrolled", AttributeType.DateTime),
            new("certificate", AttributeType.Binary) { CaseExact = true },
        ]),
        []);

    public static JsonObject Device() => Parse("""
        { "id": "d1", "age": 42, "score": 2.5, "enrolled": "2024-02-29T12:00:00+01:00", "certificate": "TUlJ" }
        """);

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
