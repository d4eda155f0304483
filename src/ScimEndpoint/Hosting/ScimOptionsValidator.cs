using System.Net;
using Microsoft.Extensions.Options;
using ScimEndpoint.Protocol.Schemas;
using ScimEndpoint.Status;
using ScimEndpoint.Storage.Zitadel;

namespace ScimEndpoint.Hosting;

/// <summary>Checks the rules data annotations cannot express, with messages that say how to fix them.</summary>
internal sealed class ScimOptionsValidator : IValidateOptions<ScimOptions>
{
    private static readonly TimeSpan MaxStatusInterval = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, ScimOptions options)
    {
        var failures = new List<string>();
        if (!IPAddress.TryParse(options.ListenAddress, out _))
        {
            failures.Add($"Scim:ListenAddress '{options.ListenAddress}' is not an IP address (e.g. 127.0.0.1 or 0.0.0.0).");
        }

        if (string.IsNullOrWhiteSpace(options.KeySetPath) == string.IsNullOrWhiteSpace(options.KeySetSecretName))
        {
            failures.Add("Set exactly one of Scim:KeySetPath (a key-set JSON file) and Scim:KeySetSecretName " +
                "(a Secret watched through the Kubernetes API).");
        }

        if (options.Port != 0 && options.Port == options.ManagementPort)
        {
            failures.Add($"Scim:Port and Scim:ManagementPort must differ (both are {options.Port}).");
        }

        if (options.PublicBaseUrl is { } url &&
            (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp) ||
             !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment)))
        {
            failures.Add("Scim:PublicBaseUrl must be an absolute http(s) URL without query or fragment.");
        }

        if (options.Store == ScimStoreKind.Zitadel)
        {
            var zitadel = options.Zitadel;
            if (zitadel.Url is not { IsAbsoluteUri: true } zitadelUrl || (zitadelUrl.Scheme != Uri.UriSchemeHttps && zitadelUrl.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add("Scim:Zitadel:Url must be ZITADEL's absolute http(s) URL when Scim:Store is Zitadel.");
            }

            if (string.IsNullOrWhiteSpace(zitadel.OrganizationId))
            {
                failures.Add("Scim:Zitadel:OrganizationId is required when Scim:Store is Zitadel.");
            }

            if (string.IsNullOrWhiteSpace(zitadel.ProjectId))
            {
                // Without it every /Groups request would fail, and Entra reads /Groups even to test the connection.
                failures.Add("Scim:Zitadel:ProjectId is required when Scim:Store is Zitadel: SCIM groups and app roles " +
                    "are roles of the tenant's ZITADEL project.");
            }

            if (string.IsNullOrWhiteSpace(zitadel.PersonalAccessToken) == string.IsNullOrWhiteSpace(zitadel.KeyFilePath))
            {
                failures.Add("Set exactly one of Scim:Zitadel:PersonalAccessToken and Scim:Zitadel:KeyFilePath.");
            }

            ValidateMappings(zitadel, ValidUserType(options.CustomSchemas), failures);
        }

        ValidateCustomSchemas(options.CustomSchemas, failures);
        ValidateStatus(options.Status, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The tenant's metadata mappings and role group (<c>spec.mappings</c>), refused at start when unusable.</summary>
    private static void ValidateMappings(ZitadelSettings zitadel, ResourceTypeDefinition userType, List<string> failures)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < zitadel.MetadataMappings.Count; i++)
        {
            var mapping = zitadel.MetadataMappings[i];
            if (ZitadelMetadataMapping.TryCreate(mapping.Path, mapping.Key, out var problem, userType) is null)
            {
                failures.Add($"Scim:Zitadel:MetadataMappings:{i}: {problem}.");
            }
            else if (!keys.Add(mapping.Key!))
            {
                failures.Add($"Scim:Zitadel:MetadataMappings:{i}: key '{mapping.Key}' is mapped twice.");
            }
        }

        var roleGroup = zitadel.GroupRoleGroup;
        if (string.IsNullOrWhiteSpace(roleGroup) || roleGroup.Length > 63 || roleGroup.Contains(':', StringComparison.Ordinal))
        {
            failures.Add($"Scim:Zitadel:GroupRoleGroup '{roleGroup}' must be 1-63 characters without ':' (which separates " +
                "a group's externalId).");
        }
    }

    /// <summary>The User type with the valid custom schemas, against which metadata mapping paths resolve.</summary>
    private static ResourceTypeDefinition ValidUserType(List<string> customSchemas) =>
        new ScimResourceTypes(customSchemas.Where(u => CustomExtensions.Problem(u) is null)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList()).User;

    /// <summary>The tenant's custom-extension URNs (<c>spec.mappings.customSchemas</c>).</summary>
    private static void ValidateCustomSchemas(List<string> customSchemas, List<string> failures)
    {
        if (customSchemas.Count > CustomExtensions.MaxSchemas)
        {
            failures.Add($"Scim:CustomSchemas lists {customSchemas.Count} URNs; at most {CustomExtensions.MaxSchemas} are allowed.");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < customSchemas.Count; i++)
        {
            if (CustomExtensions.Problem(customSchemas[i]) is { } problem)
            {
                failures.Add($"Scim:CustomSchemas:{i}: {problem}.");
            }
            else if (!seen.Add(customSchemas[i]))
            {
                failures.Add($"Scim:CustomSchemas:{i}: '{customSchemas[i]}' is listed twice.");
            }
        }
    }

    private static void ValidateStatus(ProvisioningStatusSettings status, List<string> failures)
    {
        if (status.TenantName is { } tenant && !string.IsNullOrWhiteSpace(tenant) && !KubernetesNames.IsDnsSubdomain(tenant))
        {
            failures.Add($"Scim:Status:TenantName '{tenant}' is not a Kubernetes object name (lowercase DNS subdomain).");
        }

        if (status.Namespace is { } ns && !string.IsNullOrWhiteSpace(ns) && !KubernetesNames.IsDnsLabel(ns))
        {
            failures.Add($"Scim:Status:Namespace '{ns}' is not a Kubernetes namespace name (lowercase DNS label).");
        }

        if (status.Interval < ProvisioningStatusSettings.MinimumInterval || status.Interval > MaxStatusInterval)
        {
            failures.Add("Scim:Status:Interval must be between 00:00:10 and 00:05:00 (at most one status write per " +
                "object every 10 s).");
        }
    }
}
