namespace Zitadel;

/// <summary>A ZITADEL call failed: an error answer, a transport failure or a timeout.</summary>
/// <remarks>
/// Note: the message carries only the method, HTTP status, code, error id and ZITADEL's own message. It never carries
/// a token, an assertion, a key, a header or a request body.
/// </remarks>
internal sealed class ZitadelException : Exception
{
    public ZitadelException(
        string method,
        int? statusCode,
        ZitadelErrorCode code,
        string? errorId,
        string? zitadelMessage,
        TimeSpan? retryAfter = null,
        Exception? innerException = null)
        : base(Describe(method, statusCode, code, errorId, zitadelMessage), innerException)
    {
        Method = method;
        StatusCode = statusCode;
        Code = code;
        ErrorId = errorId;
        ZitadelMessage = zitadelMessage;
        RetryAfter = retryAfter;
    }

    /// <summary>The RPC name, e.g. <c>CreateUser</c>, or <c>TokenExchange</c> for the JWT-profile token call.</summary>
    public string Method { get; }

    /// <summary>The HTTP status, or null when no response arrived (connection failure, timeout).</summary>
    public int? StatusCode { get; }

    public ZitadelErrorCode Code { get; }

    /// <summary>ZITADEL's stable error id, e.g. <c>V3-DKcYh</c>, when the answer carried one.</summary>
    public string? ErrorId { get; }

    /// <summary>The message ZITADEL returned, verbatim.</summary>
    public string? ZitadelMessage { get; }

    /// <summary>The server's <c>Retry-After</c>, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    public bool IsAlreadyExists => Code == ZitadelErrorCode.AlreadyExists;

    public bool IsNotFound => Code == ZitadelErrorCode.NotFound;

    public bool IsFailedPrecondition => Code == ZitadelErrorCode.FailedPrecondition;

    public bool IsPermissionDenied => Code == ZitadelErrorCode.PermissionDenied;

    public bool IsUnauthenticated => Code == ZitadelErrorCode.Unauthenticated;

    private static string Describe(
        string method, int? statusCode, ZitadelErrorCode code, string? errorId, string? zitadelMessage)
    {
        var status = statusCode is { } s ? $"HTTP {s}" : "no response";
        var id = errorId is null ? "" : $" [{errorId}]";
        var text = string.IsNullOrEmpty(zitadelMessage) ? "" : $": {zitadelMessage}";
        return $"ZITADEL {method} failed ({status}, {code}){id}{text}";
    }
}
