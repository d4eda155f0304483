using System.Text.Json.Nodes;
using Emulators.Kubernetes.Json;
using Emulators.Kubernetes.Registry;

namespace Emulators.Kubernetes.Tables;

/// <summary>
/// <c>meta.k8s.io/v1</c> Tables (kubernetes-api.md §2.6): CRD printer columns (or Age), the default Name and
/// Created At for builtins, date columns as server-side ages, and PartialObjectMetadata row objects.
/// </summary>
internal static class TableConverter
{
    public static JsonObject Convert(ResourceType type, IEnumerable<JsonObject> objects, string resourceVersion,
        string? continueToken, string? includeObject, DateTimeOffset now)
    {
        var columns = Columns(type);
        var definitions = new JsonArray();
        foreach (var c in columns)
        {
            definitions.Add(new JsonObject
            {
                ["name"] = c.Name,
                ["type"] = c.Type,
                ["format"] = c.Format,
                ["description"] = c.Description,
                ["priority"] = c.Priority,
            });
        }

        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            rows.Add(new JsonObject
            {
                ["cells"] = new JsonArray([.. columns.Select(c => Cell(c, obj, now))]),
                ["object"] = RowObject(obj, includeObject),
            });
        }

        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion };
        if (continueToken is not null)
        {
            metadata["continue"] = continueToken;
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            ["columnDefinitions"] = definitions,
            ["rows"] = rows,
        };
    }

    private static JsonNode? RowObject(JsonObject obj, string? includeObject) => includeObject switch
    {
        "None" => null,
        "Object" => obj.DeepClone(),
        _ => new JsonObject
        {
            ["kind"] = "PartialObjectMetadata",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = obj["metadata"]?.DeepClone(),
        },
    };

    private static List<Column> Columns(ResourceType type)
    {
        var name = new Column("Name", "string", "name",
            "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
            0, ".metadata.name");
        if (!type.IsCustom)
        {
            return [name, new Column("Created At", "date", "", "CreationTimestamp is a timestamp representing the server time when this object was created.", 0, ".metadata.creationTimestamp") { Raw = true }];
        }

        var printer = type.PrinterColumns?.OfType<JsonObject>().ToList() ?? [];
        if (printer.Count == 0)
        {
            return [name, new Column("Age", "date", "", "Custom resource definition column (in JSONPath format): .metadata.creationTimestamp", 0, ".metadata.creationTimestamp")];
        }

        return [name, .. printer.Select(p => new Column(
            p.Str("name") ?? "",
            p.Str("type") ?? "string",
            p.Str("format") ?? "",
            p.Str("description") ?? $"Custom resource definition column (in JSONPath format): {p.Str("jsonPath")}",
            p["priority"]?.GetValue<int>() ?? 0,
            p.Str("jsonPath") ?? ""))];
    }

    private static JsonNode? Cell(Column column, JsonObject obj, DateTimeOffset now)
    {
        var values = JsonPath.Evaluate(obj, column.JsonPath);
        if (values.Count == 0)
        {
            return null;
        }

        var value = values[0];
        if (column.Type == "date" && !column.Raw)
        {
            return Json.Json.TryParseTime(value.AsString(), out var t) ? HumanDuration.Format(now - t) : value?.DeepClone();
        }

        if (values.Count > 1 || value is JsonObject or JsonArray)
        {
            return string.Join(",", values.Select(v => v.AsString() ?? v?.ToJsonString()));
        }

        return value?.DeepClone();
    }

    private sealed record Column(string Name, string Type, string Format, string Description, int Priority, string JsonPath)
    {
        public bool Raw { get; init; }
    }
}
