using System.Text.Json.Nodes;
using Emulators.Zitadel.Auth;
using Emulators.Zitadel.Errors;
using Emulators.Zitadel.Json;
using Emulators.Zitadel.State;

namespace Emulators.Zitadel.Services.Users;

/// <summary>Checks and writes the user handlers share: lookup, username uniqueness, metadata and IDP links.</summary>
internal static class UserRules
{
    public const string BearerToken = "ACCESS_TOKEN_TYPE_BEARER";
    public const int MaxMetadataValueBytes = 500_000;
    public static readonly string[] AccessTokenTypes = [BearerToken, "ACCESS_TOKEN_TYPE_JWT"];

    /// <summary>The user by id for a write, after checking <paramref name="permission"/> on the user's org.</summary>
    public static UserRecord Find(CallContext context, JsonObject request, string permission)
    {
        var user = context.State.UserTable.Get(request.RequiredStr("userId")) ?? throw ZitadelException.UserNotFound();
        context.Require(permission, user.OrganizationId);
        return user;
    }

    public static void EnsureUserNameFree(CallContext context, string userName, string organizationId, string? userId)
    {
        if (context.State.IsUserNameTaken(userName, organizationId, userId))
        {
            throw ZitadelException.AlreadyExists("V3-DKcYh", "User already exists");
        }
    }

    /// <summary>Validates <c>[{key, value}]</c> (§6.3); an empty value means "delete this key".</summary>
    public static IReadOnlyList<(string Key, byte[] Value)> ReadMetadata(JsonObject request)
    {
        var entries = request.Objects("metadata").Select(entry => (Key: entry.Str("key") ?? string.Empty,
            Value: entry.Bytes("value"))).ToList();
        foreach (var (key, value) in entries)
        {
            if (key.Length is 0 or > 200)
            {
                throw ZitadelException.InvalidArgument("METAD-2m0ds", "Metadata key must be 1 to 200 characters");
            }

            if (value.Length > MaxMetadataValueBytes)
            {
                throw ZitadelException.InvalidArgument("METAD-2m0dt", "Metadata value must be at most 500000 bytes");
            }
        }

        return entries;
    }

    /// <summary>Sets or deletes metadata; returns whether anything changed.</summary>
    public static bool WriteMetadata(
        CallContext context, string userId, IEnumerable<(string Key, byte[] Value)> entries)
    {
        var changed = false;
        foreach (var (key, value) in entries)
        {
            var existing = context.State.MetadataTable.Get((userId, key));
            if (value.Length == 0)
            {
                changed |= existing is not null;
                context.State.MetadataTable.Remove((userId, key), context.Now);
            }
            else if (existing is null || !existing.Value.AsSpan().SequenceEqual(value))
            {
                changed = true;
                var created = existing?.CreationDate ?? context.Now;
                context.State.MetadataTable.Put(
                    (userId, key), new(userId, key, value, created, context.Now), context.Now);
            }
        }

        return changed;
    }

    /// <summary>Validates IDP links to add for a user of <paramref name="organizationId"/> (§10).</summary>
    public static IReadOnlyList<IdpLinkRecord> ReadIdpLinks(
        CallContext context, string userId, string organizationId, IEnumerable<JsonObject> links)
    {
        var result = new List<IdpLinkRecord>();
        foreach (var link in links)
        {
            var record = new IdpLinkRecord(userId, link.RequiredStr("idpId"), link.RequiredStr("userId"),
                link.Str("userName") ?? string.Empty);
            var idp = context.State.Idps.Get(record.IdpId);
            if (idp is null || (idp.OrganizationId is not null && idp.OrganizationId != organizationId))
            {
                throw ZitadelException.FailedPrecondition("COMMAND-39nf2", "IDP configuration does not exist");
            }

            if (context.State.IdpLinkTable.Get(LinkKey(record)) is not null ||
                result.Any(other => LinkKey(other) == LinkKey(record)))
            {
                throw ZitadelException.AlreadyExists("V3-DKcYh", "External IDP link already exists");
            }

            result.Add(record);
        }

        return result;
    }

    public static void WriteIdpLinks(CallContext context, IEnumerable<IdpLinkRecord> links)
    {
        foreach (var link in links)
        {
            context.State.IdpLinkTable.Put(LinkKey(link), link, context.Now);
        }
    }

    /// <summary>§3.4: unique constraints are lower-cased, so the link key is case-insensitive.</summary>
    public static (string IdpId, string ExternalUserId) LinkKey(IdpLinkRecord link) =>
        (link.IdpId, link.ExternalUserId.ToLowerInvariant());
}
