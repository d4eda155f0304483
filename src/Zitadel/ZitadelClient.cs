using Zitadel.Administrators;
using Zitadel.Authorizations;
using Zitadel.Organizations;
using Zitadel.Projects;
using Zitadel.Users;

namespace Zitadel;

/// <summary>The typed ZITADEL client: one group of calls per ZITADEL service (docs/zitadel-calls.md).</summary>
internal sealed class ZitadelClient(
    UserServiceClient users,
    OrganizationServiceClient organizations,
    ProjectServiceClient projects,
    AuthorizationServiceClient authorizations,
    AdministratorServiceClient administrators)
{
    public UserServiceClient Users { get; } = users;

    public OrganizationServiceClient Organizations { get; } = organizations;

    public ProjectServiceClient Projects { get; } = projects;

    public AuthorizationServiceClient Authorizations { get; } = authorizations;

    public AdministratorServiceClient Administrators { get; } = administrators;
}
