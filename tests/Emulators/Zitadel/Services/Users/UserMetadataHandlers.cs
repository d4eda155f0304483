using System.Text.Json.Nodes;
using Emulators.Zitadel.Auth;
using Emulators.Zitadel.Json;
using Emulators.Zitadel.Services.Shared;

namespace Emulators.Zitadel.Services.Users;

/// <summary>User metadata v2 (§6.1): set (empty value deletes), list (lagging projection), delete by keys.</summary>
internal static class UserMetadataHandlers
{
    public static JsonObject SetUserMetadata(CallContext context, JsonObject request)
    {
        var user = UserRules.Find(context, request, "user.write");
        var entries = UserRules.ReadMetadata(request);
        if (UserRules.WriteMetadata(context, user.Id, entries))
        {
            context.State.NextSequence();
        }

        return new JsonObject().Time("setDate", context.Now);
    }

    public static JsonObject ListUserMetadata(CallContext context, JsonObject request)
    {
        var user = UserRules.Find(context, request, "user.read");
        var page = ListPage.From(request.Obj("pagination"));
        var keyFilters = request.Objects("filters").Select(filter => filter.Obj("keyFilter"))
            .OfType<JsonObject>()
            .Select(filter => TextMatch.Parse(filter, "key", TextMatch.FilterPrefix))
            .ToList();
        var visible = context.State.MetadataTable.Visible(context.State.ListCutoff)
            .Where(entry => entry.UserId == user.Id && keyFilters.All(matches => matches(entry.Key)))
            .ToList();
        var result = page.Apply(visible, entry => entry.CreationDate, entry => entry.Key);
        return new JsonObject()
            .Obj("pagination", ListJson.Pagination(visible.Count, page))
            .Arr("metadata", result.Select(entry => (JsonNode?)new JsonObject()
                .Time("creationDate", entry.CreationDate)
                .Time("changeDate", entry.ChangeDate)
                .Str("key", entry.Key)
                .Bytes("value", entry.Value)));
    }

    public static JsonObject DeleteUserMetadata(CallContext context, JsonObject request)
    {
        var user = UserRules.Find(context, request, "user.write");
        var keys = request.Strings("keys").Select(key => (key, Array.Empty<byte>()));
        if (UserRules.WriteMetadata(context, user.Id, keys))
        {
            context.State.NextSequence();
        }

        return new JsonObject().Time("deletionDate", context.Now);
    }
}
