using System.Text.RegularExpressions;

namespace ScimEndpoint.Hosting;

/// <summary>The Kubernetes object-name rules the endpoint checks before it puts a name into an API path.</summary>
internal static partial class KubernetesNames
{
    /// <summary>A namespace or a name without dots: a lowercase RFC 1123 label of at most 63 characters.</summary>
    public static bool IsDnsLabel(string value) => DnsLabel().IsMatch(value);

    /// <summary>Most objects' names: lowercase RFC 1123 labels joined by dots, at most 253 characters.</summary>
    public static bool IsDnsSubdomain(string value) => DnsSubdomain().IsMatch(value);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
}
