using System.Net;
using System.Text.Json.Nodes;

namespace ScimEndpoint.IntegrationTests.Infrastructure;

/// <summary>Assertions on SCIM responses.</summary>
internal static class ScimAssert
{
    public const string ErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";

    /// <summary>Checks the status, the SCIM media type and the RFC 7644 §3.12 body; returns the body.</summary>
    public static async Task<JsonObject> ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string? scimType = null)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal(ErrorSchema, (string?)body["schemas"]?[0]);
        Assert.Equal(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)body["status"]);
        Assert.Equal(scimType, (string?)body["scimType"]);
        Assert.False(string.IsNullOrEmpty((string?)body["detail"]));
        return body;
    }

    /// <summary>Checks <c>Content-Type: application/scim+json</c> and parses the body as an object.</summary>
    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/scim+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text)!.AsObject();
    }
}
