namespace Operator.Controllers.Zitadel;

/// <summary>The ZITADEL step's log messages: keys, calls and outcomes; never a credential.</summary>
internal static partial class ZitadelLog
{
    [LoggerMessage(3201, LogLevel.Warning, "ScimTenant {Namespace}/{Name}: ZITADEL {Operation} failed with HTTP {Status} {Code}")]
    public static partial void CallFailed(ILogger logger, string @namespace, string name, string operation, int status, string code);

    [LoggerMessage(3202, LogLevel.Information, "ScimTenant {Namespace}/{Name}: issued PAT {TokenId} for service user {UserId} ({Reason})")]
    public static partial void PatIssued(ILogger logger, string @namespace, string name, string tokenId, string userId, string reason);

    [LoggerMessage(3203, LogLevel.Warning, "ScimTenant {Namespace}/{Name}: the Secret write for PAT {TokenId} failed and the Secret could not be read back ({Error}); the PAT is kept, since the Secret may hold it")]
    public static partial void PatSecretUnreadable(ILogger logger, string @namespace, string name, string tokenId, string error);
}
