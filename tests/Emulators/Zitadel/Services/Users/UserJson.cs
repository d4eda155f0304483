using System.Text.Json.Nodes;
using Emulators.Zitadel.Json;
using Emulators.Zitadel.State;

namespace Emulators.Zitadel.Services.Users;

/// <summary>The v2 <c>User</c> message and its <c>Details</c>.</summary>
internal static class UserJson
{
    public static JsonObject Details(UserRecord user) => new JsonObject()
        .Int64("sequence", user.Sequence)
        .Time("changeDate", user.ChangeDate)
        .Str("resourceOwner", user.OrganizationId)
        .Time("creationDate", user.CreationDate);

    public static JsonObject User(UserRecord user, string loginName) => new JsonObject()
        .Str("userId", user.Id)
        .Obj("details", Details(user))
        .Str("state", user.State)
        .Str("username", user.UserName)
        .Strings("loginNames", [loginName])
        .Str("preferredLoginName", loginName)
        .Obj("human", user.Human is { } human ? Human(human) : null)
        .Obj("machine", user.Machine is { } machine ? Machine(machine) : null);

    private static JsonObject Human(HumanProfile human) => new JsonObject()
        .Obj("profile", new JsonObject()
            .Str("givenName", human.GivenName)
            .Str("familyName", human.FamilyName)
            .Str("nickName", human.NickName)
            .Str("displayName", human.DisplayName)
            .Str("preferredLanguage", human.PreferredLanguage))
        .Obj("email", new JsonObject().Str("email", human.Email).Bool("isVerified", human.IsEmailVerified))
        .Obj("phone", new JsonObject().Str("phone", human.Phone).Bool("isVerified", human.IsPhoneVerified));

    private static JsonObject Machine(MachineProfile machine) => new JsonObject()
        .Str("name", machine.Name)
        .Str("description", machine.Description)
        .Str("accessTokenType", machine.AccessTokenType == UserRules.BearerToken ? null : machine.AccessTokenType);
}
