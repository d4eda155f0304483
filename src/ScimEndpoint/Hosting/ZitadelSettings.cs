using ScimEndpoint.Protocol.Schemas;
using ScimEndpoint.Storage.Zitadel;

namespace ScimEndpoint.Hosting;

/// <summary>The <c>Scim:Zitadel</c> section, used when <see cref="ScimOptions.Store"/> is Zitadel.</summary>
internal sealed class ZitadelSettings
{
    /// <summary>ZITADEL's base URL, e.g. <c>https://acme.zitadel.cloud</c>.</summary>
    public Uri? Url { get; set; }

    /// <summary>The JWT audience when <see cref="Url"/> is an in-cluster address; defaults to <see cref="Url"/>.</summary>
    public Uri? Issuer { get; set; }

    public string OrganizationId { get; set; } = "";

    /// <summary>The project whose roles hold groups and app roles; required (the endpoint does not start without it).</summary>
    public string? ProjectId { get; set; }

    /// <summary>The Entra IDP in ZITADEL that created users are linked to.</summary>
    public string? IdpId { get; set; }

    /// <summary>The endpoint's own credential: a PAT, or the path of a JWT-profile key file (mounted Secret).</summary>
    public string? PersonalAccessToken { get; set; }

    public string? KeyFilePath { get; set; }

    public ZitadelDeprovisioning Deprovisioning { get; set; } = ZitadelDeprovisioning.Delete;

    public bool EmailVerified { get; set; } = true;

    /// <summary>See <see cref="ZitadelStoreOptions.IdentityConfinedToOrganization"/>.</summary>
    public bool IdentityConfinedToOrganization { get; set; }

    /// <summary>See <see cref="ZitadelStoreOptions.MembershipCoordination"/>: <c>ProjectRoleLock</c> when more than one
    /// replica serves the tenant.</summary>
    public MembershipCoordination MembershipCoordination { get; set; } = MembershipCoordination.None;

    /// <summary>
    /// Entra app-role value → comma-separated project role keys, e.g. <c>Scim:Zitadel:AppRoles:Admin=admin,owner</c>.
    /// </summary>
    public Dictionary<string, string> AppRoles { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// User attributes also written as plain ZITADEL metadata, e.g. <c>Scim:Zitadel:MetadataMappings:0:Path=title</c>
    /// and <c>Scim:Zitadel:MetadataMappings:0:Key=jobTitle</c> (see <see cref="ZitadelMetadataMapping"/>).
    /// </summary>
    public List<MetadataMappingSettings> MetadataMappings { get; set; } = [];

    /// <summary>False when the tenant takes no SCIM groups: every group request is then a 403.</summary>
    public bool GroupsEnabled { get; set; } = true;

    /// <summary>The role group SCIM group roles are filed under (<c>scim</c> by default); no ':'.</summary>
    public string GroupRoleGroup { get; set; } = ZitadelStoreOptions.DefaultGroupRoleGroup;

    /// <summary>The store's options; <c>userType</c> is the User type with the tenant's custom extensions.</summary>
    public ZitadelStoreOptions ToStoreOptions(ResourceTypeDefinition? userType = null) => new()
    {
        AppRoles = AppRoles.ToDictionary(
            entry => entry.Key,
            entry => (IReadOnlyList<string>)entry.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            StringComparer.Ordinal),
        OrganizationId = OrganizationId,
        ProjectId = string.IsNullOrWhiteSpace(ProjectId) ? null : ProjectId,
        IdpId = string.IsNullOrWhiteSpace(IdpId) ? null : IdpId,
        Deprovisioning = Deprovisioning,
        IdentityConfinedToOrganization = IdentityConfinedToOrganization,
        MembershipCoordination = MembershipCoordination,
        GroupRoleGroup = GroupRoleGroup,
        GroupsEnabled = GroupsEnabled,
        Mapping = new ZitadelMappingOptions
        {
            EmailVerified = EmailVerified,
            PhoneVerified = EmailVerified,
            UserType = userType ?? ScimSchemas.UserType,
            Metadata = MetadataMappings
                .Select(m => ZitadelMetadataMapping.TryCreate(m.Path, m.Key, out var problem, userType)
                    ?? throw new InvalidOperationException($"Scim:Zitadel:MetadataMappings: {problem}"))
                .ToList(),
        },
    };
}

/// <summary>One entry of <see cref="ZitadelSettings.MetadataMappings"/>.</summary>
internal sealed class MetadataMappingSettings
{
    /// <summary>A User attribute path, e.g. <c>urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department</c>.</summary>
    public string? Path { get; set; }

    /// <summary>The metadata key; must not start with <c>scim.</c>.</summary>
    public string? Key { get; set; }
}
