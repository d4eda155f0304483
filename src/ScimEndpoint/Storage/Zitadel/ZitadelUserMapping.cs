using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Resources;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Storage.Zitadel;

/// <summary>
/// Maps a normalized SCIM user to what ZITADEL stores and back. ZITADEL's own fields hold what it has a field for
/// (username, given and family name, display and nick name, preferred language, the primary e-mail and phone, the
/// state); every other attribute is user metadata under <c>scim.&lt;attribute&gt;</c> holding the attribute's JSON,
/// so a GET returns what Entra wrote. See docs/zitadel-mapping.md for the keys.
/// </summary>
internal static class ZitadelUserMapping
{
    public const string MetadataPrefix = "scim.";

    /// <summary>The SCIM externalId as a raw string (not JSON), so a metadata value filter can find it.</summary>
    public const string ExternalIdKey = "scim.externalId";

    /// <summary>Which native fields hold placeholders because ZITADEL requires them and SCIM sent none.</summary>
    public const string PlaceholdersKey = "scim.placeholders";

    /// <summary>ZITADEL's limits (zitadel-api.md §5.1, §6.3).</summary>
    internal const int MaxFieldLength = 200;
    internal const int MaxLanguageLength = 10;
    internal const int MaxMetadataBytes = 500_000;

    private static readonly HashSet<string> NativeAttributes = new(StringComparer.Ordinal)
    {
        "schemas", "id", "meta", "userName", "displayName", "nickName", "preferredLanguage", "active", "externalId",
    };

    public static ZitadelUserRecord ToRecord(JsonObject user, ZitadelMappingOptions options)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var placeholders = new List<string>();
        var userName = Field(user, "userName", MaxFieldLength) ?? throw ScimErrors.InvalidValue("Attribute 'userName' is required.");
        var name = user["name"] as JsonObject;
        var displayName = Field(user, "displayName", MaxFieldLength);
        var givenName = Field(name, "givenName", MaxFieldLength, "name.givenName");
        var familyName = Field(name, "familyName", MaxFieldLength, "name.familyName");

        // ZITADEL requires both name parts; without them the user still gets a usable profile, and reads omit it.
        var fallbackName = Truncate(displayName ?? userName);
        if (givenName is null)
        {
            placeholders.Add("name.givenName");
        }

        if (familyName is null)
        {
            placeholders.Add("name.familyName");
        }

        if (displayName is null)
        {
            placeholders.Add("displayName"); // ZITADEL fills in "Given Family"; reads must not show it.
        }

        var email = Primary(user["emails"]);
        if (email is null)
        {
            email = userName.Contains('@', StringComparison.Ordinal) ? userName : throw ScimErrors.InvalidValue(
                "ZITADEL requires an e-mail address: send 'emails', or a userName that is an e-mail address.");
            placeholders.Add("emails");
        }

        Check(email, MaxFieldLength, "emails.value");
        var preferredLanguage = Field(user, "preferredLanguage", MaxLanguageLength);
        foreach (var (key, value) in user)
        {
            if (value is null || NativeAttributes.Contains(key))
            {
                continue;
            }

            var stored = key == "name" ? WithoutNative((JsonObject)value) : value;
            if (stored is not null)
            {
                metadata[MetadataPrefix + key] = stored.ToJsonString();
            }
        }

        if (user["externalId"] is JsonValue externalId)
        {
            metadata[ExternalIdKey] = (string)externalId!;
        }

        if (placeholders.Count > 0)
        {
            metadata[PlaceholdersKey] = JsonSerializer.Serialize(placeholders);
        }

        // The tenant's own mappings: plain-text copies under its keys, which never start with "scim.".
        foreach (var mapping in options.Metadata)
        {
            if (mapping.ValueIn(user) is { } text)
            {
                metadata[mapping.Key] = text;
            }
        }

        foreach (var (key, value) in metadata)
        {
            if (key.Length > MaxFieldLength || Encoding.UTF8.GetByteCount(value) > MaxMetadataBytes)
            {
                var attribute = key.StartsWith(MetadataPrefix, StringComparison.Ordinal) ? key[MetadataPrefix.Length..] : key;
                throw ScimErrors.InvalidValue(
                    $"Attribute '{attribute}' is too large to store in ZITADEL (metadata values hold at most {MaxMetadataBytes} bytes).");
            }
        }

        return new ZitadelUserRecord
        {
            Username = userName,
            GivenName = givenName ?? fallbackName,
            FamilyName = familyName ?? fallbackName,
            DisplayName = displayName,
            NickName = Field(user, "nickName", MaxFieldLength),
            PreferredLanguage = preferredLanguage,
            Email = email,
            EmailVerified = options.EmailVerified,
            Phone = Primary(user["phoneNumbers"]),
            PhoneVerified = options.PhoneVerified,
            Active = user["active"] is not JsonValue active || (bool)active,
            Metadata = metadata,
        };
    }

    /// <summary>
    /// Builds the normalized SCIM user. Native fields win over metadata, so a change made in ZITADEL directly
    /// (say, a new e-mail) shows. Metadata that does not parse is skipped, never fatal to a read. <c>userType</c> is the
    /// User type with the tenant's custom extensions (default: the built-in one).
    /// </summary>
    public static JsonObject ToScim(
        string id, ZitadelUserRecord record, ZitadelResourceDetails details, ResourceTypeDefinition? userType = null)
    {
        var type = userType ?? ScimSchemas.UserType;
        var placeholders = Placeholders(record.Metadata);
        var user = new JsonObject { ["id"] = id };
        if (record.Metadata.TryGetValue(ExternalIdKey, out var externalId))
        {
            user["externalId"] = externalId;
        }

        user["userName"] = record.Username;
        foreach (var (key, value) in record.Metadata)
        {
            if (key.StartsWith(MetadataPrefix, StringComparison.Ordinal) && key != ExternalIdKey && key != PlaceholdersKey
                && ReadAttribute(type, key[MetadataPrefix.Length..], value) is { } node)
            {
                user[key[MetadataPrefix.Length..]] = node;
            }
        }

        var name = user["name"] as JsonObject ?? new JsonObject();
        SetUnlessPlaceholder(name, "givenName", record.GivenName, placeholders, "name.givenName");
        SetUnlessPlaceholder(name, "familyName", record.FamilyName, placeholders, "name.familyName");
        user["name"] = name.Count == 0 ? null : name;
        Set(user, "displayName", placeholders.Contains("displayName") ? null : record.DisplayName);
        Set(user, "nickName", record.NickName);
        Set(user, "preferredLanguage", record.PreferredLanguage);
        user["active"] = record.Active;
        user["emails"] = placeholders.Contains("emails") ? null : WithPrimary(user["emails"], record.Email);
        user["phoneNumbers"] = WithPrimary(user["phoneNumbers"], record.Phone);
        RemoveNulls(user);
        user["meta"] = details.ToMeta(type.Name);
        return ResourceNormalizer.Finish(type, user);
    }

    private static string? Field(JsonObject? container, string name, int maxLength, string? path = null)
    {
        var value = container?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? (string)v! : null;
        if (value is not null)
        {
            Check(value, maxLength, path ?? name);
        }

        return value;
    }

    private static void Check(string value, int maxLength, string path)
    {
        if (value.Length > maxLength)
        {
            throw ScimErrors.InvalidValue($"Attribute '{path}' is longer than ZITADEL allows ({maxLength} characters).");
        }
    }

    private static string Truncate(string text) => text.Length <= MaxFieldLength ? text : text[..MaxFieldLength];

    /// <summary>The value of the primary element, or of the first one when none is primary.</summary>
    private static string? Primary(JsonNode? values) =>
        values is JsonArray array
            ? ((array.FirstOrDefault(IsPrimary) ?? array.FirstOrDefault())?["value"] is JsonValue v ? (string?)v : null)
            : null;

    private static bool IsPrimary(JsonNode? element) =>
        element?["primary"] is JsonValue p && p.GetValueKind() == JsonValueKind.True;

    /// <summary>Puts ZITADEL's current value into the primary element (or drops that element when it has none).</summary>
    private static JsonArray? WithPrimary(JsonNode? stored, string? native)
    {
        var array = stored as JsonArray ?? [];
        var primary = array.FirstOrDefault(IsPrimary) ?? array.FirstOrDefault();
        if (native is null)
        {
            if (primary is not null)
            {
                array.Remove(primary);
            }
        }
        else if (primary is JsonObject element)
        {
            element["value"] = native;
        }
        else
        {
            array.Add(new JsonObject { ["value"] = native, ["primary"] = true });
        }

        return array.Count == 0 ? null : array;
    }

    private static JsonObject? WithoutNative(JsonObject name)
    {
        var rest = new JsonObject();
        foreach (var (key, value) in name)
        {
            if (key is not ("givenName" or "familyName"))
            {
                rest[key] = value?.DeepClone();
            }
        }

        return rest.Count == 0 ? null : rest;
    }

    private static HashSet<string> Placeholders(IReadOnlyDictionary<string, string> metadata)
    {
        if (metadata.TryGetValue(PlaceholdersKey, out var json) && ParseOrNull(json) is JsonArray list)
        {
            return list.Select(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? (string)v! : "").ToHashSet();
        }

        return [];
    }

    private static void SetUnlessPlaceholder(
        JsonObject container, string name, string value, HashSet<string> placeholders, string path)
    {
        if (placeholders.Contains(path))
        {
            container.Remove(name);
        }
        else
        {
            container[name] = value;
        }
    }

    private static void Set(JsonObject user, string name, string? value) => user[name] = value;

    private static void RemoveNulls(JsonObject user)
    {
        foreach (var key in user.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            user.Remove(key);
        }
    }

    /// <summary>
    /// One metadata entry back into a normalized attribute value. An entry for an attribute the schema no longer has,
    /// or one that does not validate (edited outside SCIM), is left out rather than failing the read.
    /// </summary>
    private static JsonNode? ReadAttribute(ResourceTypeDefinition type, string name, string json)
    {
        if (ParseOrNull(json) is not { } value)
        {
            return null;
        }

        try
        {
            if (type.FindExtension(name) is { } extension)
            {
                return value is JsonObject values ? NormalizeExtension(extension.Schema, values) : null;
            }

            return type.Schema.FindAttribute(name) is { } attribute
                ? ValueNormalizer.Attribute(attribute, value, attribute.Name)
                : null;
        }
        catch (ScimException)
        {
            return null;
        }
    }

    private static JsonObject? NormalizeExtension(ScimSchema schema, JsonObject values)
    {
        var result = new JsonObject();
        foreach (var (name, value) in values)
        {
            if (schema.Open)
            {
                // A custom extension: its attributes as stored, under the names first written.
                if (CustomExtensions.Normalize(value, $"{schema.Id}:{name}") is { } kept)
                {
                    result[name] = kept;
                }
            }
            else if (schema.FindAttribute(name) is { } attribute
                && ValueNormalizer.Attribute(attribute, value, attribute.Name) is { } normalized)
            {
                result[attribute.Name] = normalized;
            }
        }

        return result.Count == 0 ? null : result;
    }

    private static JsonNode? ParseOrNull(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
