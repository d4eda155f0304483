namespace Emulators.Zitadel.State;

/// <summary>An identity provider; <see cref="OrganizationId"/> is null for an instance-level IDP.</summary>
internal sealed record IdpRecord(string Id, string? OrganizationId, string Name);
