using System.Text.Json.Nodes;
using Emulators.Zitadel.Auth;
using Emulators.Zitadel.Errors;
using Emulators.Zitadel.Json;
using Emulators.Zitadel.Services.Shared;
using Emulators.Zitadel.State;

namespace Emulators.Zitadel.Services.Users;

/// <summary>
/// <c>GetUserByID</c> (reads its writes, §5.2) and <c>ListUsers</c> (subject to projection lag, §11.3).
/// </summary>
internal static class UserReadHandlers
{
    private static readonly string[] SortColumns =
    [
        "USER_FIELD_NAME_UNSPECIFIED", "USER_FIELD_NAME_USER_NAME", "USER_FIELD_NAME_FIRST_NAME",
        "USER_FIELD_NAME_LAST_NAME", "USER_FIELD_NAME_NICK_NAME", "USER_FIELD_NAME_DISPLAY_NAME",
        "USER_FIELD_NAME_EMAIL", "USER_FIELD_NAME_STATE", "USER_FIELD_NAME_TYPE", "USER_FIELD_NAME_CREATION_DATE",
    ];

    public static JsonObject GetUserByID(CallContext context, JsonObject request)
    {
        var user = context.State.UserTable.Get(request.RequiredStr("userId"))
            ?? throw ZitadelException.NotFound("QUERY-Dfbg2", "User could not be found");
        context.Require("user.read", user.OrganizationId);
        return new JsonObject()
            .Obj("details", UserJson.Details(user))
            .Obj("user", UserJson.User(user, context.State.LoginName(user)));
    }

    public static JsonObject ListUsers(CallContext context, JsonObject request)
    {
        var page = ListPage.From(request.Obj("query"));
        var cutoff = context.State.ListCutoff;
        var query = new UserQuery(context.State.MetadataTable.Visible(cutoff).ToList());
        var matches = query.All(request.Objects("queries"));
        var visible = context.State.UserTable.Visible(cutoff)
            .Where(user => matches(user) && context.Has("user.read", user.OrganizationId))
            .ToList();
        var column = request.Enum("sortingColumn", SortColumns);
        var result = page.Apply(visible, user => SortKey(user, column), user => user.Id);
        return new JsonObject()
            .Obj("details", ListJson.Details(context, visible.Count))
            .Str("sortingColumn", column == 0 ? null : SortColumns[column])
            .Arr("result", result.Select(user => (JsonNode?)UserJson.User(user, context.State.LoginName(user))));
    }

    private static IComparable SortKey(UserRecord user, int column) => column switch
    {
        1 => user.UserName,
        2 => user.Human?.GivenName ?? string.Empty,
        3 => user.Human?.FamilyName ?? string.Empty,
        4 => user.Human?.NickName ?? string.Empty,
        5 => user.Human?.DisplayName ?? string.Empty,
        6 => user.Human?.Email ?? string.Empty,
        7 => user.State,
        8 => user.Human is null ? 1 : 0,
        _ => user.CreationDate,
    };
}
