using System.Text.Json.Nodes;
using Emulators.Zitadel.Auth;
using Emulators.Zitadel.Errors;
using Emulators.Zitadel.Services.Shared;
using Emulators.Zitadel.State;

namespace Emulators.Zitadel.Services.Users;

/// <summary>
/// The user state machine (§5.5): deactivate only from ACTIVE, reactivate only from INACTIVE; delete frees the
/// username and removes the user's metadata, IDP links, authorizations, memberships and credentials.
/// </summary>
internal static class UserStateHandlers
{
    public static JsonObject DeactivateUser(CallContext context, JsonObject request) =>
        Transition(context, request, UserRecord.Active, UserRecord.Inactive, "COMMAND-ke0fw",
            "The user is already deactivated");

    public static JsonObject ReactivateUser(CallContext context, JsonObject request) =>
        Transition(context, request, UserRecord.Inactive, UserRecord.Active, "COMMAND-6M0sf",
            "The user is not deactivated");

    public static JsonObject DeleteUser(CallContext context, JsonObject request)
    {
        var user = UserRules.Find(context, request, "user.delete");
        var sequence = context.State.NextSequence();
        var state = context.State;
        state.RemoveUser(user.Id, context.Now);
        state.MetadataTable.RemoveWhere(metadata => metadata.UserId == user.Id, context.Now);
        state.IdpLinkTable.RemoveWhere(link => link.UserId == user.Id, context.Now);
        state.AuthorizationTable.RemoveWhere(authorization => authorization.UserId == user.Id, context.Now);
        state.AdministratorTable.RemoveWhere(administrator => administrator.UserId == user.Id, context.Now);
        state.Credentials.RemoveWhere(credential => credential.UserId == user.Id, context.Now);
        state.Keys.RemoveWhere(key => key.UserId == user.Id, context.Now);
        return new JsonObject { ["details"] = ListJson.WriteDetails(sequence, context.Now, user.OrganizationId) };
    }

    private static JsonObject Transition(
        CallContext context, JsonObject request, string from, string to, string errorId, string error)
    {
        var user = UserRules.Find(context, request, "user.write");
        if (user.State != from)
        {
            throw ZitadelException.FailedPrecondition(errorId, error);
        }

        var sequence = context.State.NextSequence();
        context.State.PutUser(user with { State = to, ChangeDate = context.Now, Sequence = sequence });
        return new JsonObject { ["details"] = ListJson.WriteDetails(sequence, context.Now, user.OrganizationId) };
    }
}
