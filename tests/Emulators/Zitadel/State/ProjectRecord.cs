namespace Emulators.Zitadel.State;

/// <summary>A project owned by an organization.</summary>
internal sealed record ProjectRecord(
    string Id, string OrganizationId, string Name, bool ProjectRoleAssertion, DateTimeOffset CreationDate,
    DateTimeOffset ChangeDate);
