using Emulators.Zitadel;
using k8s;
using k8s.Models;
using Operator.Api;
using Operator.Controllers;
using Operator.Controllers.Zitadel;
using Operator.Keys;
using ScimBench;
using Xunit.Abstractions;

namespace Operator.IntegrationTests;

/// <summary>
/// The operator as it ships: the NativeAOT binary (<c>make native</c>) as its own process against the Kubernetes and
/// ZITADEL emulators, authenticated by a kubeconfig exec credential plugin. The other suites run the same code
/// JIT-compiled in process; this one catches what only the native build can get wrong (reflection, trimmed members,
/// JSON metadata such as watch ERROR events and exec credentials, start-up).
/// </summary>
public sealed class NativeOperatorTests(ITestOutputHelper output)
{
    [NativeFact]
    public async Task The_native_operator_reconciles_a_tenant_and_its_keys_and_stops_cleanly()
    {
        await using var zitadel = await ZitadelEmulator.StartAsync();
        await using var cluster = await OperatorCluster.StartAsync();
        await ZitadelStepTests.CreateCredentialsAsync(cluster, zitadel.AdminPat);
        var port = ChildProcess.FreePort();
        string[] args =
        [
            $"--urls=http://127.0.0.1:{port}",
            "--Operator:Kubeconfig=" + ExecKubeconfig(cluster),
            "--Operator:LeaderElection:Namespace=" + cluster.Namespace,
            "--Operator:Namespaces:0=" + cluster.Namespace,
            "--Operator:LeaderElection:Identity=native-0",
            .. ZitadelStepTests.FastResync.Select(s => $"--{s.Key}={s.Value}"),
        ];
        using var process = ChildProcess.Start(
            "Operator.dll", args, new Dictionary<string, string>(), directory: null,
            executable: Environment.GetEnvironmentVariable(NativeFactAttribute.Variable), keepLines: int.MaxValue);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            await process.WaitReadyAsync(new Uri(http.BaseAddress, "/readyz"), OperatorCluster.Timeout, CancellationToken.None);

            await cluster.CreateAsync(ZitadelStepTests.Tenant(cluster, zitadel, spec =>
            {
                spec.Zitadel.Organization = new ZitadelObjectRef { Name = "Acme", Create = true };
                spec.ServiceUser = new ServiceUserSpec { InstanceRoles = ["IAM_OWNER_VIEWER", "IAM_USER_MANAGER"] };
            }));
            await cluster.CreateKeyAsync("entra", "acme");

            var tenant = await cluster.WaitForAsync<ScimTenant>("acme", t => t.Status?.Conditions?.Any(c =>
                c.Type == ZitadelStep.Condition && c.Status == "True" && c.Reason == "Reconciled") == true && t.Status.ActiveKeys == 1,
                "ZitadelReady=True and one active key");
            var key = await cluster.WaitForKeyAsync("entra", "True", "Issued");
            var token = OperatorCluster.Text((await cluster.GetSecretAsync("entra-scim-token"))!, "token");
            Assert.True(ScimToken.IsWellFormed(token));
            Assert.Equal(ScimToken.Fingerprint(ScimToken.Sha256Hex(token)), key.Status!.Fingerprint);
            Assert.Equal(key.Metadata.Generation, key.Status.ObservedGeneration);
            Assert.Contains(ScimKeyReconciler.Finalizer, key.Metadata.Finalizers);
            Assert.Contains(zitadel.State.ProjectRoles, r => r.Key == "admin" && r.DisplayName == "Administrator");
            Assert.Equal(2, tenant.Status!.RolesInSync);
            var keySet = OperatorCluster.Text((await cluster.GetSecretAsync("acme-scim-keyset"))!, "keys.json");
            Assert.Contains(ScimToken.Sha256Hex(token), keySet, StringComparison.Ordinal);

            // The endpoint step applied its objects with server-side apply, owned by the tenant.
            var deployments = await cluster.Client.AppsV1.ListNamespacedDeploymentAsync(cluster.Namespace);
            var deployment = Assert.Single(deployments.Items);
            Assert.Equal(tenant.Metadata.Uid, Assert.Single(deployment.Metadata.OwnerReferences).Uid);

            // Compacted history: every informer's next watch gets a 410 ERROR event, which must read as "expired" (a
            // relist), not as an unreadable event.
            // A write outside the watched namespace moves the cluster's resourceVersion past every informer's.
            await cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(
                new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "elsewhere" } }, "default");
            cluster.Api.CompactHistory();
            cluster.Api.DropWatches();
            await OperatorCluster.EventuallyAsync(
                () => Task.FromResult(process.Output().Contains("(expired) from resourceVersion", StringComparison.Ordinal)),
                "a watch restarted as expired after the 410", process.Output);
            await cluster.CreateKeyAsync("second", "acme");
            await cluster.WaitForKeyAsync("second", "True", "Issued");
            await cluster.DeleteAsync<ScimKey>("second");

            var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            Assert.Contains("controller_runtime_reconcile_total{controller=\"scimkey\",result=\"success\"}", metrics, StringComparison.Ordinal);
            Assert.Contains("scim_key_ready_status{", metrics, StringComparison.Ordinal);
            Assert.Contains("leader_election_master_status{", metrics, StringComparison.Ordinal);

            // Deletes run the finalizers: the key leaves the key set, then the tenant goes.
            await cluster.DeleteAsync<ScimKey>("entra");
            await OperatorCluster.EventuallyAsync(async () => await cluster.GetAsync<ScimKey>("entra") is null &&
                !OperatorCluster.Text((await cluster.GetSecretAsync("acme-scim-keyset"))!, "keys.json")
                    .Contains(ScimToken.Sha256Hex(token), StringComparison.Ordinal), "the key deleted and out of the key set", process.Output);
            await cluster.DeleteAsync<ScimTenant>("acme");
            await OperatorCluster.EventuallyAsync(async () => await cluster.GetAsync<ScimTenant>("acme") is null, "the tenant deleted", process.Output);

            Assert.Equal(0, await process.TerminateAsync(TimeSpan.FromSeconds(15)));
            Assert.DoesNotContain(token, process.Output(), StringComparison.Ordinal);
            Assert.DoesNotContain("native-exec-token", process.Output(), StringComparison.Ordinal);
            Assert.DoesNotContain("\"LogLevel\":\"Error\"", process.Output(), StringComparison.Ordinal);
            Assert.DoesNotContain("NotSupportedException", process.Output(), StringComparison.Ordinal);
            Assert.DoesNotContain("reported an error", process.Output(), StringComparison.Ordinal);
        }
        finally
        {
            output.WriteLine(process.Output());
        }
    }

    /// <summary>A kubeconfig for the emulator whose user is an exec credential plugin (a shell script).</summary>
    private static string ExecKubeconfig(OperatorCluster cluster)
    {
        var directory = Path.GetDirectoryName(cluster.Kubeconfig)!;
        var plugin = Path.Combine(directory, "credential-plugin.sh");
        File.WriteAllText(plugin, """
            #!/bin/sh
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"native-exec-token"}}'
            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var kubeconfig = Path.Combine(directory, "kubeconfig-exec");
        File.WriteAllText(kubeconfig, $$"""
            apiVersion: v1
            kind: Config
            current-context: native
            clusters:
            - name: emulator
              cluster:
                server: "{{cluster.Api.BaseUri}}"
            contexts:
            - name: native
              context:
                cluster: emulator
                user: plugin
            users:
            - name: plugin
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: {{plugin}}
            """);
        return kubeconfig;
    }
}

/// <summary>
/// A fact that runs when <c>SCIMOP_NATIVE_OPERATOR</c> names the native operator binary (<c>make test</c> publishes
/// it with <c>make native</c> and sets the variable); otherwise it is skipped and says so.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class NativeFactAttribute : FactAttribute
{
    public const string Variable = "SCIMOP_NATIVE_OPERATOR";

    public NativeFactAttribute()
    {
        var binary = Environment.GetEnvironmentVariable(Variable);
        Skip = string.IsNullOrWhiteSpace(binary)
            ? $"set {Variable} to the native operator binary (make native publishes artifacts/native/Operator; make test sets it)"
            : File.Exists(binary) ? null : $"{Variable} names {binary}, which does not exist";
    }
}
