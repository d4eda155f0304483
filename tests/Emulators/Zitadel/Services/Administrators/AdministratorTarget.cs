using System.Text.Json.Nodes;
using Emulators.Zitadel.Auth;
using Emulators.Zitadel.Errors;
using Emulators.Zitadel.Json;
using Emulators.Zitadel.State;

namespace Emulators.Zitadel.Services.Administrators;

/// <summary>
/// The <c>resource</c> oneof of an administrator (§9.1) with the permission prefix that guards it
/// (<c>iam.member</c>, <c>org.member</c>, <c>project.member</c>) and the org it lives in.
/// </summary>
internal sealed record AdministratorTarget(
    AdministratorResource Kind, string ResourceId, string? OrganizationId, string PermissionPrefix)
{
    public static AdministratorTarget Read(CallContext context, JsonObject? resource)
    {
        if (resource.Bool("instance"))
        {
            return new(AdministratorResource.Instance, string.Empty, null, "iam.member");
        }

        if (resource.Str("organizationId") is { Length: > 0 } organizationId)
        {
            _ = context.State.Orgs.Get(organizationId)
                ?? throw ZitadelException.NotFound("COMMAND-4Gfe4", "Organization not found");
            return new(AdministratorResource.Organization, organizationId, organizationId, "org.member");
        }

        if (resource.Str("projectId") is { Length: > 0 } projectId)
        {
            var project = context.State.ProjectTable.Get(projectId)
                ?? throw ZitadelException.NotFound("PROJECT-3n8ft", "Project not found");
            return new(AdministratorResource.Project, projectId, project.OrganizationId, "project.member");
        }

        throw ZitadelException.InvalidArgument(
            "PARAM-resource", "resource must be instance, organizationId or projectId");
    }

    public static AdministratorTarget Of(AdministratorRecord record, EmulatorState state) => record.Resource switch
    {
        AdministratorResource.Instance => new(record.Resource, string.Empty, null, "iam.member"),
        AdministratorResource.Organization => new(record.Resource, record.ResourceId, record.ResourceId, "org.member"),
        _ => new(record.Resource, record.ResourceId, state.ProjectTable.Get(record.ResourceId)?.OrganizationId,
            "project.member"),
    };

    public bool IsPermitted(CallContext context, string action) =>
        context.Has($"{PermissionPrefix}.{action}", OrganizationId,
            Kind == AdministratorResource.Project ? ResourceId : null);

    public void Require(CallContext context, string action)
    {
        if (!IsPermitted(context, action))
        {
            throw ZitadelException.PermissionDenied($"{PermissionPrefix}.{action}");
        }
    }
}
