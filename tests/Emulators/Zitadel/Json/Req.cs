using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Emulators.Zitadel.Errors;

namespace Emulators.Zitadel.Json;

/// <summary>
/// Reads protojson request fields leniently where protojson is lenient (unknown fields, int64 as string or number,
/// enums as name or number) and rejects type mismatches with <c>invalid_argument</c> as the real server does.
/// </summary>
internal static class Req
{
    public static string? Str(this JsonObject? json, string name) => json?[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw Invalid(name, "a string"),
    };

    public static string RequiredStr(this JsonObject? json, string name, int max = 200)
    {
        var value = json.Str(name);
        if (string.IsNullOrEmpty(value) || value.Length > max)
        {
            throw ZitadelException.InvalidArgument("PARAM-" + name, $"Invalid {name}: length must be 1 to {max}");
        }

        return value;
    }

    public static bool Bool(this JsonObject? json, string name) => json?[name] switch
    {
        null => false,
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False =>
            value.GetValue<bool>(),
        _ => throw Invalid(name, "a boolean"),
    };

    public static long Int64(this JsonObject? json, string name) => json?[name] switch
    {
        null => 0,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.GetValue<long>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.String &&
            long.TryParse(value.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            => n,
        _ => throw Invalid(name, "an integer"),
    };

    public static JsonObject? Obj(this JsonObject? json, string name) => json?[name] switch
    {
        null => null,
        JsonObject value => value,
        _ => throw Invalid(name, "an object"),
    };

    public static IReadOnlyList<JsonObject> Objects(this JsonObject? json, string name) => json?[name] switch
    {
        null => [],
        JsonArray array => array.Select(item => item as JsonObject ?? throw Invalid(name, "a list of objects"))
            .ToList(),
        _ => throw Invalid(name, "a list"),
    };

    public static IReadOnlyList<string> Strings(this JsonObject? json, string name) => json?[name] switch
    {
        null => [],
        JsonArray array => array.Select(item => item is JsonValue value &&
                value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>()
                : throw Invalid(name, "a list of strings")).ToList(),
        _ => throw Invalid(name, "a list"),
    };

    public static byte[] Bytes(this JsonObject? json, string name)
    {
        var text = json.Str(name);
        if (text is null)
        {
            return [];
        }

        try
        {
            // protojson accepts standard and URL-safe base64, padded or not.
            var normal = text.Replace('-', '+').Replace('_', '/');
            return Convert.FromBase64String(normal.PadRight(normal.Length + ((4 - (normal.Length % 4)) % 4), '='));
        }
        catch (FormatException)
        {
            throw Invalid(name, "base64 bytes");
        }
    }

    public static DateTimeOffset? Time(this JsonObject? json, string name)
    {
        var text = json.Str(name);
        if (text is null)
        {
            return null;
        }

        return ProtoTime.TryParse(text, out var value) ? value : throw Invalid(name, "an RFC 3339 timestamp");
    }

    /// <summary>Reads an enum given as a name or a number; <paramref name="names"/> is indexed by number.</summary>
    public static int Enum(this JsonObject? json, string name, IReadOnlyList<string> names) => json?[name] switch
    {
        null => 0,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number &&
            value.GetValue<int>() is var n && n >= 0 && n < names.Count => n,
        JsonValue value when value.GetValueKind() == JsonValueKind.String &&
            names.ToList().IndexOf(value.GetValue<string>()) is var i && i >= 0 => i,
        _ => throw Invalid(name, "a known enum value"),
    };

    private static ZitadelException Invalid(string name, string expected) =>
        ZitadelException.InvalidArgument("PROTOJSON-1", $"Invalid value for field {name}: expected {expected}");
}
