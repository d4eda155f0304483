namespace ScimEndpoint.Storage.Zitadel;

/// <summary>Where and how a tenant's SCIM resources live in ZITADEL.</summary>
internal sealed record ZitadelStoreOptions
{
    /// <summary>The tenant's organisation: every user is created in it, and users of other orgs are invisible.</summary>
    public required string OrganizationId { get; init; }

    /// <summary>The tenant's project, whose roles hold groups and app roles.</summary>
    public string? ProjectId { get; init; }

    /// <summary>The ZITADEL IDP (Entra) that created users are linked to, with the SCIM externalId as external id.</summary>
    public string? IdpId { get; init; }

    /// <summary>What a SCIM DELETE does: delete the ZITADEL user, or only deactivate it.</summary>
    public ZitadelDeprovisioning Deprovisioning { get; init; } = ZitadelDeprovisioning.Delete;

    public ZitadelMappingOptions Mapping { get; init; } = new();

    /// <summary>
    /// Entra app-role values (SCIM <c>roles[].value</c>) to the project role keys they grant. Unmapped values are
    /// kept (a GET returns them) but grant nothing.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> AppRoles { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    /// <summary>
    /// True when the endpoint's ZITADEL identity holds only roles on the tenant's organisation, so ZITADEL itself
    /// refuses other orgs' users and a DELETE needs no ownership read first (one call instead of two). Leave false
    /// when instance roles such as IAM_USER_MANAGER are granted.
    /// </summary>
    public bool IdentityConfinedToOrganization { get; init; }
}
