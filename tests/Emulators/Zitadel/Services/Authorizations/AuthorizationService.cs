using System.Text.Json.Nodes;
using Emulators.Zitadel.Auth;
using Emulators.Zitadel.Errors;
using Emulators.Zitadel.Hosting;
using Emulators.Zitadel.Json;
using Emulators.Zitadel.State;

namespace Emulators.Zitadel.Services.Authorizations;

/// <summary>
/// <c>zitadel.authorization.v2.AuthorizationService</c> (§8.1): unique per (org, user, project); the org must own
/// the project; role keys must exist; update replaces the set; delete is idempotent.
/// </summary>
/// <remarks>
/// The user may belong to any organisation, as in ZITADEL: its write side checks only that the user exists
/// (<c>checkUserExists(ctx, userID, "")</c> in <c>internal/command/user_grant.go</c>), and the permission is checked on
/// the authorization's organisation, not the user's; ZITADEL's own integration test authorizes the instance owner on
/// another organisation's project. Confining a tenant's groups to its users is the caller's job.
/// </remarks>
internal static class AuthorizationService
{
    public const string Name = "zitadel.authorization.v2.AuthorizationService";

    public static void Map(MethodTable table)
    {
        table.Add(Name, "CreateAuthorization", CreateAuthorization);
        table.Add(Name, "UpdateAuthorization", UpdateAuthorization);
        table.Add(Name, "DeleteAuthorization", DeleteAuthorization);
        table.Add(Name, "ListAuthorizations", AuthorizationListHandler.ListAuthorizations);
    }

    public static JsonObject CreateAuthorization(CallContext context, JsonObject request)
    {
        var organizationId = context.ResolveOrganization(request.Str("organizationId"));
        context.Require("user.grant.write", organizationId);
        var user = context.State.UserTable.Get(request.RequiredStr("userId")) ?? throw ZitadelException.UserNotFound();
        var project = context.State.ProjectTable.Get(request.RequiredStr("projectId"));
        if (project is null || project.OrganizationId != organizationId)
        {
            throw ZitadelException.FailedPrecondition("COMMAND-3M0sd",
                "The project does not exist or is not owned by the organization");
        }

        var roleKeys = ReadRoleKeys(context, request, project.Id);
        if (context.State.AuthorizationTable.Current.Any(a =>
            a.OrganizationId == organizationId && a.UserId == user.Id && a.ProjectId == project.Id))
        {
            throw ZitadelException.AlreadyExists("V3-DKcYh", "User grant already exists");
        }

        context.State.NextSequence();
        var id = context.State.NewId();
        context.State.AuthorizationTable.Put(id, new AuthorizationRecord(id, user.Id, project.Id, organizationId,
            roleKeys, context.Now, context.Now), context.Now);
        return new JsonObject().Str("id", id).Time("creationDate", context.Now);
    }

    public static JsonObject UpdateAuthorization(CallContext context, JsonObject request)
    {
        var authorization = context.State.AuthorizationTable.Get(request.RequiredStr("id"))
            ?? throw ZitadelException.NotFound("COMMAND-5m8Ss", "User grant not found");
        context.Require("user.grant.write", authorization.OrganizationId);
        var roleKeys = ReadRoleKeys(context, request, authorization.ProjectId);
        if (roleKeys.ToHashSet().SetEquals(authorization.RoleKeys))
        {
            return new JsonObject().Time("changeDate", authorization.ChangeDate);
        }

        context.State.NextSequence();
        context.State.AuthorizationTable.Put(authorization.Id,
            authorization with { RoleKeys = roleKeys, ChangeDate = context.Now }, context.Now);
        return new JsonObject().Time("changeDate", context.Now);
    }

    public static JsonObject DeleteAuthorization(CallContext context, JsonObject request)
    {
        var id = request.RequiredStr("id");
        if (context.State.AuthorizationTable.Get(id) is not { } authorization)
        {
            // §8.1: idempotent, success when it is already gone.
            return new JsonObject();
        }

        context.Require("user.grant.delete", authorization.OrganizationId);
        context.State.NextSequence();
        context.State.AuthorizationTable.Remove(id, context.Now);
        return new JsonObject().Time("deletionDate", context.Now);
    }

    private static List<string> ReadRoleKeys(CallContext context, JsonObject request, string projectId)
    {
        var roleKeys = request.Strings("roleKeys").Distinct(StringComparer.Ordinal).ToList();
        if (roleKeys.Count == 0)
        {
            throw ZitadelException.InvalidArgument("PARAM-roleKeys", "At least one role key is required");
        }

        if (roleKeys.FirstOrDefault(key => context.State.RoleTable.Get((projectId, key)) is null) is { } missing)
        {
            throw ZitadelException.FailedPrecondition("COMMAND-mm9F4", $"Project role {missing} not found");
        }

        return roleKeys;
    }
}
