using System.Text.Json.Nodes;
using Emulators.Zitadel.Auth;
using Emulators.Zitadel.Errors;
using Emulators.Zitadel.Hosting;
using Emulators.Zitadel.Json;
using Emulators.Zitadel.State;

namespace Emulators.Zitadel.Services.Administrators;

/// <summary>
/// <c>zitadel.internal_permission.v2.InternalPermissionService</c> (§9.1): administrators with a resource oneof;
/// update replaces the roles; delete is idempotent.
/// </summary>
internal static class InternalPermissionService
{
    public const string Name = "zitadel.internal_permission.v2.InternalPermissionService";

    public static void Map(MethodTable table)
    {
        table.Add(Name, "CreateAdministrator", CreateAdministrator);
        table.Add(Name, "UpdateAdministrator", UpdateAdministrator);
        table.Add(Name, "DeleteAdministrator", DeleteAdministrator);
        table.Add(Name, "ListAdministrators", AdministratorListHandler.ListAdministrators);
    }

    public static JsonObject CreateAdministrator(CallContext context, JsonObject request)
    {
        var (userId, target) = Read(context, request, "write");
        if (context.State.UserTable.Get(userId) is null)
        {
            throw ZitadelException.UserNotFound();
        }

        var roles = ReadRoles(request);
        if (context.State.AdministratorTable.Get((userId, target.Kind, target.ResourceId)) is not null)
        {
            throw ZitadelException.AlreadyExists("V3-DKcYh", "Member already exists");
        }

        context.State.NextSequence();
        context.State.AdministratorTable.Put((userId, target.Kind, target.ResourceId), new AdministratorRecord(userId,
            target.Kind, target.ResourceId, roles, context.Now, context.Now), context.Now);
        return new JsonObject().Time("creationDate", context.Now);
    }

    public static JsonObject UpdateAdministrator(CallContext context, JsonObject request)
    {
        var (userId, target) = Read(context, request, "write");
        var existing = context.State.AdministratorTable.Get((userId, target.Kind, target.ResourceId))
            ?? throw ZitadelException.NotFound("COMMAND-D8JxR", "Member not found");
        var roles = ReadRoles(request);
        if (roles.ToHashSet().SetEquals(existing.Roles))
        {
            return new JsonObject().Time("changeDate", existing.ChangeDate);
        }

        context.State.NextSequence();
        context.State.AdministratorTable.Put((userId, target.Kind, target.ResourceId),
            existing with { Roles = roles, ChangeDate = context.Now }, context.Now);
        return new JsonObject().Time("changeDate", context.Now);
    }

    public static JsonObject DeleteAdministrator(CallContext context, JsonObject request)
    {
        var (userId, target) = Read(context, request, "delete");
        if (context.State.AdministratorTable.Get((userId, target.Kind, target.ResourceId)) is null)
        {
            return new JsonObject();
        }

        context.State.NextSequence();
        context.State.AdministratorTable.Remove((userId, target.Kind, target.ResourceId), context.Now);
        return new JsonObject().Time("deletionDate", context.Now);
    }

    private static (string UserId, AdministratorTarget Target) Read(
        CallContext context, JsonObject request, string action)
    {
        var userId = request.RequiredStr("userId");
        var target = AdministratorTarget.Read(context, request.Obj("resource"));
        target.Require(context, action);
        return (userId, target);
    }

    private static List<string> ReadRoles(JsonObject request)
    {
        var roles = request.Strings("roles").Distinct(StringComparer.Ordinal).ToList();
        if (roles.Count == 0 || roles.Any(role => !RolePermissions.IsKnownRole(role)))
        {
            throw ZitadelException.InvalidArgument("IAM-4m0fS", "Roles must be one or more known administrator roles");
        }

        return roles;
    }
}
