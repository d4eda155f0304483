using System.Net;
using System.Text;
using Emulators.Zitadel.Faults;
using Sandbox;
using ScimEndpoint.IntegrationTests.Infrastructure;

namespace ScimEndpoint.IntegrationTests.Observability;

/// <summary>
/// What a running system exports, scraped over HTTP after traffic that creates every series the rules and the
/// dashboard read: the sandbox (Kubernetes and ZITADEL emulators, the operator) with config/samples applied, and an
/// in-process endpoint of tenant <c>acme</c> on the ZITADEL store. The first ZITADEL call of each is failed with 503, so
/// both clients retry; requests without and with a wrong token are refused.
/// </summary>
public sealed class ExportedMetrics : IAsyncLifetime
{
    public const string Tenant = "acme";

    private string _directory = "";
    private SandboxSystem? _sandbox;
    private ScimServer? _endpoint;

    internal MetricCatalog Catalog { get; } = new();

    public string OperatorText { get; private set; } = "";

    public string EndpointText { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("scimop-metrics-").FullName;
        _sandbox = await SandboxSystem.StartAsync(_directory).WithTimeout(TestTimeouts.Phase);
        _sandbox.Zitadel.Faults.FailNext(1, FaultKind.Unavailable);
        await _sandbox.ApplySamplesAsync().WithTimeout(TestTimeouts.Phase);

        var demo = _sandbox.Demo;
        _endpoint = await ScimServer.StartAsync(new Dictionary<string, string?>
        {
            ["Scim:Tenant"] = Tenant,
            ["Scim:Store"] = "Zitadel",
            ["Scim:Zitadel:Url"] = _sandbox.Zitadel.BaseUri.ToString(),
            ["Scim:Zitadel:OrganizationId"] = demo.OrganizationId,
            ["Scim:Zitadel:ProjectId"] = demo.ProjectId,
            ["Scim:Zitadel:IdpId"] = demo.IdpId,
            ["Scim:Zitadel:PersonalAccessToken"] = demo.ScimUser.Pat,
        }).WithTimeout(TestTimeouts.Phase);

        // The operator calls CreateUser only while setting the tenant up, which is over: this 503 is the endpoint's,
        // and a 503 is retried even for a create (ZITADEL refused it before executing anything).
        _sandbox.Zitadel.Faults.FailNext(1, FaultKind.Unavailable, "CreateUser");
        using var body = new StringContent(
            """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"metrics@contoso.example","externalId":"0b7e3c2a-1d4f-4c5e-8a9b-0c1d2e3f4a5b"}""",
            Encoding.UTF8, "application/scim+json");
        await Expect(HttpStatusCode.Created, await _endpoint.Client.PostAsync(new Uri("Users", UriKind.Relative), body));
        await Expect(HttpStatusCode.NotFound, await _endpoint.Client.GetAsync(new Uri("Users/no-such-user", UriKind.Relative)));
        using (var anonymous = _endpoint.CreateClient(null))
        {
            await Expect(HttpStatusCode.Unauthorized, await anonymous.GetAsync(new Uri("Users", UriKind.Relative)));
        }

        using (var stranger = _endpoint.CreateClient("scimop_not-a-known-token_0123456789abcdefghijklmnopqrstuvwxyz"))
        {
            await Expect(HttpStatusCode.Unauthorized, await stranger.GetAsync(new Uri("Users", UriKind.Relative)));
        }

        using var http = new HttpClient();
        var operatorMetrics = new Uri(OperatorManagementUri(_sandbox), "metrics");
        await SandboxSystem.WaitAsync(async () =>
        {
            OperatorText = await http.GetStringAsync(operatorMetrics);
            return OperatorText.Contains("scim_key_expiration_timestamp_seconds{", StringComparison.Ordinal)
                && OperatorText.Contains("scim_operator_zitadel_retries_total{", StringComparison.Ordinal);
        }, "the operator's key gauges and ZITADEL retry", () => OperatorText);
        EndpointText = await _endpoint.Management.GetStringAsync(new Uri("metrics", UriKind.Relative));
        Catalog.Add(OperatorText).Add(EndpointText);
    }

    public async Task DisposeAsync()
    {
        if (_endpoint is not null)
        {
            await _endpoint.DisposeAsync();
        }

        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }

    private static async Task Expect(HttpStatusCode expected, HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(expected == response.StatusCode,
                $"expected {expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static Uri OperatorManagementUri(SandboxSystem sandbox) => sandbox.OperatorManagementAddress;
}
