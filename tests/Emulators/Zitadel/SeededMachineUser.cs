namespace Emulators.Zitadel;

/// <summary>A machine user created by a seeding helper, with its personal access token.</summary>
internal sealed record SeededMachineUser(string UserId, string OrganizationId, string UserName, string Pat);
