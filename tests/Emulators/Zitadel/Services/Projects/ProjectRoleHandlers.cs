using System.Text.Json.Nodes;
using Emulators.Zitadel.Auth;
using Emulators.Zitadel.Errors;
using Emulators.Zitadel.Json;
using Emulators.Zitadel.Services.Shared;
using Emulators.Zitadel.State;

namespace Emulators.Zitadel.Services.Projects;

/// <summary>Project roles (§7.1): keys unique per project; removing a role cascades into authorizations.</summary>
internal static class ProjectRoleHandlers
{
    public static JsonObject AddProjectRole(CallContext context, JsonObject request)
    {
        var project = ProjectHandlers.Find(context, request.RequiredStr("projectId"), "project.role.write");
        var key = request.RequiredStr("roleKey");
        var displayName = request.RequiredStr("displayName");
        if (context.State.RoleTable.Get((project.Id, key)) is not null)
        {
            throw ZitadelException.AlreadyExists("V3-DKcYh", "Project role already exists");
        }

        context.State.NextSequence();
        context.State.RoleTable.Put((project.Id, key), new ProjectRoleRecord(project.Id, key, displayName,
            request.Str("group"), context.Now, context.Now), context.Now);
        return new JsonObject().Time("creationDate", context.Now);
    }

    public static JsonObject UpdateProjectRole(CallContext context, JsonObject request)
    {
        var (project, role) = Find(context, request, "project.role.write");
        var updated = role with
        {
            DisplayName = request.Str("displayName") ?? role.DisplayName,
            Group = request.Str("group") ?? role.Group,
        };
        if (updated == role)
        {
            return new JsonObject().Time("changeDate", role.ChangeDate);
        }

        context.State.NextSequence();
        context.State.RoleTable.Put((project.Id, role.Key), updated with { ChangeDate = context.Now }, context.Now);
        return new JsonObject().Time("changeDate", context.Now);
    }

    public static JsonObject RemoveProjectRole(CallContext context, JsonObject request)
    {
        var (project, role) = Find(context, request, "project.role.write");
        context.State.NextSequence();
        context.State.RoleTable.Remove((project.Id, role.Key), context.Now);
        // §7.1: the role disappears from every authorization; one left without roles is removed.
        foreach (var authorization in context.State.AuthorizationTable.Current
            .Where(a => a.ProjectId == project.Id && a.RoleKeys.Contains(role.Key)).ToList())
        {
            var remaining = authorization.RoleKeys.Where(key => key != role.Key).ToList();
            if (remaining.Count == 0)
            {
                context.State.AuthorizationTable.Remove(authorization.Id, context.Now);
            }
            else
            {
                context.State.AuthorizationTable.Put(authorization.Id,
                    authorization with { RoleKeys = remaining, ChangeDate = context.Now }, context.Now);
            }
        }

        return new JsonObject().Time("removalDate", context.Now);
    }

    public static JsonObject ListProjectRoles(CallContext context, JsonObject request)
    {
        var project = ProjectHandlers.Find(context, request.RequiredStr("projectId"), "project.role.read");
        var page = ListPage.From(request.Obj("pagination"));
        var predicates = request.Objects("filters").Select(Filter).ToList();
        var visible = context.State.RoleTable.Visible(context.State.ListCutoff)
            .Where(role => role.ProjectId == project.Id && predicates.All(matches => matches(role)))
            .ToList();
        var result = page.Apply(visible, role => role.CreationDate, role => role.Key);
        return new JsonObject()
            .Obj("pagination", ListJson.Pagination(visible.Count, page))
            .Arr("projectRoles", result.Select(role => (JsonNode?)new JsonObject()
                .Str("projectId", role.ProjectId)
                .Str("key", role.Key)
                .Time("creationDate", role.CreationDate)
                .Time("changeDate", role.ChangeDate)
                .Str("displayName", role.DisplayName)
                .Str("group", role.Group)));
    }

    private static (ProjectRecord Project, ProjectRoleRecord Role) Find(
        CallContext context, JsonObject request, string permission)
    {
        var project = ProjectHandlers.Find(context, request.RequiredStr("projectId"), permission);
        var role = context.State.RoleTable.Get((project.Id, request.RequiredStr("roleKey")))
            ?? throw ZitadelException.NotFound("COMMAND-2M0xs", "Project role not found");
        return (project, role);
    }

    private static Func<ProjectRoleRecord, bool> Filter(JsonObject filter)
    {
        if (filter.Obj("roleKeyFilter") is { } key)
        {
            var matches = TextMatch.Parse(key, "key", TextMatch.FilterPrefix);
            return role => matches(role.Key);
        }

        if (filter.Obj("displayNameFilter") is { } displayName)
        {
            var matches = TextMatch.Parse(displayName, "displayName", TextMatch.FilterPrefix);
            return role => matches(role.DisplayName);
        }

        throw ZitadelException.InvalidArgument("PROJECT-vR9ne", "Unsupported project role filter");
    }
}
