using System.Text.Json.Nodes;
using Emulators.Zitadel.Auth;
using Emulators.Zitadel.Errors;
using Emulators.Zitadel.Json;
using Emulators.Zitadel.State;

namespace Emulators.Zitadel.Services.Users;

/// <summary>
/// <c>UpdateUser</c> (§5.4): a partial update; omitted fields stay. A no-op pushes no event, so the sequence and
/// change date stay as they were.
/// </summary>
internal static class UserUpdateHandler
{
    public static JsonObject UpdateUser(CallContext context, JsonObject request)
    {
        var user = UserRules.Find(context, request, "user.write");
        var updated = user with
        {
            UserName = request.Str("username") ?? user.UserName,
            Human = UpdateHuman(user, request.Obj("human")),
            Machine = UpdateMachine(user, request.Obj("machine")),
        };
        if (updated.UserName.Length is 0 or > 200)
        {
            throw ZitadelException.InvalidArgument("PARAM-username", "Invalid username: length must be 1 to 200");
        }

        UserRules.EnsureUserNameFree(context, updated.UserName, user.OrganizationId, user.Id);
        var metadata = UserRules.ReadMetadata(request);
        var userChanged = updated != user;
        var metadataChanged = metadata.Any(entry => Differs(context, user.Id, entry));
        if (!userChanged && !metadataChanged)
        {
            return new JsonObject().Time("changeDate", user.ChangeDate);
        }

        var sequence = context.State.NextSequence();
        if (userChanged)
        {
            context.State.PutUser(updated with { ChangeDate = context.Now, Sequence = sequence });
        }

        UserRules.WriteMetadata(context, user.Id, metadata);
        return new JsonObject().Time("changeDate", context.Now);
    }

    private static bool Differs(CallContext context, string userId, (string Key, byte[] Value) entry) =>
        context.State.MetadataTable.Get((userId, entry.Key)) is { } existing
            ? !existing.Value.AsSpan().SequenceEqual(entry.Value)
            : entry.Value.Length > 0;

    private static HumanProfile? UpdateHuman(UserRecord user, JsonObject? human)
    {
        if (human is null)
        {
            return user.Human;
        }

        var current = user.Human ?? throw ZitadelException.FailedPrecondition(
            "COMMAND-ugjs0upun8", "The user is not a human user");
        var profile = human.Obj("profile");
        var email = human.Obj("email");
        var phone = human.Obj("phone");
        var address = email.Str("email") ?? current.Email;
        if (!address.Contains('@', StringComparison.Ordinal))
        {
            throw ZitadelException.InvalidArgument("EMAIL-599BI", "Email is invalid");
        }

        return current with
        {
            GivenName = profile.Str("givenName") ?? current.GivenName,
            FamilyName = profile.Str("familyName") ?? current.FamilyName,
            NickName = profile.Str("nickName") ?? current.NickName,
            DisplayName = profile.Str("displayName") ?? current.DisplayName,
            PreferredLanguage = profile.Str("preferredLanguage") ?? current.PreferredLanguage,
            Email = address,
            IsEmailVerified = email is null ? current.IsEmailVerified : email.Bool("isVerified"),
            // §5.4: an empty phone removes it.
            Phone = phone is null ? current.Phone : phone.Str("phone"),
            IsPhoneVerified = phone is null ? current.IsPhoneVerified : phone.Bool("isVerified"),
        };
    }

    private static MachineProfile? UpdateMachine(UserRecord user, JsonObject? machine)
    {
        if (machine is null)
        {
            return user.Machine;
        }

        var current = user.Machine ?? throw ZitadelException.FailedPrecondition(
            "COMMAND-ugjs0upun9", "The user is not a machine user");
        return current with
        {
            Name = machine.Str("name") ?? current.Name,
            Description = machine.Str("description") ?? current.Description,
            AccessTokenType = machine["accessTokenType"] is null ? current.AccessTokenType
                : UserRules.AccessTokenTypes[machine.Enum("accessTokenType", UserRules.AccessTokenTypes)],
        };
    }
}
