namespace Emulators.Zitadel.State;

/// <summary>
/// A bearer credential: a PAT, or an access token minted by the token endpoint. Tokens authenticate
/// <see cref="UserId"/> until <see cref="Expires"/>.
/// </summary>
internal sealed record CredentialRecord(string Id, string UserId, string Token, DateTimeOffset? Expires, bool IsPat);
