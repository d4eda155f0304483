using System.Text.Json.Nodes;
using Emulators.Zitadel.Auth;
using Emulators.Zitadel.Errors;
using Emulators.Zitadel.Json;
using Emulators.Zitadel.Services.Shared;
using Emulators.Zitadel.State;

namespace Emulators.Zitadel.Services.Authorizations;

/// <summary><c>ListAuthorizations</c> (§8.1), reading the lagging projection.</summary>
internal static class AuthorizationListHandler
{
    public static JsonObject ListAuthorizations(CallContext context, JsonObject request)
    {
        var page = ListPage.From(request.Obj("pagination"));
        var predicates = request.Objects("filters").Select(Filter).ToList();
        var visible = context.State.AuthorizationTable.Visible(context.State.ListCutoff)
            .Where(a => predicates.All(matches => matches(a)) && context.Has("user.grant.read", a.OrganizationId))
            .ToList();
        var result = page.Apply(visible, a => a.CreationDate, a => a.Id);
        return new JsonObject()
            .Obj("pagination", ListJson.Pagination(visible.Count, page))
            .Arr("authorizations", result.Select(a => (JsonNode?)Json(context.State, a)));
    }

    private static JsonObject Json(EmulatorState state, AuthorizationRecord authorization)
    {
        var project = state.ProjectTable.Get(authorization.ProjectId);
        var user = state.UserTable.Get(authorization.UserId);
        return new JsonObject()
            .Str("id", authorization.Id)
            .Time("creationDate", authorization.CreationDate)
            .Time("changeDate", authorization.ChangeDate)
            .Obj("project", new JsonObject()
                .Str("id", authorization.ProjectId)
                .Str("name", project?.Name)
                .Str("organizationId", project?.OrganizationId))
            .Obj("organization", new JsonObject()
                .Str("id", authorization.OrganizationId)
                .Str("name", state.Orgs.Get(authorization.OrganizationId)?.Name))
            .Obj("user", new JsonObject()
                .Str("id", authorization.UserId)
                .Str("preferredLoginName", user is null ? null : state.LoginName(user))
                .Str("displayName", user?.Human?.DisplayName ?? user?.Machine?.Name)
                .Str("organizationId", user?.OrganizationId))
            .Str("state", "STATE_ACTIVE")
            .Arr("roles", authorization.RoleKeys.Select(key => state.RoleTable.Get((authorization.ProjectId, key)))
                .OfType<ProjectRoleRecord>()
                .Select(role => (JsonNode?)new JsonObject()
                    .Str("key", role.Key)
                    .Str("displayName", role.DisplayName)
                    .Str("group", role.Group)));
    }

    private static Func<AuthorizationRecord, bool> Filter(JsonObject filter)
    {
        var (name, body) = filter.Select(pair => (pair.Key, Body: pair.Value as JsonObject))
            .FirstOrDefault(pair => pair.Body is not null);
        return name switch
        {
            "inUserIds" => a => body.Strings("ids").Contains(a.UserId),
            "authorizationIds" => a => body.Strings("ids").Contains(a.Id),
            "projectId" => a => a.ProjectId == body.Str("id"),
            "organizationId" => a => a.OrganizationId == body.Str("id"),
            "roleKey" => RoleKey(body!),
            _ => throw ZitadelException.InvalidArgument("AUTHZ-vR9nd", $"Unsupported authorization filter {name}"),
        };
    }

    private static Func<AuthorizationRecord, bool> RoleKey(JsonObject body)
    {
        var matches = TextMatch.Parse(body, "key", TextMatch.FilterPrefix);
        return a => a.RoleKeys.Any(key => matches(key));
    }
}
