namespace E2E.Tests.Gate;

/// <summary>
/// A fact that needs k3s in Docker: skipped, with the reason <see cref="K3sGate"/> gives, where no Docker engine
/// exists (hack/test.sh prints it under "Skipped tests and why").
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class K3sFactAttribute : FactAttribute
{
    public K3sFactAttribute() => Skip = K3sGate.Current.SkipReason;
}
