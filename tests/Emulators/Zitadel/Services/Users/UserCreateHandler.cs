using System.Text.Json.Nodes;
using Emulators.Zitadel.Auth;
using Emulators.Zitadel.Errors;
using Emulators.Zitadel.Json;
using Emulators.Zitadel.State;

namespace Emulators.Zitadel.Services.Users;

/// <summary>
/// <c>CreateUser</c> (§5.1). Everything is validated before anything is written, so the user, its metadata and its
/// IDP links are written together or not at all, like ZITADEL's single event batch.
/// </summary>
internal static class UserCreateHandler
{
    public static JsonObject CreateUser(CallContext context, JsonObject request)
    {
        var organizationId = context.RequireOrganization(request.Str("organizationId"), "user.write");

        var userId = request.Str("userId") ?? context.State.NewId();
        if (userId.Length is 0 or > 200)
        {
            throw ZitadelException.InvalidArgument("PARAM-userId", "Invalid userId: length must be 1 to 200");
        }

        if (context.State.UserTable.Get(userId) is not null)
        {
            throw ZitadelException.FailedPrecondition("COMMAND-7yiox1isql", "The user already exists");
        }

        var (human, machine) = ReadProfile(request);
        var userName = request.Str("username") ?? human?.Email ?? userId;
        if (userName.Length is 0 or > 200)
        {
            throw ZitadelException.InvalidArgument("PARAM-username", "Invalid username: length must be 1 to 200");
        }

        UserRules.EnsureUserNameFree(context, userName, organizationId, null);
        var metadata = UserRules.ReadMetadata(request);
        var links = UserRules.ReadIdpLinks(context, userId, organizationId,
            request.Obj("human").Objects("idpLinks"));

        var sequence = context.State.NextSequence();
        context.State.PutUser(new UserRecord(userId, organizationId, userName, UserRecord.Active, human, machine,
            context.Now, context.Now, sequence));
        UserRules.WriteMetadata(context, userId, metadata);
        UserRules.WriteIdpLinks(context, links);
        return new JsonObject().Str("id", userId).Time("creationDate", context.Now);
    }

    private static (HumanProfile? Human, MachineProfile? Machine) ReadProfile(JsonObject request)
    {
        if (request.Obj("human") is { } human)
        {
            var profile = human.Obj("profile");
            var email = human.Obj("email");
            var givenName = profile.RequiredStr("givenName");
            var familyName = profile.RequiredStr("familyName");
            var address = email.RequiredStr("email");
            if (!address.Contains('@', StringComparison.Ordinal))
            {
                throw ZitadelException.InvalidArgument("EMAIL-599BI", "Email is invalid");
            }

            var phone = human.Obj("phone");
            return (new HumanProfile(givenName, familyName, profile.Str("nickName"),
                profile.Str("displayName") ?? $"{givenName} {familyName}", profile.Str("preferredLanguage"),
                address, email.Bool("isVerified"), phone.Str("phone"), phone.Bool("isVerified")), null);
        }

        if (request.Obj("machine") is { } machine)
        {
            return (null, new MachineProfile(machine.RequiredStr("name"), machine.Str("description"),
                UserRules.AccessTokenTypes[machine.Enum("accessTokenType", UserRules.AccessTokenTypes)]));
        }

        throw ZitadelException.InvalidArgument("USER2-7Df3g", "Either human or machine must be set");
    }
}
