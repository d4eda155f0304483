namespace Emulators.Kubernetes;

/// <summary>The kubeconfig for an emulator: cluster, user and context all named <c>emulator</c>.</summary>
internal static class Kubeconfig
{
    public static string Render(Uri server) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: emulator
          cluster:
            server: {server.ToString().TrimEnd('/')}
        users:
        - name: emulator
          user:
            token: emulator
        contexts:
        - name: emulator
          context:
            cluster: emulator
            user: emulator
            namespace: default
        current-context: emulator
        preferences: {"{}"}

        """;
}
