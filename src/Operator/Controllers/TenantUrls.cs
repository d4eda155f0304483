using Operator.Api;

namespace Operator.Controllers;

/// <summary>
/// Where Entra reaches a tenant's endpoint. The Tenant URL is <c>spec.endpoint.publicBaseUrl</c> + <c>/scim/v2</c>;
/// else <c>https://&lt;ingress host&gt;/scim/v2</c> (Entra only calls HTTPS); else the in-cluster Service address,
/// which is only useful for tests from inside the cluster.
/// </summary>
internal static class TenantUrls
{
    public const string ScimPath = "/scim/v2";

    /// <summary>Name of the tenant's Service (and Deployment): <c>&lt;tenant&gt;-scim</c>.</summary>
    public static string ServiceName(string tenantName) => tenantName + "-scim";

    public static string Compute(ScimTenant tenant)
    {
        var endpoint = tenant.Spec.Endpoint;
        if (!string.IsNullOrWhiteSpace(endpoint?.PublicBaseUrl))
        {
            return endpoint.PublicBaseUrl.TrimEnd('/') + ScimPath;
        }

        if (!string.IsNullOrWhiteSpace(endpoint?.Ingress?.Host))
        {
            return "https://" + endpoint.Ingress.Host + ScimPath;
        }

        return $"http://{ServiceName(tenant.Metadata.Name)}.{tenant.Metadata.NamespaceProperty}.svc{ScimPath}";
    }
}
