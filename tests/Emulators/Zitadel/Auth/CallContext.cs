using Emulators.Zitadel.Errors;
using Emulators.Zitadel.State;

namespace Emulators.Zitadel.Auth;

/// <summary>One authenticated call: the caller, the org header, the moment of the call and permission checks.</summary>
internal sealed class CallContext(EmulatorState state, UserRecord caller, string? headerOrganizationId)
{
    public EmulatorState State { get; } = state;

    public UserRecord Caller { get; } = caller;

    public DateTimeOffset Now { get; } = state.Now;

    /// <summary>
    /// §2.3: the org from the request, else the <c>x-zitadel-orgid</c> header, else the caller's org.
    /// </summary>
    public string ResolveOrganization(string? fromRequest) =>
        !string.IsNullOrEmpty(fromRequest) ? fromRequest
        : !string.IsNullOrEmpty(headerOrganizationId) ? headerOrganizationId
        : Caller.OrganizationId;

    /// <summary>Resolves the org (§2.3), checks <paramref name="permission"/> on it, then that it exists.</summary>
    public string RequireOrganization(string? fromRequest, string permission)
    {
        var organizationId = ResolveOrganization(fromRequest);
        Require(permission, organizationId);
        return State.Orgs.Get(organizationId) is not null ? organizationId
            : throw ZitadelException.NotFound("COMMAND-4Gfe2", "Organization not found");
    }

    /// <summary>
    /// Whether the caller holds <paramref name="permission"/> on the instance, the org or the project.
    /// </summary>
    public bool Has(string permission, string? organizationId, string? projectId = null) =>
        State.AdministratorTable.Current.Any(admin => admin.UserId == Caller.Id &&
            Applies(admin, organizationId, projectId) && RolePermissions.Grants(admin.Roles, permission));

    public void Require(string permission, string? organizationId, string? projectId = null)
    {
        if (!Has(permission, organizationId, projectId))
        {
            throw ZitadelException.PermissionDenied(permission);
        }
    }

    private static bool Applies(AdministratorRecord admin, string? organizationId, string? projectId) =>
        admin.Resource switch
        {
            AdministratorResource.Instance => true,
            AdministratorResource.Organization => admin.ResourceId == organizationId,
            _ => projectId is not null && admin.ResourceId == projectId,
        };
}
