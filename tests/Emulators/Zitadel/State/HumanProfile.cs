namespace Emulators.Zitadel.State;

/// <summary>The human part of a user.</summary>
internal sealed record HumanProfile(
    string GivenName, string FamilyName, string? NickName, string DisplayName, string? PreferredLanguage,
    string Email, bool IsEmailVerified, string? Phone, bool IsPhoneVerified);
