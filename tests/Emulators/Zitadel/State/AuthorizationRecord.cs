namespace Emulators.Zitadel.State;

/// <summary>A user grant: the roles a user holds on a project, created on an organization.</summary>
internal sealed record AuthorizationRecord(
    string Id, string UserId, string ProjectId, string OrganizationId, IReadOnlyList<string> RoleKeys,
    DateTimeOffset CreationDate, DateTimeOffset ChangeDate);
