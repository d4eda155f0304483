using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Emulators.Kubernetes.Errors;
using Emulators.Kubernetes.Json;

namespace Emulators.Kubernetes.Schema;

/// <summary>
/// The OpenAPI v3 subset CRD validation checks (kubernetes-api.md §2.12 step 4), with upstream's field error
/// wording. <c>x-kubernetes-validations</c> (CEL) is not evaluated.
/// </summary>
internal static class SchemaValidator
{
    public static List<FieldError> Validate(JsonObject obj, JsonObject? schema)
    {
        var errors = new List<FieldError>();
        if (schema is null)
        {
            return errors;
        }

        foreach (var required in Strings(schema["required"]))
        {
            if (required is not ("apiVersion" or "kind" or "metadata") && !obj.ContainsKey(required))
            {
                errors.Add(FieldError.Required(required));
            }
        }

        foreach (var (key, value) in obj)
        {
            if (key is not ("apiVersion" or "kind" or "metadata") && schema["properties"]?[key] is JsonObject child)
            {
                Check(value, child, key, errors);
            }
        }

        return errors;
    }

    private static void Check(JsonNode? node, JsonObject schema, string path, List<FieldError> errors)
    {
        if (node is null)
        {
            if (schema["nullable"]?.GetValue<bool>() != true)
            {
                var type = schema["type"].AsString() ?? "object";
                errors.Add(FieldError.TypeInvalid(path, "\"null\"", $"{path} in body must be of type {type}: \"null\""));
            }

            return;
        }

        if (!CheckType(node, schema, path, errors))
        {
            return;
        }

        CheckEnum(node, schema, path, errors);
        switch (node)
        {
            case JsonObject obj:
                CheckObject(obj, schema, path, errors);
                break;
            case JsonArray array:
                CheckArray(array, schema, path, errors);
                break;
            default:
                CheckScalar((JsonValue)node, schema, path, errors);
                break;
        }
    }

    private static bool CheckType(JsonNode node, JsonObject schema, string path, List<FieldError> errors)
    {
        var actual = Json.Json.Kind(node);
        var isInteger = actual == "number" && Json.Json.TryNumber(node, out var n) && n == Math.Floor(n) &&
            !node.ToJsonString().Contains('.', StringComparison.Ordinal);
        if (schema["x-kubernetes-int-or-string"]?.GetValue<bool>() == true)
        {
            if (isInteger || actual == "string")
            {
                return true;
            }

            errors.Add(FieldError.TypeInvalid(path, $"\"{actual}\"",
                $"{path} in body must be of type integer,string: \"{actual}\""));
            return false;
        }

        var expected = schema["type"].AsString();
        var ok = expected switch
        {
            null => true,
            "integer" => isInteger,
            "number" => actual == "number",
            _ => expected == actual,
        };
        if (!ok)
        {
            var shown = isInteger ? "integer" : actual;
            errors.Add(FieldError.TypeInvalid(path, $"\"{shown}\"", $"{path} in body must be of type {expected}: \"{shown}\""));
        }

        return ok;
    }

    private static void CheckEnum(JsonNode node, JsonObject schema, string path, List<FieldError> errors)
    {
        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, node)))
        {
            errors.Add(FieldError.NotSupported(path, Json.Json.GoValue(node), allowed.Select(Json.Json.GoValue)));
        }
    }

    private static void CheckObject(JsonObject obj, JsonObject schema, string path, List<FieldError> errors)
    {
        foreach (var required in Strings(schema["required"]))
        {
            if (!obj.ContainsKey(required))
            {
                errors.Add(FieldError.Required($"{path}.{required}"));
            }
        }

        if (Int(schema["minProperties"]) is { } minProperties && obj.Count < minProperties)
        {
            errors.Add(FieldError.Invalid(path, obj.Count.ToString(CultureInfo.InvariantCulture),
                $"{path} in body should have at least {minProperties} properties"));
        }

        if (Int(schema["maxProperties"]) is { } maxProperties && obj.Count > maxProperties)
        {
            errors.Add(FieldError.Invalid(path, obj.Count.ToString(CultureInfo.InvariantCulture),
                $"{path} in body should have at most {maxProperties} properties"));
        }

        foreach (var (key, value) in obj)
        {
            var child = schema["properties"]?[key] as JsonObject ?? schema["additionalProperties"] as JsonObject;
            if (child is not null && !(schema["x-kubernetes-embedded-resource"]?.GetValue<bool>() == true &&
                key is "apiVersion" or "kind" or "metadata"))
            {
                Check(value, child, $"{path}.{key}", errors);
            }
        }
    }

    private static void CheckArray(JsonArray array, JsonObject schema, string path, List<FieldError> errors)
    {
        if (Int(schema["minItems"]) is { } minItems && array.Count < minItems)
        {
            errors.Add(FieldError.Invalid(path, array.Count.ToString(CultureInfo.InvariantCulture),
                $"{path} in body should have at least {minItems} items"));
        }

        if (Int(schema["maxItems"]) is { } maxItems && array.Count > maxItems)
        {
            errors.Add(new FieldError("FieldValueTooMany", path,
                $"Too many: {array.Count}: must have at most {maxItems} items"));
        }

        if (schema["uniqueItems"]?.GetValue<bool>() == true)
        {
            for (var i = 1; i < array.Count; i++)
            {
                if (array.Take(i).Any(prior => JsonNode.DeepEquals(prior, array[i])))
                {
                    errors.Add(new FieldError("FieldValueDuplicate", $"{path}[{i}]",
                        $"Duplicate value: {Json.Json.GoValue(array[i])}"));
                }
            }
        }

        if (schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Check(array[i], items, $"{path}[{i}]", errors);
            }
        }
    }

    private static void CheckScalar(JsonValue value, JsonObject schema, string path, List<FieldError> errors)
    {
        var shown = Json.Json.GoValue(value);
        if (Json.Json.TryNumber(value, out var number))
        {
            CheckBound(schema, "minimum", "exclusiveMinimum", number, path, shown, errors, lower: true);
            CheckBound(schema, "maximum", "exclusiveMaximum", number, path, shown, errors, lower: false);
            return;
        }

        if (value.GetValueKind() != JsonValueKind.String)
        {
            return;
        }

        var text = value.GetValue<string>();
        if (Int(schema["minLength"]) is { } minLength && text.Length < minLength)
        {
            errors.Add(FieldError.Invalid(path, shown, $"{path} in body should be at least {minLength} chars long"));
        }

        if (Int(schema["maxLength"]) is { } maxLength && text.Length > maxLength)
        {
            errors.Add(new FieldError("FieldValueTooLong", path, $"Too long: may not be more than {maxLength} bytes"));
        }

        if (schema["pattern"].AsString() is { } pattern &&
            !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            errors.Add(FieldError.Invalid(path, shown, $"{path} in body should match '{pattern}'"));
        }

        if (schema["format"].AsString() is { } format && !FormatOk(format, text))
        {
            errors.Add(FieldError.Invalid(path, shown, $"{path} in body must be of type {format}: {shown}"));
        }
    }

    private static void CheckBound(JsonObject schema, string bound, string exclusive, double number, string path,
        string shown, List<FieldError> errors, bool lower)
    {
        if (!Json.Json.TryNumber(schema[bound], out var limit))
        {
            return;
        }

        var strict = schema[exclusive]?.GetValue<bool>() == true;
        var violates = lower ? (strict ? number <= limit : number < limit) : (strict ? number >= limit : number > limit);
        if (violates)
        {
            var relation = (lower ? "greater than" : "less than") + (strict ? "" : " or equal to");
            errors.Add(FieldError.Invalid(path, shown,
                $"{path} in body should be {relation} {schema[bound]!.ToJsonString()}"));
        }
    }

    private static bool FormatOk(string format, string text) => format switch
    {
        "date-time" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind,
            out _) && text.Contains('T', StringComparison.OrdinalIgnoreCase),
        "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "int32" or "int64" or "byte" or "password" or "" => true,
        "uuid" => Guid.TryParse(text, out _),
        "hostname" => Regex.IsMatch(text, "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
            RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)),
        _ => true,
    };

    private static int? Int(JsonNode? node) => Json.Json.TryNumber(node, out var n) ? (int)n : null;

    private static IEnumerable<string> Strings(JsonNode? node) =>
        node is JsonArray a ? a.Select(x => x.AsString()).OfType<string>() : [];
}
