using System.Security.Cryptography;

namespace Emulators.Zitadel.Auth;

/// <summary>Random URL-safe bearer tokens for PATs and access tokens.</summary>
internal static class OpaqueToken
{
    public static string New() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '-').Replace('/', '_');
}
