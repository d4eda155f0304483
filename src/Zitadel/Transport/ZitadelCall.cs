namespace Zitadel.Transport;

/// <summary>One finished attempt.</summary>
/// <param name="Method">The RPC name, e.g. <c>CreateUser</c>, or <c>TokenExchange</c>.</param>
/// <param name="StatusCode">The HTTP status, or null when no response arrived.</param>
/// <param name="Code">The error code, or <see cref="ZitadelErrorCode.None"/> on success.</param>
/// <param name="Duration">Time from sending to the end of the response body.</param>
/// <param name="Attempt">1 for the first attempt of a call.</param>
internal sealed record ZitadelCall(string Method, int? StatusCode, ZitadelErrorCode Code, TimeSpan Duration, int Attempt);
