namespace Operator.Controllers;

/// <summary>The controllers' log messages: object keys, outcomes and reasons; never tokens, hashes or spec values.</summary>
internal static partial class ControllerLog
{
    [LoggerMessage(3001, LogLevel.Information, "Reconciled ScimKey {Namespace}/{Name}: secret {SecretAction}, ready reason {Reason}")]
    public static partial void KeyReconciled(ILogger logger, string @namespace, string name, string secretAction, string reason);

    [LoggerMessage(3101, LogLevel.Information, "Reconciled ScimTenant {Namespace}/{Name}: first condition not True: {Condition}")]
    public static partial void TenantReconciled(ILogger logger, string @namespace, string name, string condition);
}
