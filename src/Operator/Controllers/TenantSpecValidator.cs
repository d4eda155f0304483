using Operator.Api;

namespace Operator.Controllers;

/// <summary>
/// The ScimTenant rules the operator relies on, checked again in the controller: the CRD's schema and CEL rules
/// stop bad specs at the API server, but an older server without CEL, or a CRD applied without them, would let
/// them through. Each problem names its field path.
/// </summary>
internal static class TenantSpecValidator
{
    public static IReadOnlyList<string> Validate(ScimTenantSpec spec)
    {
        var errors = new List<string>();

        // Without the CRD's schema an explicit null can reach these objects; report it instead of failing.
        if (spec.Zitadel is null)
        {
            return ["spec.zitadel: required"];
        }

        if (spec.Zitadel.Organization is null || spec.Zitadel.Project is null || spec.Zitadel.CredentialsSecretRef is null)
        {
            return ["spec.zitadel: organization, project and credentialsSecretRef are required"];
        }

        if (!IsHttpUrl(spec.Zitadel.Url))
        {
            errors.Add("spec.zitadel.url: must be an absolute http(s) URL");
        }

        CheckRef(spec.Zitadel.Organization, "spec.zitadel.organization", errors);
        CheckRef(spec.Zitadel.Project, "spec.zitadel.project", errors);
        if (string.IsNullOrWhiteSpace(spec.Zitadel.CredentialsSecretRef.Name))
        {
            errors.Add("spec.zitadel.credentialsSecretRef.name: required");
        }

        if (spec.Roles is { } roles)
        {
            for (var i = 0; i < roles.Count; i++)
            {
                if (roles[i] is null)
                {
                    errors.Add($"spec.roles[{i}]: must not be null");
                }
                else if (string.IsNullOrWhiteSpace(roles[i].Key))
                {
                    errors.Add($"spec.roles[{i}].key: required");
                }
                else if (Zitadel.RolePlan.IsEndpointOwned(roles[i].Key))
                {
                    errors.Add($"spec.roles[{i}].key: '{roles[i].Key}' starts with '{Zitadel.RolePlan.GroupPrefix}' or " +
                        $"'{Zitadel.RolePlan.LockPrefix}', which the endpoint keeps for the roles it creates (SCIM groups, " +
                        "membership locks)");
                }
            }

            foreach (var duplicate in roles.Where(r => r is not null).GroupBy(r => r.Key, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                errors.Add($"spec.roles: role key '{duplicate.Key}' is declared twice");
            }
        }

        if (spec.Mappings?.AppRoles is { } appRoles)
        {
            for (var i = 0; i < appRoles.Count; i++)
            {
                if (appRoles[i] is null)
                {
                    errors.Add($"spec.mappings.appRoles[{i}]: must not be null");
                    continue;
                }

                if (appRoles[i].RoleKeys is not { Count: > 0 })
                {
                    errors.Add($"spec.mappings.appRoles[{i}].roleKeys: at least one role key is required");
                }

                // The endpoint receives the map as configuration keys (Scim__Zitadel__AppRoles__<value>): checked here,
                // before any step runs, so no ZITADEL change is made for a spec the endpoint cannot take.
                if (!Endpoint.EndpointConfig.IsValidAppRoleValue(appRoles[i].Value ?? ""))
                {
                    errors.Add($"spec.mappings.appRoles[{i}].value: '{appRoles[i].Value}' cannot be a configuration key: " +
                        "use letters, digits, '-', '.' and '_'");
                }
            }
        }

        if (spec.Mappings is { } mappings)
        {
            Endpoint.MetadataMappingRules.Validate(mappings, errors);
        }

        if (spec.Endpoint is { } endpoint)
        {
            if (endpoint.Replicas is < 1 or > 10)
            {
                errors.Add("spec.endpoint.replicas: must be between 1 and 10");
            }

            if (endpoint.PublicBaseUrl is { } baseUrl && !IsHttpUrl(baseUrl))
            {
                errors.Add("spec.endpoint.publicBaseUrl: must be an absolute http(s) URL without query or fragment");
            }

            if (endpoint.ServiceType is { } serviceType && !ServiceTypes.Contains(serviceType))
            {
                errors.Add($"spec.endpoint.serviceType: '{serviceType}' is not one of {string.Join(", ", ServiceTypes)}");
            }

            if (endpoint.Image is { } image && (image.Length == 0 || image.Any(char.IsWhiteSpace)))
            {
                errors.Add("spec.endpoint.image: must be an image reference without spaces (or unset for the default)");
            }

            if (endpoint.Ingress is { } ingress && string.IsNullOrWhiteSpace(ingress.Host))
            {
                errors.Add("spec.endpoint.ingress.host: required");
            }
        }

        return errors;
    }

    /// <summary>
    /// The condition reason for a spec with <paramref name="errors"/>: <c>InvalidMapping</c> when only
    /// <c>spec.mappings</c> is at fault (the endpoint could not honour it), else <c>InvalidSpec</c>.
    /// </summary>
    public static string Reason(IReadOnlyList<string> errors) =>
        errors.Count > 0 && errors.All(e => e.StartsWith("spec.mappings", StringComparison.Ordinal)) ? InvalidMapping : InvalidSpec;

    public const string InvalidSpec = "InvalidSpec";

    private static readonly string[] ServiceTypes = ["ClusterIP", "NodePort", "LoadBalancer"];

    public const string InvalidMapping = "InvalidMapping";

    private static void CheckRef(ZitadelObjectRef reference, string path, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(reference.Id) && string.IsNullOrWhiteSpace(reference.Name))
        {
            errors.Add($"{path}: set id or name");
        }

        if (reference.Create == true && string.IsNullOrWhiteSpace(reference.Name))
        {
            errors.Add($"{path}.create: needs {path}.name");
        }
    }

    private static bool IsHttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) &&
        (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) &&
        string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);
}
