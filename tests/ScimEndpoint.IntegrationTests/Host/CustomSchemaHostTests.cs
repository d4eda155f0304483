using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ScimEndpoint.IntegrationTests.Infrastructure;

namespace ScimEndpoint.IntegrationTests.Host;

/// <summary><c>Scim:CustomSchemas</c> through configuration, over HTTP: discovery, a POST and a GET, a refused filter.</summary>
public sealed class CustomSchemaHostTests
{
    private const string Urn = "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User";

    [Fact]
    public async Task ConfiguredCustomSchema_IsDiscoverableWritableAndReadable()
    {
        await using var server = await ScimServer.StartAsync(new Dictionary<string, string?> { ["Scim:CustomSchemas:0"] = Urn });

        var types = await ScimAssert.JsonAsync(await server.Client.GetAsync("ResourceTypes/User"));
        var schema = await ScimAssert.JsonAsync(await server.Client.GetAsync($"Schemas/{Urn}"));
        var body = $"{{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"{Urn}\"],\"userName\":\"ada@example.com\"," +
            $"\"{Urn}\":{{\"costCentre\":\"42\",\"isContractor\":true}}}}";
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/scim+json");
        var created = await ScimAssert.JsonAsync(await server.Client.PostAsync("Users", content));
        var read = await ScimAssert.JsonAsync(await server.Client.GetAsync($"Users/{(string)created["id"]!}"));
        var filtered = await server.Client.GetAsync($"Users?filter={Uri.EscapeDataString(Urn + ":costCentre eq \"42\"")}");

        Assert.Contains(types["schemaExtensions"]!.AsArray(), e => (string?)e!["schema"] == Urn && !(bool)e["required"]!);
        Assert.Equal(Urn, (string?)schema["id"]);
        Assert.Equal("42", (string?)read[Urn]!["costCentre"]);
        Assert.True((bool)read[Urn]!["isContractor"]!);
        Assert.Contains(Urn, read["schemas"]!.AsArray().Select(s => (string?)s));
        await ScimAssert.ErrorAsync(filtered, HttpStatusCode.BadRequest, "invalidFilter");
    }

    [Fact]
    public async Task WithoutConfiguration_TheUrnIsRefusedAndNotDiscoverable()
    {
        await using var server = await ScimServer.StartAsync();

        var body = $"{{\"userName\":\"ada@example.com\",\"{Urn}\":{{\"costCentre\":\"42\"}}}}";
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/scim+json");

        await ScimAssert.ErrorAsync(await server.Client.PostAsync("Users", content), HttpStatusCode.BadRequest, "invalidValue");
        await ScimAssert.ErrorAsync(await server.Client.GetAsync($"Schemas/{Urn}"), HttpStatusCode.NotFound);
    }
}
