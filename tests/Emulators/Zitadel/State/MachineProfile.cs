namespace Emulators.Zitadel.State;

/// <summary>The machine (service account) part of a user.</summary>
internal sealed record MachineProfile(string Name, string? Description, string AccessTokenType);
