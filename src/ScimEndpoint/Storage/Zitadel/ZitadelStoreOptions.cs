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

    public const string DefaultGroupRoleGroup = "scim";

    /// <summary>
    /// False when the tenant takes no SCIM groups (<c>spec.mappings.groups.enabled</c>): the endpoint's identity then
    /// holds no project role, and every group request is a 403 saying so instead of ZITADEL's permission error.
    /// </summary>
    public bool GroupsEnabled { get; init; } = true;

    /// <summary>
    /// The role group (ZITADEL's <c>group</c> field) of SCIM group roles: <c>&lt;it&gt;</c>, or
    /// <c>&lt;it&gt;:&lt;externalId&gt;</c>. Must not contain ':'. Groups are still recognised by their key prefix.
    /// </summary>
    public string GroupRoleGroup { get; init; } = DefaultGroupRoleGroup;

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

    /// <summary>
    /// How rewrites of one user's authorization are coordinated: <see cref="MembershipCoordination.None"/> for one
    /// replica, <see cref="MembershipCoordination.ProjectRoleLock"/> when several replicas serve the tenant.
    /// </summary>
    public MembershipCoordination MembershipCoordination { get; init; } = MembershipCoordination.None;

    /// <summary>A cross-replica lock older than this belongs to a replica that died holding it and is broken.</summary>
    public TimeSpan MembershipLockTimeToLive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a change waits for another replica's lock before answering 503 with Retry-After.</summary>
    public TimeSpan MembershipLockWait { get; init; } = TimeSpan.FromSeconds(10);
}
