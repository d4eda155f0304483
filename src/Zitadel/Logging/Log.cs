using Microsoft.Extensions.Logging;

namespace Zitadel.Logging;

/// <summary>Every log message of the ZITADEL client (event ids 5000–5099). Never logs tokens, keys or bodies.</summary>
internal static partial class Log
{
    [LoggerMessage(5001, LogLevel.Information,
        "Retrying ZITADEL {Method} after HTTP {StatusCode} {Code} on attempt {Attempt} in {DelayMs} ms")]
    public static partial void RetryingCall(
        ILogger logger, string method, int? statusCode, ZitadelErrorCode code, int attempt, double delayMs);

    [LoggerMessage(5002, LogLevel.Information, "Refreshing the ZITADEL access token after {Method} was rejected with 401")]
    public static partial void RefreshingRejectedToken(ILogger logger, string method);

    [LoggerMessage(5003, LogLevel.Information,
        "Exchanged a JWT-profile assertion of key {KeyId} for a ZITADEL access token valid {ExpiresInSeconds} s")]
    public static partial void ExchangedToken(ILogger logger, string keyId, long expiresInSeconds);
}
