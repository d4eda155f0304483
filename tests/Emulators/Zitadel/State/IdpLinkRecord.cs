namespace Emulators.Zitadel.State;

/// <summary>A link between a user and an account at an IDP; (IdpId, ExternalUserId) is unique instance-wide.</summary>
internal sealed record IdpLinkRecord(string UserId, string IdpId, string ExternalUserId, string ExternalUserName);
