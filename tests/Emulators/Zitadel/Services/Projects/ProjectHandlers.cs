using System.Text.Json.Nodes;
using Emulators.Zitadel.Auth;
using Emulators.Zitadel.Errors;
using Emulators.Zitadel.Json;
using Emulators.Zitadel.Services.Shared;
using Emulators.Zitadel.State;

namespace Emulators.Zitadel.Services.Projects;

/// <summary>Projects of <c>zitadel.project.v2.ProjectService</c> (§7.1): create, get, list.</summary>
internal static class ProjectHandlers
{
    public static JsonObject CreateProject(CallContext context, JsonObject request)
    {
        var organizationId = context.RequireOrganization(request.Str("organizationId"), "project.create");

        var name = request.RequiredStr("name");
        var id = request.Str("projectId") ?? context.State.NewId();
        if (context.State.ProjectTable.Get(id) is not null)
        {
            throw ZitadelException.AlreadyExists("COMMAND-opamwu", "Project already exists");
        }

        context.State.NextSequence();
        context.State.ProjectTable.Put(id, new ProjectRecord(id, organizationId, name,
            request.Bool("projectRoleAssertion"), context.Now, context.Now), context.Now);
        return new JsonObject().Str("projectId", id).Time("creationDate", context.Now);
    }

    public static JsonObject GetProject(CallContext context, JsonObject request)
    {
        var project = Find(context, request.RequiredStr("projectId"), "project.read");
        return new JsonObject { ["project"] = Json(project) };
    }

    public static JsonObject ListProjects(CallContext context, JsonObject request)
    {
        var page = ListPage.From(request.Obj("pagination"));
        var predicates = request.Objects("filters").Select(Filter).ToList();
        var visible = context.State.ProjectTable.Visible(context.State.ListCutoff)
            .Where(project => predicates.All(matches => matches(project)) &&
                context.Has("project.read", project.OrganizationId, project.Id))
            .ToList();
        var result = page.Apply(visible, project => project.CreationDate, project => project.Id);
        return new JsonObject()
            .Obj("pagination", ListJson.Pagination(visible.Count, page))
            .Arr("projects", result.Select(project => (JsonNode?)Json(project)));
    }

    /// <summary>The project by id, after checking <paramref name="permission"/> on its org or on the project.</summary>
    public static ProjectRecord Find(CallContext context, string projectId, string permission)
    {
        var project = context.State.ProjectTable.Get(projectId)
            ?? throw ZitadelException.NotFound("PROJECT-3n8fs", "Project not found");
        context.Require(permission, project.OrganizationId, project.Id);
        return project;
    }

    private static JsonObject Json(ProjectRecord project) => new JsonObject()
        .Str("projectId", project.Id)
        .Str("organizationId", project.OrganizationId)
        .Time("creationDate", project.CreationDate)
        .Time("changeDate", project.ChangeDate)
        .Str("name", project.Name)
        .Str("state", "PROJECT_STATE_ACTIVE")
        .Bool("projectRoleAssertion", project.ProjectRoleAssertion);

    private static Func<ProjectRecord, bool> Filter(JsonObject filter)
    {
        if (filter.Obj("projectNameFilter") is { } name)
        {
            var matches = TextMatch.Parse(name, "projectName", TextMatch.FilterPrefix);
            return project => matches(project.Name);
        }

        if (filter.Obj("inProjectIdsFilter") is { } ids)
        {
            var wanted = ids.Strings("projectIds").Concat(ids.Strings("ids")).ToHashSet();
            return project => wanted.Contains(project.Id);
        }

        if (filter.Obj("organizationIdFilter") is { } org)
        {
            return project => project.OrganizationId == org.Str("organizationId");
        }

        throw ZitadelException.InvalidArgument("PROJECT-vR9nd", "Unsupported project filter");
    }
}
