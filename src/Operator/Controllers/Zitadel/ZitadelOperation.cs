namespace Operator.Controllers.Zitadel;

/// <summary>
/// One ZITADEL call the step makes, named as <c>Service/Method(subject)</c> in conditions, with the administrator
/// role the operator's identity needs for it (zitadel-api.md §9.3, docs/zitadel-calls.md "Permissions").
/// </summary>
internal sealed record ZitadelOperation(string Service, string Method, string? Subject, string RoleNeeded)
{
    private const string Users = "UserService";
    private const string Organizations = "OrganizationService";
    private const string Projects = "ProjectService";
    private const string Administrators = "InternalPermissionService";

    private const string OrgRead = "any role on the organisation (e.g. ORG_OWNER_VIEWER) or IAM_OWNER_VIEWER";
    private const string OrgCreate = "IAM_ORG_MANAGER or IAM_OWNER";
    private const string ProjectCreate = "ORG_PROJECT_CREATOR or ORG_OWNER on the organisation";
    private const string ProjectRead = "PROJECT_OWNER_VIEWER on the project or ORG_OWNER_VIEWER on the organisation";
    private const string ProjectWrite = "PROJECT_OWNER on the project or ORG_OWNER on the organisation";
    private const string UserManager = "ORG_USER_MANAGER or ORG_OWNER on the organisation";
    private const string OrgMembers = "ORG_OWNER on the organisation or IAM_OWNER";
    private const string InstanceMembers = "IAM_OWNER";
    private const string ProjectMembers = "PROJECT_OWNER on the project or ORG_OWNER on the organisation";

    public static ZitadelOperation ListOrganizations(string subject) => new(Organizations, "ListOrganizations", subject, OrgRead);

    public static ZitadelOperation AddOrganization(string name) => new(Organizations, "AddOrganization", name, OrgCreate);

    public static ZitadelOperation GetProject(string id) => new(Projects, "GetProject", id, ProjectRead);

    public static ZitadelOperation ListProjects(string name) => new(Projects, "ListProjects", name, ProjectRead);

    public static ZitadelOperation CreateProject(string name) => new(Projects, "CreateProject", name, ProjectCreate);

    public static ZitadelOperation ListProjectRoles() => new(Projects, "ListProjectRoles", null, ProjectRead);

    public static ZitadelOperation Role(RoleChange change) => new(Projects, change.Method, change.Key, ProjectWrite);

    public static ZitadelOperation User(string method, string? subject) => new(Users, method, subject, UserManager);

    /// <summary>An administrator call on the instance (<paramref name="organizationId"/> null), an organisation or
    /// (with <paramref name="projectId"/>) a project.</summary>
    public static ZitadelOperation Administrator(string method, string? organizationId, string? projectId = null) =>
        projectId is not null ? new(Administrators, method, "project " + projectId, ProjectMembers)
        : organizationId is not null ? new(Administrators, method, "organization " + organizationId, OrgMembers)
        : new(Administrators, method, "instance", InstanceMembers);

    public static ZitadelOperation ListAdministrators(string userId) =>
        new(Administrators, "ListAdministrators", userId, OrgMembers + " (and IAM_OWNER_VIEWER for instance roles)");

    public override string ToString() => Subject is null ? $"{Service}/{Method}" : $"{Service}/{Method}({Subject})";
}
