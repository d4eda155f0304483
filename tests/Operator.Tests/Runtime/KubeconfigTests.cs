using System.Text.Json;
using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;
using Operator.Runtime;

namespace Operator.Tests.Runtime;

/// <summary>
/// <see cref="Kubeconfig"/> reads kubeconfig files without KubernetesClient's YAML mapper (which the native build
/// cannot run); KubernetesClient's own loader is the reference it must agree with.
/// </summary>
public sealed class KubeconfigTests : IDisposable
{
    private const string Full = """
        apiVersion: v1
        kind: Config
        current-context: dev
        preferences:
          colors: "on"
        clusters:
        - name: prod
          cluster:
            server: https://prod.example.test:6443
            certificate-authority-data: Y2EtZGF0YQ==
            tls-server-name: api.prod.example.test
        - name: dev
          cluster:
            server: https://127.0.0.1:6443
            certificate-authority: ca.crt
            insecure-skip-tls-verify: true
        contexts:
        - name: dev
          context:
            cluster: dev
            user: alice
            namespace: team-a
        - name: prod
          context:
            cluster: prod
            user: robot
        users:
        - name: alice
          user:
            client-certificate: certs/alice.crt
            client-key: /etc/keys/alice.key
            as: bob
            as-groups: [ops, dev]
        - name: robot
          user:
            token: not-a-real-token
        - name: basic
          user:
            username: admin
            password: not-a-real-password
        - name: plugin
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: kubelogin
              args: [get-token, --server-id, abc]
              env:
              - name: AZURE_CONFIG_DIR
                value: /tmp/az
              installHint: install kubelogin
              provideClusterInfo: false
        - name: oidc
          user:
            auth-provider:
              name: oidc
              config:
                client-id: kubernetes
                idp-issuer-url: https://issuer.example.test
        - name: empty
          user:
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("kubeconfig-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Parse_ReadsEveryFieldKubernetesClientReads()
    {
        var path = Write("config", Full);

        var ours = Kubeconfig.Load([path]);
        var theirs = KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(path), useRelativePaths: true);

        // KubernetesClient keeps relative file names and resolves them when building; Kubeconfig resolves them on load.
        Assert.Equal(Comparable(theirs, _directory), Comparable(ours, _directory));
        var dev = Assert.Single(ours.Clusters, c => c.Name == "dev").ClusterEndpoint;
        Assert.True(dev.SkipTlsVerify);
        Assert.Equal(Path.Combine(_directory, "ca.crt"), dev.CertificateAuthority);
        var alice = Assert.Single(ours.Users, u => u.Name == "alice").UserCredentials;
        Assert.Equal(Path.Combine(_directory, "certs", "alice.crt"), alice.ClientCertificate);
        Assert.Equal("/etc/keys/alice.key", alice.ClientKey);
        Assert.Equal(["ops", "dev"], alice.ImpersonateGroups);
        Assert.Equal(["get-token", "--server-id", "abc"], Assert.Single(ours.Users, u => u.Name == "plugin").UserCredentials.ExternalExecution.Arguments);
    }

    [Fact]
    public void Build_GivesTheSameClientSettingsAsKubernetesClient()
    {
        // No CA data here: KubernetesClient parses it as a certificate when building.
        var path = Write("config", Full
            .Replace("current-context: dev", "current-context: prod", StringComparison.Ordinal)
            .Replace("certificate-authority-data: Y2EtZGF0YQ==", "", StringComparison.Ordinal));

        var ours = Kubeconfig.Build(path);
        var theirs = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);

        Assert.Equal(theirs.Host, ours.Host);
        Assert.Equal(theirs.AccessToken, ours.AccessToken);
        Assert.Equal(theirs.TlsServerName, ours.TlsServerName);
        Assert.Equal(theirs.SkipTlsVerify, ours.SkipTlsVerify);
        Assert.Equal(theirs.CurrentContext, ours.CurrentContext);
        Assert.Equal("not-a-real-token", ours.AccessToken);
    }

    [Fact]
    public void Build_MergesKubeconfigListFirstFileWins()
    {
        var first = Write("first", """
            current-context: a
            clusters:
            - name: shared
              cluster: { server: "https://first.example.test" }
            contexts:
            - name: a
              context: { cluster: shared, user: u }
            users:
            - name: u
              user: { token: first-token }
            """);
        var second = Write("second", """
            current-context: b
            clusters:
            - name: shared
              cluster: { server: "https://second.example.test" }
            - name: only-second
              cluster: { server: "https://only.example.test" }
            contexts:
            - name: b
              context: { cluster: only-second, user: u }
            users:
            - name: u
              user: { token: second-token }
            """);
        var environment = new Dictionary<string, string?>
        {
            ["KUBECONFIG"] = string.Join(Path.PathSeparator, first, Path.Combine(_directory, "missing"), second),
            ["HOME"] = _directory,
        };

        var config = Kubeconfig.Build(null, environment);
        var merged = Kubeconfig.Load([first, second]);

        Assert.Equal("https://first.example.test", config.Host);
        Assert.Equal("first-token", config.AccessToken);
        Assert.Equal("a", merged.CurrentContext);
        Assert.Equal(["shared", "only-second"], merged.Clusters.Select(c => c.Name));
        Assert.Equal(["a", "b"], merged.Contexts.Select(c => c.Name));
    }

    [Fact]
    public void Build_FallsBackToHomeThenFailsClearlyInsteadOfLocalhost()
    {
        Write(Path.Combine(".kube", "config"), """
            current-context: c
            clusters: [{ name: k, cluster: { server: "https://home.example.test" } }]
            contexts: [{ name: c, context: { cluster: k, user: u } }]
            users: [{ name: u, user: { token: t } }]
            """);
        var home = new Dictionary<string, string?> { ["HOME"] = _directory };
        var nowhere = new Dictionary<string, string?> { ["HOME"] = Path.Combine(_directory, "nobody") };
        var missingList = new Dictionary<string, string?> { ["KUBECONFIG"] = Path.Combine(_directory, "gone"), ["HOME"] = _directory };

        Assert.Equal("https://home.example.test", Kubeconfig.Build(null, home).Host);
        if (!KubernetesClientConfiguration.IsInCluster())
        {
            var none = Assert.Throws<KubeConfigException>(() => Kubeconfig.Build(null, nowhere));
            Assert.Contains("No Kubernetes configuration", none.Message, StringComparison.Ordinal);
        }

        var listed = Assert.Throws<KubeConfigException>(() => Kubeconfig.Build(null, missingList));
        Assert.Contains("None of the files in KUBECONFIG exists", listed.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("users:\n- name: u\n  user:\n    token: [not-a-real-token\n", "not valid YAML at line")]
    [InlineData("clusters: not-a-list-secret-value\n", "clusters must be a list")]
    [InlineData("users:\n- user:\n    token: not-a-real-token\n", "an entry of users has no name")]
    [InlineData("clusters:\n- name: c\n  cluster:\n    insecure-skip-tls-verify: maybe-secret-value\n", "insecure-skip-tls-verify must be true or false")]
    [InlineData("users:\n- name: u\n  user:\n    token: { a: not-a-real-token }\n", "token must be a single value")]
    public void Parse_BadFiles_SayWhereAndWhatButNeverTheContent(string yaml, string expected)
    {
        var path = Write("bad", yaml);

        var error = Assert.Throws<KubeConfigException>(() => Kubeconfig.Load([path]));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-real-token", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("yes", true)]
    [InlineData("On", true)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    [InlineData("", false)]
    public void Parse_Booleans_TakeTheYaml11Spellings(string value, bool expected)
    {
        var config = Kubeconfig.Parse($"clusters:\n- name: c\n  cluster:\n    insecure-skip-tls-verify: {value}\n");

        Assert.Equal(expected, Assert.Single(config.Clusters).ClusterEndpoint.SkipTlsVerify);
    }

    [Fact]
    public void Parse_EmptyFileAndJson_AreKubeconfigsToo()
    {
        var empty = Kubeconfig.Parse("");
        var json = Kubeconfig.Parse("""{"current-context":"c","clusters":[{"name":"k","cluster":{"server":"https://j.example.test"}}]}""");

        Assert.Empty(empty.Clusters);
        Assert.Equal("c", json.CurrentContext);
        Assert.Equal("https://j.example.test", Assert.Single(json.Clusters).ClusterEndpoint.Server);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>The fields both loaders fill, as JSON (extensions are not read by either for client settings).</summary>
    private static string Comparable(K8SConfiguration config, string directory)
    {
        string? Full(string? path) => path is null || Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(directory, path));
        return JsonSerializer.Serialize(new
    {
        config.ApiVersion,
        config.Kind,
        config.CurrentContext,
        Preferences = config.Preferences?.ToDictionary(p => p.Key, p => p.Value?.ToString()),
        Clusters = config.Clusters?.Select(c => new
        {
            c.Name,
            c.ClusterEndpoint?.Server,
            CertificateAuthority = Full(c.ClusterEndpoint?.CertificateAuthority),
            c.ClusterEndpoint?.CertificateAuthorityData,
            c.ClusterEndpoint?.TlsServerName,
            c.ClusterEndpoint?.SkipTlsVerify,
        }),
        Contexts = config.Contexts?.Select(c => new { c.Name, c.ContextDetails?.Cluster, c.ContextDetails?.User, c.ContextDetails?.Namespace }),
        Users = config.Users?.Select(u => new
        {
            u.Name,
            ClientCertificate = Full(u.UserCredentials?.ClientCertificate),
            u.UserCredentials?.ClientCertificateData,
            ClientKey = Full(u.UserCredentials?.ClientKey),
            u.UserCredentials?.ClientKeyData,
            u.UserCredentials?.Token,
            u.UserCredentials?.UserName,
            u.UserCredentials?.Password,
            u.UserCredentials?.Impersonate,
            u.UserCredentials?.ImpersonateGroups,
            AuthProvider = u.UserCredentials?.AuthProvider is { } a ? new { a.Name, a.Config } : null,
            Exec = u.UserCredentials?.ExternalExecution is { } e
                ? new { e.ApiVersion, e.Command, e.Arguments, e.EnvironmentVariables, e.InstallHint, e.ProvideClusterInfo }
                : null,
        }),
    });
    }
}
