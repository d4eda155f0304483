using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ScimEndpoint.Hosting;

/// <summary>The two Kestrel listeners; after start their endpoints carry the ports actually bound (port 0 in tests).</summary>
internal sealed class ListenerPorts
{
    public ListenOptions? Scim { get; set; }

    public ListenOptions? Management { get; set; }

    /// <summary>The bound management port, or -1 before start.</summary>
    public int ManagementPort => Management?.IPEndPoint?.Port ?? -1;

    public bool IsManagement(HttpContext context) => context.Connection.LocalPort == ManagementPort;
}
