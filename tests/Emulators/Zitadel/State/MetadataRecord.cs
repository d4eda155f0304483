namespace Emulators.Zitadel.State;

/// <summary>One metadata entry of a user.</summary>
internal sealed record MetadataRecord(
    string UserId, string Key, byte[] Value, DateTimeOffset CreationDate, DateTimeOffset ChangeDate);
