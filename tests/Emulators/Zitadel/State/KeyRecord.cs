namespace Emulators.Zitadel.State;

/// <summary>A machine key used for the JWT profile: the PEM (SubjectPublicKeyInfo) public key of a user.</summary>
internal sealed record KeyRecord(string Id, string UserId, string PublicKeyPem, DateTimeOffset? Expires);
