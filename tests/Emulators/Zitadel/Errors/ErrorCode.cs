namespace Emulators.Zitadel.Errors;

/// <summary>A gRPC status code with its Connect name and the HTTP status both ZITADEL surfaces use (§3.2).</summary>
internal sealed record ErrorCode(string ConnectName, int GrpcNumber, int HttpStatus)
{
    public static readonly ErrorCode InvalidArgument = new("invalid_argument", 3, 400);
    public static readonly ErrorCode NotFound = new("not_found", 5, 404);
    public static readonly ErrorCode AlreadyExists = new("already_exists", 6, 409);
    public static readonly ErrorCode PermissionDenied = new("permission_denied", 7, 403);
    public static readonly ErrorCode ResourceExhausted = new("resource_exhausted", 8, 429);
    public static readonly ErrorCode FailedPrecondition = new("failed_precondition", 9, 400);
    public static readonly ErrorCode Unimplemented = new("unimplemented", 12, 501);
    public static readonly ErrorCode Internal = new("internal", 13, 500);
    public static readonly ErrorCode Unavailable = new("unavailable", 14, 503);
    public static readonly ErrorCode Unauthenticated = new("unauthenticated", 16, 401);
}
