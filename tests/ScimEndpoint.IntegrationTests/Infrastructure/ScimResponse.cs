using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScimEndpoint.IntegrationTests.Infrastructure;

/// <summary>A response read to the end: status, the headers the tests look at, and the body.</summary>
internal sealed record ScimResponse(
    HttpStatusCode Status, string? ContentType, string? Location, string? ETag, string Body)
{
    public int StatusCode => (int)Status;

    /// <summary>The body as JSON, or null when it is empty or not JSON.</summary>
    public JsonNode? Json
    {
        get
        {
            if (string.IsNullOrWhiteSpace(Body))
            {
                return null;
            }

            try
            {
                return JsonNode.Parse(Body);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>The <c>scimType</c> of a SCIM error body, if any.</summary>
    public string? ScimType => (Json as JsonObject)?["scimType"]?.GetValue<string>();

    public override string ToString() =>
        $"{StatusCode} {ContentType} {(Body.Length <= 300 ? Body : Body[..300] + "…")}";
}
