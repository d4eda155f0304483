using System.Text.Json.Nodes;
using Emulators.Zitadel.Auth;
using Emulators.Zitadel.Errors;
using Emulators.Zitadel.Json;
using Emulators.Zitadel.Services.Shared;
using Emulators.Zitadel.State;

namespace Emulators.Zitadel.Services.Users;

/// <summary>IDP links (§10): (idpId, external user id) unique instance-wide; the IDP must exist.</summary>
internal static class UserIdpLinkHandlers
{
    public static JsonObject AddIDPLink(CallContext context, JsonObject request)
    {
        var user = UserRules.Find(context, request, "user.write");
        var link = request.Obj("idpLink")
            ?? throw ZitadelException.InvalidArgument("PARAM-idpLink", "idpLink is required");
        var links = UserRules.ReadIdpLinks(context, user.Id, user.OrganizationId, [link]);
        var sequence = context.State.NextSequence();
        UserRules.WriteIdpLinks(context, links);
        return new JsonObject { ["details"] = ListJson.WriteDetails(sequence, context.Now, user.OrganizationId) };
    }

    public static JsonObject ListIDPLinks(CallContext context, JsonObject request)
    {
        var user = UserRules.Find(context, request, "user.read");
        var page = ListPage.From(request.Obj("query"));
        var visible = context.State.IdpLinkTable.Visible(context.State.ListCutoff)
            .Where(link => link.UserId == user.Id)
            .ToList();
        var result = page.Apply(visible, link => link.IdpId, link => link.ExternalUserId);
        return new JsonObject()
            .Obj("details", ListJson.Details(context, visible.Count))
            .Arr("result", result.Select(link => (JsonNode?)new JsonObject()
                .Str("idpId", link.IdpId)
                .Str("userId", link.ExternalUserId)
                .Str("userName", link.ExternalUserName)));
    }

    public static JsonObject RemoveIDPLink(CallContext context, JsonObject request)
    {
        var user = UserRules.Find(context, request, "user.write");
        var key = UserRules.LinkKey(new IdpLinkRecord(user.Id, request.RequiredStr("idpId"),
            request.RequiredStr("linkedUserId"), string.Empty));
        if (context.State.IdpLinkTable.Get(key) is not { } link || link.UserId != user.Id)
        {
            throw ZitadelException.NotFound("COMMAND-1M9xR", "External IDP link not found");
        }

        var sequence = context.State.NextSequence();
        context.State.IdpLinkTable.Remove(key, context.Now);
        return new JsonObject { ["details"] = ListJson.WriteDetails(sequence, context.Now, user.OrganizationId) };
    }
}
