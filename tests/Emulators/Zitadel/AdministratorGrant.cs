using Emulators.Zitadel.State;

namespace Emulators.Zitadel;

/// <summary>Administrator roles to give a seeded machine user, on the instance, an organization or a project.</summary>
internal sealed record AdministratorGrant(
    AdministratorResource Resource, string ResourceId, IReadOnlyList<string> Roles)
{
    public static AdministratorGrant Instance(params string[] roles) =>
        new(AdministratorResource.Instance, string.Empty, roles);

    public static AdministratorGrant Organization(string organizationId, params string[] roles) =>
        new(AdministratorResource.Organization, organizationId, roles);

    public static AdministratorGrant Project(string projectId, params string[] roles) =>
        new(AdministratorResource.Project, projectId, roles);
}
