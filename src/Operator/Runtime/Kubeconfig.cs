using System.Globalization;
using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Operator.Runtime;

/// <summary>
/// Finds and reads the client configuration without KubernetesClient's YAML object mapper, which orders members by
/// metadata tokens and so cannot run in the native (NativeAOT) build. Kubeconfig files are read here as a YAML
/// document tree into KubernetesClient's own <see cref="K8SConfiguration"/> model and then handed to
/// <see cref="KubernetesClientConfiguration.BuildConfigFromConfigObject"/>, so TLS, tokens, client certificates,
/// exec plugins and auth providers behave exactly as KubernetesClient implements them.
/// </summary>
/// <remarks>
/// The order of sources is KubernetesClient's (<see cref="KubernetesClientConfiguration.BuildDefaultConfig"/>): an
/// explicit file; else <c>$KUBECONFIG</c> (a list of files, merged as kubectl does: the first file that names a
/// cluster, user or context wins, and the first <c>current-context</c> wins); else <c>~/.kube/config</c>; else the
/// pod's service account (in-cluster). Unlike KubernetesClient it never falls back to <c>http://localhost:8080</c>:
/// an operator with no configuration stops with an error that says where it looked.
/// Errors name the file and the YAML position, never its content (a kubeconfig holds credentials).
/// </remarks>
internal static class Kubeconfig
{
    /// <summary>The configuration from <paramref name="path"/> when given, otherwise from the default sources.</summary>
    public static KubernetesClientConfiguration Build(string? path, IReadOnlyDictionary<string, string?>? environment = null)
    {
        string? Env(string name) => environment is null ? Environment.GetEnvironmentVariable(name) : environment.GetValueOrDefault(name);

        if (!string.IsNullOrEmpty(path))
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigObject(Load([path]));
        }

        if (Env("KUBECONFIG") is { Length: > 0 } list)
        {
            var files = list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var existing = files.Where(File.Exists).ToArray();
            if (existing.Length == 0)
            {
                throw new KubeConfigException($"None of the files in KUBECONFIG exists: {string.Join(", ", files)}.");
            }

            return KubernetesClientConfiguration.BuildConfigFromConfigObject(Load(existing));
        }

        var home = Env("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var fallback = Path.Combine(home, ".kube", "config");
        if (File.Exists(fallback))
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigObject(Load([fallback]));
        }

        if (KubernetesClientConfiguration.IsInCluster())
        {
            return KubernetesClientConfiguration.InClusterConfig();
        }

        throw new KubeConfigException(
            $"No Kubernetes configuration: Operator:Kubeconfig and KUBECONFIG are unset, {fallback} does not exist, " +
            "and this is not a pod with a service account (KUBERNETES_SERVICE_HOST/PORT and its token).");
    }

    /// <summary>Reads and merges kubeconfig files (first wins); relative file references are made absolute.</summary>
    public static K8SConfiguration Load(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        K8SConfiguration? merged = null;
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            string text;
            try
            {
                text = File.ReadAllText(full);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new KubeConfigException($"Cannot read the kubeconfig {full} ({e.GetType().Name}).", e);
            }

            var config = Parse(text, full);
            merged = merged is null ? config : Merge(merged, config);
        }

        return merged ?? throw new KubeConfigException("No kubeconfig file was given.");
    }

    /// <summary>Reads one kubeconfig document (YAML or JSON); <paramref name="fileName"/> anchors relative paths.</summary>
    public static K8SConfiguration Parse(string text, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var where = fileName ?? "the kubeconfig";
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new KubeConfigException(
                $"{where} is not valid YAML at line {e.Start.Line}, column {e.Start.Column}.", e);
        }

        var root = stream.Documents.Count == 0 ? new YamlMappingNode() : stream.Documents[0].RootNode;
        var reader = new Reader(where, fileName is null ? null : Path.GetDirectoryName(fileName));
        return reader.Configuration(root, fileName);
    }

    private static K8SConfiguration Merge(K8SConfiguration first, K8SConfiguration next) => new()
    {
        ApiVersion = first.ApiVersion ?? next.ApiVersion,
        Kind = first.Kind ?? next.Kind,
        FileName = first.FileName,
        CurrentContext = string.IsNullOrEmpty(first.CurrentContext) ? next.CurrentContext : first.CurrentContext,
        Preferences = first.Preferences ?? next.Preferences,
        Clusters = Union(first.Clusters, next.Clusters, c => c.Name),
        Users = Union(first.Users, next.Users, u => u.Name),
        Contexts = Union(first.Contexts, next.Contexts, c => c.Name),
    };

    private static List<T> Union<T>(IEnumerable<T>? first, IEnumerable<T>? next, Func<T, string> name)
    {
        var result = (first ?? []).ToList();
        var names = result.Select(name).ToHashSet(StringComparer.Ordinal);
        result.AddRange((next ?? []).Where(item => names.Add(name(item))));
        return result;
    }

    /// <summary>Maps the YAML tree onto the model; <see cref="KubeConfigException"/> names the file and the position.</summary>
    private sealed class Reader(string where, string? directory)
    {
        public K8SConfiguration Configuration(YamlNode node, string? fileName)
        {
            var map = Map(node, "the document");
            return new K8SConfiguration
            {
                FileName = fileName,
                ApiVersion = Text(map, "apiVersion"),
                Kind = Text(map, "kind"),
                CurrentContext = Text(map, "current-context"),
                Preferences = Child(map, "preferences") is YamlMappingNode preferences
                    ? preferences.Children.ToDictionary(p => Scalar(p.Key, "a preference name"), p => (object)Plain(p.Value))
                    : null,
                Clusters = Items(map, "clusters", item => new Cluster
                {
                    Name = Name(item, "clusters"),
                    ClusterEndpoint = Child(item, "cluster") is { } cluster ? Endpoint(Map(cluster, "cluster")) : null,
                }),
                Users = Items(map, "users", item => new User
                {
                    Name = Name(item, "users"),
                    UserCredentials = Child(item, "user") is { } user ? Credentials(Map(user, "user")) : null,
                }),
                Contexts = Items(map, "contexts", item => new Context
                {
                    Name = Name(item, "contexts"),
                    ContextDetails = Child(item, "context") is { } context ? Details(Map(context, "context")) : null,
                }),
            };
        }

        private ClusterEndpoint Endpoint(YamlMappingNode map) => new()
        {
            Server = Text(map, "server"),
            CertificateAuthority = FilePath(Text(map, "certificate-authority")),
            CertificateAuthorityData = Text(map, "certificate-authority-data"),
            TlsServerName = Text(map, "tls-server-name"),
            SkipTlsVerify = Flag(map, "insecure-skip-tls-verify"),
        };

        private UserCredentials Credentials(YamlMappingNode map) => new()
        {
            ClientCertificate = FilePath(Text(map, "client-certificate")),
            ClientCertificateData = Text(map, "client-certificate-data"),
            ClientKey = FilePath(Text(map, "client-key")),
            ClientKeyData = Text(map, "client-key-data"),
            Token = Text(map, "token"),
            UserName = Text(map, "username"),
            Password = Text(map, "password"),
            Impersonate = Text(map, "as"),
            ImpersonateGroups = Child(map, "as-groups") is { } groups ? Strings(groups, "as-groups") : [],
            AuthProvider = Child(map, "auth-provider") is { } provider ? AuthProvider(Map(provider, "auth-provider")) : null,
            ExternalExecution = Child(map, "exec") is { } exec ? Exec(Map(exec, "exec")) : null,
        };

        private AuthProvider AuthProvider(YamlMappingNode map) => new()
        {
            Name = Text(map, "name"),
            Config = Child(map, "config") is { } config
                ? Map(config, "auth-provider config").Children.ToDictionary(
                    p => Scalar(p.Key, "an auth-provider config name"), p => Scalar(p.Value, "an auth-provider config value"))
                : null,
        };

        private ExternalExecution Exec(YamlMappingNode map) => new()
        {
            ApiVersion = Text(map, "apiVersion"),
            Command = Text(map, "command"),
            Arguments = Child(map, "args") is { } args ? Strings(args, "exec args") : null,
            EnvironmentVariables = Child(map, "env") is { } env
                ? Sequence(env, "exec env").Select(e => new Dictionary<string, string>
                {
                    ["name"] = Text(Map(e, "exec env entry"), "name") ?? "",
                    ["value"] = Text(Map(e, "exec env entry"), "value") ?? "",
                }).ToList()
                : null,
            InstallHint = Text(map, "installHint"),
            ProvideClusterInfo = Flag(map, "provideClusterInfo"),
        };

        private ContextDetails Details(YamlMappingNode map) => new()
        {
            Cluster = Text(map, "cluster"),
            User = Text(map, "user"),
            Namespace = Text(map, "namespace"),
        };

        private List<T> Items<T>(YamlMappingNode map, string key, Func<YamlMappingNode, T> read) =>
            Child(map, key) is { } list ? Sequence(list, key).Select(item => read(Map(item, $"an entry of {key}"))).ToList() : [];

        private string Name(YamlMappingNode item, string list) =>
            Text(item, "name") is { Length: > 0 } name ? name : throw Error(item, $"an entry of {list} has no name");

        private string? FilePath(string? path) =>
            string.IsNullOrEmpty(path) || directory is null || Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(directory, path));

        private static YamlNode? Child(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var value) && !IsNull(value) ? value : null;

        private string? Text(YamlMappingNode map, string key) => Child(map, key) is { } value ? Scalar(value, key) : null;

        /// <summary>A YAML boolean, in the YAML 1.1 spellings kubectl accepts too (true/false, yes/no, on/off).</summary>
        private bool Flag(YamlMappingNode map, string key) => Text(map, key)?.ToUpperInvariant() switch
        {
            null => false,
            "TRUE" or "YES" or "ON" or "Y" => true,
            "FALSE" or "NO" or "OFF" or "N" => false,
            _ => throw Error(map, $"{key} must be true or false"),
        };

        private YamlMappingNode Map(YamlNode node, string what) =>
            node as YamlMappingNode ?? (IsNull(node) ? new YamlMappingNode() : throw Error(node, $"{what} must be a mapping"));

        private YamlSequenceNode Sequence(YamlNode node, string what) =>
            node as YamlSequenceNode ?? throw Error(node, $"{what} must be a list");

        private List<string> Strings(YamlNode node, string what) => Sequence(node, what).Select(n => Scalar(n, what)).ToList();

        private string Scalar(YamlNode node, string what) =>
            node is YamlScalarNode { Value: var value } ? value ?? "" : throw Error(node, $"{what} must be a single value");

        private static object Plain(YamlNode node) => node switch
        {
            YamlScalarNode scalar => scalar.Value ?? "",
            YamlSequenceNode sequence => sequence.Select(Plain).ToList(),
            YamlMappingNode mapping => mapping.Children.ToDictionary(p => Plain(p.Key).ToString() ?? "", p => Plain(p.Value)),
            _ => "",
        };

        private static bool IsNull(YamlNode node) =>
            node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "null" or "~" };

        private KubeConfigException Error(YamlNode node, string message) => new(string.Create(
            CultureInfo.InvariantCulture, $"{where}, line {node.Start.Line}, column {node.Start.Column}: {message}."));
    }
}
