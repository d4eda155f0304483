using System.Runtime.InteropServices;
using System.Text;
using Sandbox;

// make demo: the whole system on this machine (see SandboxSystem). Usage:
//   Sandbox [--dir .sandbox] [--scim-port 8080] [--zitadel-port 8090] [--kubernetes-port 6443]
var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(x => x.a[2..], x => x.i + 1 < args.Length ? args[x.i + 1] : "", StringComparer.Ordinal);
var directory = Path.GetFullPath(options.GetValueOrDefault("dir", ".sandbox"));
int Port(string name, int fallback) => int.TryParse(options.GetValueOrDefault(name), out var p) ? p : fallback;
var scimPort = Port("scim-port", 8080);

using var stopping = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stopping.Cancel(); });
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stopping.Cancel(); });

Console.WriteLine("Starting the Kubernetes API emulator, the ZITADEL emulator, the operator and the local kubelet…");
await using var sandbox = await SandboxSystem.StartAsync(directory, Port("zitadel-port", 8090), Port("kubernetes-port", 6443), scimPort);
var publicBaseUrl = $"http://127.0.0.1:{scimPort}";
var (tenant, key) = await sandbox.ApplySamplesAsync(publicBaseUrl);
var token = await sandbox.ReadSecretAsync(key.Status!.SecretName!, "token");
var scimUrl = await sandbox.ReadSecretAsync(key.Status.SecretName!, "tenantUrl");

var env = new StringBuilder()
    .AppendLine($"KUBECONFIG={sandbox.Kubeconfig}")
    .AppendLine($"SCIM_URL={scimUrl}")
    .AppendLine($"SCIM_TOKEN={token}")
    .AppendLine($"ZITADEL_URL={sandbox.Zitadel.BaseUri.ToString().TrimEnd('/')}")
    .AppendLine($"ZITADEL_PAT={sandbox.Zitadel.AdminPat}")
    .AppendLine($"ZITADEL_ORG_ID={sandbox.Demo.OrganizationId}")
    .ToString();
var envFile = Path.Combine(directory, "env");
await File.WriteAllTextAsync(envFile, "");
if (!OperatingSystem.IsWindows())
{
    File.SetUnixFileMode(envFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
}
await File.WriteAllTextAsync(envFile, env);

Console.WriteLine($$"""

    The sandbox is up: ScimTenant '{{tenant.Metadata.Name}}' and ScimKey '{{key.Metadata.Name}}' are Ready.
      Tenant URL   {{scimUrl}}
      Kubernetes   {{sandbox.Client.BaseUri}}   (kubeconfig: {{sandbox.Kubeconfig}})
      ZITADEL      {{sandbox.Zitadel.BaseUri}}
      endpoint logs in {{sandbox.Kubelet.LogDirectory}}

    {{envFile}} holds KUBECONFIG, SCIM_URL, SCIM_TOKEN, ZITADEL_URL, ZITADEL_PAT and ZITADEL_ORG_ID. Try:
      . {{envFile}}; export KUBECONFIG
      kubectl get scimtenants,scimkeys
      curl -s -H "Authorization: Bearer $SCIM_TOKEN" "$SCIM_URL/Users?count=5"
      curl -s -X POST -H "Authorization: Bearer $SCIM_TOKEN" -H 'Content-Type: application/scim+json' "$SCIM_URL/Users" \
        -d '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"alice@example.com","externalId":"00000000-0000-0000-0000-000000000001","name":{"givenName":"Alice","familyName":"Example"},"emails":[{"value":"alice@example.com","primary":true}]}'
      kubectl get scimtenant {{tenant.Metadata.Name}} -o jsonpath='{.status.provisioning}'

    Ctrl-C stops everything.
    """);

try
{
    await Task.Delay(Timeout.Infinite, stopping.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("Stopping…");
}
