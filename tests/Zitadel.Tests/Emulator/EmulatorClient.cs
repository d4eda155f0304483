using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Emulators.Zitadel;

namespace Zitadel.Tests.Emulator;

/// <summary>Raw HttpClient + JSON access to an emulator, with the admin PAT unless told otherwise.</summary>
internal sealed class EmulatorClient(ZitadelEmulator emulator) : IDisposable
{
    public const string Users = "zitadel.user.v2.UserService";
    public const string Orgs = "zitadel.org.v2.OrganizationService";
    public const string Projects = "zitadel.project.v2.ProjectService";
    public const string Authorizations = "zitadel.authorization.v2.AuthorizationService";
    public const string Permissions = "zitadel.internal_permission.v2.InternalPermissionService";

    private readonly HttpClient _http = new() { BaseAddress = emulator.BaseUri, Timeout = TimeSpan.FromSeconds(30) };

    public string? Token { get; set; } = emulator.AdminPat;

    public string? OrgHeader { get; set; }

    public static async Task<(ZitadelEmulator Emulator, EmulatorClient Client)> StartAsync(
        ZitadelEmulatorOptions? options = null)
    {
        var emulator = await ZitadelEmulator.StartAsync(options, CancellationToken.None);
        return (emulator, new EmulatorClient(emulator));
    }

    /// <summary>A Connect call: <c>POST /{service}/{method}</c> with a JSON body.</summary>
    public Task<EmulatorCall> CallAsync(string service, string method, JsonObject body) =>
        SendAsync(HttpMethod.Post, $"{service}/{method}", body);

    /// <summary>A raw request; <paramref name="path"/> is relative to the base URL.</summary>
    public async Task<EmulatorCall> SendAsync(
        HttpMethod method, string path, JsonObject? body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (Token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        }

        if (OrgHeader is not null)
        {
            request.Headers.Add("x-zitadel-orgid", OrgHeader);
        }

        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = string.IsNullOrEmpty(text) ? [] : JsonNode.Parse(text) as JsonObject ?? [];
        return new EmulatorCall(response.StatusCode, json, response);
    }

    public async Task<string> CreateHumanAsync(string email, string? organizationId = null, JsonObject? extra = null)
    {
        var body = new JsonObject
        {
            ["organizationId"] = organizationId ?? emulator.DefaultOrganizationId,
            ["human"] = new JsonObject
            {
                ["profile"] = new JsonObject { ["givenName"] = "Ada", ["familyName"] = "Lovelace" },
                ["email"] = new JsonObject { ["email"] = email, ["isVerified"] = true },
            },
        };
        foreach (var (name, value) in extra ?? [])
        {
            body[name] = value?.DeepClone();
        }

        var call = await CallAsync(Users, "CreateUser", body);
        Assert.True(call.Status == System.Net.HttpStatusCode.OK, call.Body.ToJsonString());
        return call.Text("id");
    }

    public Task<EmulatorCall> GetUserAsync(string userId) =>
        CallAsync(Users, "GetUserByID", new JsonObject { ["userId"] = userId });

    public void Dispose() => _http.Dispose();
}
