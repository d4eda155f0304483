using System.Text.Json.Nodes;

namespace Emulators.Zitadel.Errors;

/// <summary>
/// Builds the two error bodies of §3.3: Connect (<c>code</c> as a name) and grpc-gateway (<c>code</c> as a number).
/// </summary>
internal static class ErrorBodies
{
    public static JsonObject Connect(ZitadelException error) => new()
    {
        ["code"] = error.Code.ConnectName,
        ["message"] = error.Message,
        ["details"] = new JsonArray(new JsonObject
        {
            ["type"] = "zitadel.v1.ErrorDetail",
            ["value"] = Convert.ToBase64String(EncodeErrorDetail(error.Id, error.Detail)),
            ["debug"] = new JsonObject { ["id"] = error.Id, ["message"] = error.Detail },
        }),
    };

    public static JsonObject Rest(ZitadelException error) => new()
    {
        ["code"] = error.Code.GrpcNumber,
        ["message"] = error.Message,
        ["details"] = new JsonArray(new JsonObject
        {
            ["@type"] = "type.googleapis.com/zitadel.v1.ErrorDetail",
            ["id"] = error.Id,
            ["message"] = error.Detail,
        }),
    };

    /// <summary>The protobuf wire form of <c>zitadel.v1.ErrorDetail {string id = 1; string message = 2;}</c>.</summary>
    private static byte[] EncodeErrorDetail(string id, string message)
    {
        using var stream = new MemoryStream();
        WriteString(stream, 1, id);
        WriteString(stream, 2, message);
        return stream.ToArray();
    }

    private static void WriteString(MemoryStream stream, int field, string value)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(value);
        stream.WriteByte((byte)((field << 3) | 2));
        var length = (uint)bytes.Length;
        while (length >= 0x80)
        {
            stream.WriteByte((byte)(length | 0x80));
            length >>= 7;
        }

        stream.WriteByte((byte)length);
        stream.Write(bytes);
    }
}
