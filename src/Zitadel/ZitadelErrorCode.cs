namespace Zitadel;

/// <summary>The gRPC status code of a failed ZITADEL call; the values are the gRPC numbers (contract "Errors").</summary>
internal enum ZitadelErrorCode
{
    /// <summary>Not an error (gRPC OK); never carried by a <see cref="ZitadelException"/>.</summary>
    None = 0,
    Canceled = 1,
    Unknown = 2,
    InvalidArgument = 3,
    DeadlineExceeded = 4,
    NotFound = 5,
    AlreadyExists = 6,
    PermissionDenied = 7,
    ResourceExhausted = 8,
    FailedPrecondition = 9,
    Aborted = 10,
    OutOfRange = 11,
    Unimplemented = 12,
    Internal = 13,
    Unavailable = 14,
    DataLoss = 15,
    Unauthenticated = 16,
}
