using System.Globalization;

namespace Emulators.Kubernetes.Admission;

/// <summary>Hands out Service ClusterIPs from 10.96.0.0/16 in order (10.96.0.1 is the kubernetes Service's).</summary>
internal sealed class ClusterIpAllocator
{
    private int _next = 10;
    private int _nextNodePort = 30000;

    public string Next()
    {
        var n = Interlocked.Increment(ref _next);
        return string.Create(CultureInfo.InvariantCulture, $"10.96.{n / 250}.{(n % 250) + 1}");
    }

    public int NextNodePort() => Interlocked.Increment(ref _nextNodePort);
}
