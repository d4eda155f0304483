namespace Emulators.Zitadel.State;

/// <summary>A role of a project; the key is unique within the project.</summary>
internal sealed record ProjectRoleRecord(
    string ProjectId, string Key, string DisplayName, string? Group, DateTimeOffset CreationDate,
    DateTimeOffset ChangeDate);
