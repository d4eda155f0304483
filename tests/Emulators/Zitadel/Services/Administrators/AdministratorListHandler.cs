using System.Text.Json.Nodes;
using Emulators.Zitadel.Auth;
using Emulators.Zitadel.Json;
using Emulators.Zitadel.Services.Shared;
using Emulators.Zitadel.State;

namespace Emulators.Zitadel.Services.Administrators;

/// <summary>
/// <c>ListAdministrators</c> (§9.1): filters by user ids and resource, reading the lagging projection.
/// </summary>
internal static class AdministratorListHandler
{
    public static JsonObject ListAdministrators(CallContext context, JsonObject request)
    {
        var page = ListPage.From(request.Obj("pagination"));
        var predicates = request.Objects("filters").Select(filter => Filter(context, filter)).ToList();
        var visible = context.State.AdministratorTable.Visible(context.State.ListCutoff)
            .Where(admin => predicates.All(matches => matches(admin)) &&
                AdministratorTarget.Of(admin, context.State).IsPermitted(context, "read"))
            .ToList();
        var result = page.Apply(visible, admin => admin.CreationDate, admin => admin.UserId + admin.ResourceId);
        return new JsonObject()
            .Obj("pagination", ListJson.Pagination(visible.Count, page))
            .Arr("administrators", result.Select(admin => (JsonNode?)Json(context.State, admin)));
    }

    private static JsonObject Json(EmulatorState state, AdministratorRecord admin)
    {
        var user = state.UserTable.Get(admin.UserId);
        var json = new JsonObject()
            .Time("creationDate", admin.CreationDate)
            .Time("changeDate", admin.ChangeDate)
            .Obj("user", new JsonObject()
                .Str("id", admin.UserId)
                .Str("preferredLoginName", user is null ? null : state.LoginName(user))
                .Str("displayName", user?.Human?.DisplayName ?? user?.Machine?.Name)
                .Str("organizationId", user?.OrganizationId));
        switch (admin.Resource)
        {
            case AdministratorResource.Instance:
                json["instance"] = true;
                break;
            case AdministratorResource.Organization:
                json["organization"] = new JsonObject()
                    .Str("id", admin.ResourceId).Str("name", state.Orgs.Get(admin.ResourceId)?.Name);
                break;
            default:
                var project = state.ProjectTable.Get(admin.ResourceId);
                json["project"] = new JsonObject().Str("id", admin.ResourceId).Str("name", project?.Name)
                    .Str("organizationId", project?.OrganizationId);
                break;
        }

        return json.Strings("roles", admin.Roles);
    }

    private static Func<AdministratorRecord, bool> Filter(CallContext context, JsonObject filter)
    {
        if (filter.Obj("inUserIdsFilter") is { } ids)
        {
            var wanted = ids.Strings("ids").ToHashSet();
            return admin => wanted.Contains(admin.UserId);
        }

        var target = AdministratorTarget.Read(context, filter.Obj("resource"));
        return admin => admin.Resource == target.Kind && admin.ResourceId == target.ResourceId;
    }
}
