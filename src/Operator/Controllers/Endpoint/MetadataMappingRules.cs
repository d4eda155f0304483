using System.Text.RegularExpressions;
using Operator.Api;

namespace Operator.Controllers.Endpoint;

/// <summary>
/// The rules for <c>spec.mappings.metadata</c>, <c>spec.mappings.customSchemas</c> and <c>spec.mappings.groups</c>, the same as the CRD's patterns (a test
/// keeps them equal), checked again by the controller so a server without the schema cannot pass a mapping the
/// endpoint would refuse at start. The endpoint checks each path against its own schema as well.
/// </summary>
internal static partial class MetadataMappingRules
{
    /// <summary>Single-valued User attributes (and the primary value of multi-valued ones) in canonical spelling.</summary>
    public const string PathPattern =
        @"^(externalId|userName|displayName|nickName|profileUrl|title|userType|preferredLanguage|locale|timezone|active|" +
        @"name\.(formatted|familyName|givenName|middleName|honorificPrefix|honorificSuffix)|" +
        @"(emails|phoneNumbers|ims|photos|entitlements|roles)\.value|" +
        @"addresses\.(formatted|streetAddress|locality|region|postalCode|country)|" +
        @"urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User:(employeeNumber|costCenter|organization|division|department|manager\.value)|" +
        @"urn:ietf:params:scim:schemas:extension:[A-Za-z0-9][A-Za-z0-9_-]{0,99}:2\.0:User:[A-Za-z0-9_-]{1,100})$";

    /// <summary>A custom-extension schema URN (<c>spec.mappings.customSchemas[]</c>); the enterprise one is refused.</summary>
    public const string CustomSchemaPattern = @"^urn:ietf:params:scim:schemas:extension:[A-Za-z0-9][A-Za-z0-9_-]{0,99}:2\.0:User$";

    public const string EnterpriseSchema = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    public const int MaxCustomSchemas = 10;

    public const string KeyPattern = "^[A-Za-z0-9_.:-]+$";

    public const string RoleGroupPattern = "^[A-Za-z0-9][A-Za-z0-9 _.-]*$";

    /// <summary>The endpoint's own metadata keys (the SCIM copy of every attribute) start with this.</summary>
    public const string ReservedKeyPrefix = "scim.";

    public const int MaxMappings = 50;

    public static void Validate(MappingsSpec mappings, List<string> errors)
    {
        var customSchemas = ValidateCustomSchemas(mappings.CustomSchemas, errors);
        if (mappings.Metadata is { } metadata)
        {
            if (metadata.Count > MaxMappings)
            {
                errors.Add($"spec.mappings.metadata: at most {MaxMappings} mappings");
            }

            var keys = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < metadata.Count; i++)
            {
                var at = $"spec.mappings.metadata[{i}]";
                if (metadata[i] is not { } mapping)
                {
                    errors.Add($"{at}: must not be null");
                    continue;
                }

                if (!PathRegex().IsMatch(mapping.Path ?? ""))
                {
                    errors.Add($"{at}.path: '{mapping.Path}' is not a mappable User attribute (a single-valued attribute " +
                        "or the value of a multi-valued one, canonical spelling, e.g. title or " +
                        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department)");
                }
                else if (ExtensionOf(mapping.Path!) is { } urn && !customSchemas.Contains(urn))
                {
                    errors.Add($"{at}.path: '{mapping.Path}' names an attribute of '{urn}', which is not " +
                        (string.Equals(urn, EnterpriseSchema, StringComparison.Ordinal)
                            ? "one of the enterprise extension's mappable attributes"
                            : "listed in spec.mappings.customSchemas"));
                }

                var key = mapping.Key ?? "";
                if (key.Length is 0 or > 200 || !KeyRegex().IsMatch(key))
                {
                    errors.Add($"{at}.key: '{key}' must be 1-200 letters, digits, '_', '.', ':' or '-'");
                }
                else if (key.StartsWith(ReservedKeyPrefix, StringComparison.Ordinal))
                {
                    errors.Add($"{at}.key: '{key}': keys starting with '{ReservedKeyPrefix}' are reserved for the endpoint");
                }
                else if (!keys.Add(key))
                {
                    errors.Add($"{at}.key: '{key}' is mapped twice");
                }
            }
        }

        if (mappings.Groups?.RoleGroup is { } roleGroup && (roleGroup.Length > 63 || !RoleGroupRegex().IsMatch(roleGroup)))
        {
            errors.Add($"spec.mappings.groups.roleGroup: '{roleGroup}' must be 1-63 letters, digits, spaces, '_', '.' " +
                "or '-', starting with a letter or digit (no ':', which separates the group's externalId)");
        }
    }

    /// <summary>The valid custom schemas (for the metadata paths' check); adds an error for each invalid one.</summary>
    private static HashSet<string> ValidateCustomSchemas(IList<string>? customSchemas, List<string> errors)
    {
        var valid = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (customSchemas is null)
        {
            return valid;
        }

        if (customSchemas.Count > MaxCustomSchemas)
        {
            errors.Add($"spec.mappings.customSchemas: at most {MaxCustomSchemas} schemas");
        }

        for (var i = 0; i < customSchemas.Count; i++)
        {
            var urn = customSchemas[i] ?? "";
            var at = $"spec.mappings.customSchemas[{i}]";
            if (!CustomSchemaRegex().IsMatch(urn))
            {
                errors.Add($"{at}: '{urn}' is not a custom-extension URN of the form " +
                    "urn:ietf:params:scim:schemas:extension:<name>:2.0:User");
            }
            else if (string.Equals(urn, EnterpriseSchema, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"{at}: the enterprise extension is built in and cannot be a custom schema");
            }
            else if (!valid.Add(urn))
            {
                errors.Add($"{at}: '{urn}' is listed twice (URNs compare ignoring case)");
            }
        }

        return valid;
    }

    /// <summary>
    /// The extension URN of a path the pattern accepts through its generic extension branch (a custom attribute), or
    /// null for the built-in attributes, whose names the pattern lists.
    /// </summary>
    private static string? ExtensionOf(string path)
    {
        if (!path.StartsWith("urn:", StringComparison.Ordinal) || EnterpriseAttributeRegex().IsMatch(path))
        {
            return null;
        }

        return path[..path.LastIndexOf(':')];
    }

    [GeneratedRegex(@"^urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User:(employeeNumber|costCenter|organization|division|department|manager\.value)$", RegexOptions.CultureInvariant)]
    private static partial Regex EnterpriseAttributeRegex();

    [GeneratedRegex(CustomSchemaPattern, RegexOptions.CultureInvariant)]
    private static partial Regex CustomSchemaRegex();

    [GeneratedRegex(PathPattern, RegexOptions.CultureInvariant)]
    private static partial Regex PathRegex();

    [GeneratedRegex(KeyPattern, RegexOptions.CultureInvariant)]
    private static partial Regex KeyRegex();

    [GeneratedRegex(RoleGroupPattern, RegexOptions.CultureInvariant)]
    private static partial Regex RoleGroupRegex();
}
