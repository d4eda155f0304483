namespace Emulators.Zitadel.Errors;

/// <summary>
/// A ZITADEL error: code, stable id (e.g. <c>V3-DKcYh</c>) and the translated message without the id.
/// </summary>
internal sealed class ZitadelException(ErrorCode code, string id, string message) : Exception($"{message} ({id})")
{
    public ErrorCode Code { get; } = code;

    public string Id { get; } = id;

    public string Detail { get; } = message;

    public static ZitadelException InvalidArgument(string id, string message) =>
        new(ErrorCode.InvalidArgument, id, message);

    public static ZitadelException NotFound(string id, string message) => new(ErrorCode.NotFound, id, message);

    public static ZitadelException AlreadyExists(string id, string message) =>
        new(ErrorCode.AlreadyExists, id, message);

    public static ZitadelException FailedPrecondition(string id, string message) =>
        new(ErrorCode.FailedPrecondition, id, message);

    public static ZitadelException PermissionDenied(string permission) =>
        new(ErrorCode.PermissionDenied, "AUTHZ-HKJD33", $"No matching permissions found ({permission})");

    public static ZitadelException Unauthenticated(string id, string message) =>
        new(ErrorCode.Unauthenticated, id, message);

    public static ZitadelException UserNotFound() => NotFound("COMMAND-ugjs0upun6", "User could not be found");
}
