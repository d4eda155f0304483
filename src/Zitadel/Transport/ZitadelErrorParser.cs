using System.Text.Json;
using System.Text.RegularExpressions;

namespace Zitadel.Transport;

/// <summary>
/// Turns a failed answer into a <see cref="ZitadelException"/>: a Connect body (<c>code</c> as a snake_case name),
/// a grpc-gateway body (<c>code</c> as a gRPC number), an OAuth body (<c>error</c>), or anything else (e.g. an HTML
/// 502 from a proxy), which is classified by its HTTP status alone.
/// </summary>
internal static partial class ZitadelErrorParser
{
    private static readonly Dictionary<string, ZitadelErrorCode> ConnectCodes = new(StringComparer.Ordinal)
    {
        ["canceled"] = ZitadelErrorCode.Canceled,
        ["unknown"] = ZitadelErrorCode.Unknown,
        ["invalid_argument"] = ZitadelErrorCode.InvalidArgument,
        ["deadline_exceeded"] = ZitadelErrorCode.DeadlineExceeded,
        ["not_found"] = ZitadelErrorCode.NotFound,
        ["already_exists"] = ZitadelErrorCode.AlreadyExists,
        ["permission_denied"] = ZitadelErrorCode.PermissionDenied,
        ["resource_exhausted"] = ZitadelErrorCode.ResourceExhausted,
        ["failed_precondition"] = ZitadelErrorCode.FailedPrecondition,
        ["aborted"] = ZitadelErrorCode.Aborted,
        ["out_of_range"] = ZitadelErrorCode.OutOfRange,
        ["unimplemented"] = ZitadelErrorCode.Unimplemented,
        ["internal"] = ZitadelErrorCode.Internal,
        ["unavailable"] = ZitadelErrorCode.Unavailable,
        ["data_loss"] = ZitadelErrorCode.DataLoss,
        ["unauthenticated"] = ZitadelErrorCode.Unauthenticated,
    };

    public static ZitadelException Parse(string method, int statusCode, ReadOnlySpan<byte> body, TimeSpan? retryAfter)
    {
        var (code, errorId, message) = TryReadBody(body) ?? (FromHttpStatus(statusCode), null, null);
        errorId ??= message is null ? null : IdSuffix().Match(message) is { Success: true } m ? m.Groups[1].Value : null;
        return new ZitadelException(method, statusCode, code, errorId, message, retryAfter);
    }

    /// <summary>The code of an answer without a recognizable error body (the contract's status table, reversed).</summary>
    public static ZitadelErrorCode FromHttpStatus(int statusCode) => statusCode switch
    {
        400 => ZitadelErrorCode.InvalidArgument,
        401 => ZitadelErrorCode.Unauthenticated,
        403 => ZitadelErrorCode.PermissionDenied,
        404 => ZitadelErrorCode.NotFound,
        409 => ZitadelErrorCode.AlreadyExists,
        429 => ZitadelErrorCode.ResourceExhausted,
        499 => ZitadelErrorCode.Canceled,
        500 => ZitadelErrorCode.Internal,
        501 => ZitadelErrorCode.Unimplemented,
        502 or 503 => ZitadelErrorCode.Unavailable,
        504 => ZitadelErrorCode.DeadlineExceeded,
        _ => ZitadelErrorCode.Unknown,
    };

    private static (ZitadelErrorCode Code, string? ErrorId, string? Message)? TryReadBody(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty || body[0] != (byte)'{')
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            if (root.TryGetProperty("error", out var oauthError) && oauthError.ValueKind == JsonValueKind.String)
            {
                // RFC 6749 §5.2: every OAuth error of the token endpoint means "no token for you".
                var description = GetString(root, "error_description");
                var text = description is null ? oauthError.GetString() : $"{oauthError.GetString()}: {description}";
                return (ZitadelErrorCode.Unauthenticated, null, text);
            }

            if (!root.TryGetProperty("code", out var codeElement))
            {
                return null;
            }

            var code = codeElement.ValueKind switch
            {
                JsonValueKind.String => ConnectCodes.GetValueOrDefault(codeElement.GetString()!, ZitadelErrorCode.Unknown),
                JsonValueKind.Number when codeElement.TryGetInt32(out var n) && Enum.IsDefined((ZitadelErrorCode)n) =>
                    (ZitadelErrorCode)n,
                _ => ZitadelErrorCode.Unknown,
            };
            return (code, ReadDetailId(root), GetString(root, "message"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Connect puts the id in <c>details[].debug.id</c>, grpc-gateway in <c>details[].id</c>.</summary>
    private static string? ReadDetailId(JsonElement root)
    {
        if (!root.TryGetProperty("details", out var details) || details.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var detail in details.EnumerateArray())
        {
            if (detail.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var source = detail.TryGetProperty("debug", out var debug) && debug.ValueKind == JsonValueKind.Object
                ? debug
                : detail;
            if (GetString(source, "id") is { Length: > 0 } id)
            {
                return id;
            }
        }

        return null;
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>ZITADEL ends its messages with the error id: <c>"User already exists (V3-DKcYh)"</c>.</summary>
    [GeneratedRegex(@"\(([A-Za-z0-9]+-[A-Za-z0-9]+)\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdSuffix();
}
