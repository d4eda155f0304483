using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Operator.Api;

namespace Operator.Controllers.Endpoint;

/// <summary>
/// The endpoint's non-secret settings as environment-style keys (<c>Scim__Port</c> is <c>Scim:Port</c>), the data of
/// the ConfigMap the Deployment loads with <c>envFrom</c>, and the hash that rolls the Deployment when they change.
/// </summary>
internal static class EndpointConfig
{
    public const int ScimPort = 8080;
    public const int ManagementPort = 9090;

    /// <summary>The environment variable that carries the endpoint's ZITADEL credential, from a Secret.</summary>
    public const string CredentialVariable = "Scim__Zitadel__PersonalAccessToken";

    /// <summary>The Entra app-role values that can be a ConfigMap key (and so a configuration key).</summary>
    public static bool IsValidAppRoleValue(string value) =>
        value.Length is > 0 and <= 200 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_');

    public static SortedDictionary<string, string> Build(ScimTenant tenant, ZitadelResolution zitadel)
    {
        var name = tenant.Metadata.Name;
        var ns = tenant.Metadata.NamespaceProperty;
        var spec = tenant.Spec;
        var data = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["Scim__Tenant"] = name,
            ["Scim__ListenAddress"] = "0.0.0.0",
            ["Scim__Port"] = ScimPort.ToString(CultureInfo.InvariantCulture),
            ["Scim__ManagementPort"] = ManagementPort.ToString(CultureInfo.InvariantCulture),
            ["Scim__KeySetSecretName"] = KeySetPolicy.SecretName(tenant),
            ["Scim__KeySetSecretNamespace"] = ns,
            ["Scim__Store"] = "Zitadel",
            ["Scim__Zitadel__Url"] = zitadel.Url,
            ["Scim__Zitadel__OrganizationId"] = zitadel.OrganizationId,
            ["Scim__Zitadel__ProjectId"] = zitadel.ProjectId,
            ["Scim__Zitadel__Deprovisioning"] = spec.Provisioning?.Deprovisioning ?? "Delete",
            ["Scim__Zitadel__EmailVerified"] = spec.Provisioning?.EmailVerified is false ? "false" : "true",

            // Several replicas must serialise membership changes through ZITADEL (docs/zitadel-mapping.md).
            ["Scim__Zitadel__MembershipCoordination"] = EndpointManifests.Replicas(tenant) > 1 ? "ProjectRoleLock" : "None",
            ["Scim__Status__TenantName"] = name,
            ["Scim__Status__Namespace"] = ns,
        };
        if (!string.IsNullOrWhiteSpace(spec.Zitadel.IdpId))
        {
            data["Scim__Zitadel__IdpId"] = spec.Zitadel.IdpId;
        }

        foreach (var role in spec.Mappings?.AppRoles ?? [])
        {
            data["Scim__Zitadel__AppRoles__" + role.Value] = string.Join(',', role.RoleKeys);
        }

        // Indexed entries: a metadata key may hold ':', which a ConfigMap key (and so a configuration key) cannot.
        var metadata = spec.Mappings?.Metadata ?? [];
        for (var i = 0; i < metadata.Count; i++)
        {
            var index = i.ToString(CultureInfo.InvariantCulture);
            data[$"Scim__Zitadel__MetadataMappings__{index}__Path"] = metadata[i].Path;
            data[$"Scim__Zitadel__MetadataMappings__{index}__Key"] = metadata[i].Key;
        }

        var customSchemas = spec.Mappings?.CustomSchemas ?? [];
        for (var i = 0; i < customSchemas.Count; i++)
        {
            data["Scim__CustomSchemas__" + i.ToString(CultureInfo.InvariantCulture)] = customSchemas[i];
        }

        if (spec.Mappings?.Groups?.Enabled is false)
        {
            data["Scim__Zitadel__GroupsEnabled"] = "false";
        }

        if (spec.Mappings?.Groups?.RoleGroup is { Length: > 0 } roleGroup)
        {
            data["Scim__Zitadel__GroupRoleGroup"] = roleGroup;
        }

        // Only an address outside the cluster is worth pinning: behind the in-cluster Service address (or a runner
        // playing the kubelet) the endpoint derives Location from the request it serves.
        if (HasPublicAddress(tenant))
        {
            data["Scim__PublicBaseUrl"] = TenantUrls.Compute(tenant);
        }

        return data;
    }

    /// <summary>
    /// Hash of the settings and the credential's version, put on the pod template: a change to either rolls the
    /// Deployment. The key set is not in it: the endpoint watches that Secret and reloads keys live.
    /// </summary>
    public static string Hash(IReadOnlyDictionary<string, string> data, ZitadelResolution zitadel)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in data.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append(key).Append('=').Append(value).Append('\n');
        }

        text.Append("credential=").Append(zitadel.CredentialSecretName).Append('/').Append(zitadel.CredentialKey)
            .Append('@').Append(zitadel.CredentialVersion).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    private static bool HasPublicAddress(ScimTenant tenant) =>
        !string.IsNullOrWhiteSpace(tenant.Spec.Endpoint?.PublicBaseUrl) ||
        !string.IsNullOrWhiteSpace(tenant.Spec.Endpoint?.Ingress?.Host);
}
