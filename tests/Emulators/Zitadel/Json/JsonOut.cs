using System.Text.Json.Nodes;

namespace Emulators.Zitadel.Json;

/// <summary>
/// Output helpers that follow protojson with EmitUnpopulated off (§1.2): default values are left out,
/// 64-bit integers are strings, enums are names, timestamps RFC 3339, bytes base64.
/// </summary>
internal static class JsonOut
{
    public static JsonObject Str(this JsonObject json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json[name] = value;
        }

        return json;
    }

    public static JsonObject Bool(this JsonObject json, string name, bool value)
    {
        if (value)
        {
            json[name] = true;
        }

        return json;
    }

    public static JsonObject Int64(this JsonObject json, string name, long value)
    {
        if (value != 0)
        {
            json[name] = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return json;
    }

    public static JsonObject UInt32(this JsonObject json, string name, int value)
    {
        if (value != 0)
        {
            json[name] = value;
        }

        return json;
    }

    public static JsonObject Time(this JsonObject json, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            json[name] = ProtoTime.Format(time);
        }

        return json;
    }

    public static JsonObject Bytes(this JsonObject json, string name, byte[]? value)
    {
        if (value is { Length: > 0 })
        {
            json[name] = Convert.ToBase64String(value);
        }

        return json;
    }

    public static JsonObject Obj(this JsonObject json, string name, JsonObject? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }

        return json;
    }

    public static JsonObject Arr(this JsonObject json, string name, IEnumerable<JsonNode?> items)
    {
        var array = new JsonArray(items.ToArray());
        if (array.Count > 0)
        {
            json[name] = array;
        }

        return json;
    }

    public static JsonObject Strings(this JsonObject json, string name, IEnumerable<string> items) =>
        json.Arr(name, items.Select(item => (JsonNode?)JsonValue.Create(item)));
}
