namespace Emulators.Zitadel.State;

/// <summary>
/// Administrator roles of a user on a resource: the instance (<see cref="ResourceId"/> empty), an organization or
/// a project.
/// </summary>
internal sealed record AdministratorRecord(
    string UserId, AdministratorResource Resource, string ResourceId, IReadOnlyList<string> Roles,
    DateTimeOffset CreationDate, DateTimeOffset ChangeDate);
