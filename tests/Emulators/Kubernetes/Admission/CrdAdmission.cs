using System.Text.Json.Nodes;
using Emulators.Kubernetes.Errors;
using Emulators.Kubernetes.Json;

namespace Emulators.Kubernetes.Admission;

/// <summary>CustomResourceDefinition validation: name, scope, names, versions and structural schemas.</summary>
internal sealed class CrdAdmission : IAdmission
{
    public void Admit(AdmissionContext context)
    {
        var crd = context.Object;
        var spec = crd.Obj("spec");
        var errors = context.Errors;
        var group = spec["group"].AsString() ?? "";
        var plural = spec["names"]?["plural"].AsString() ?? "";
        if (group.Length == 0 || !group.Contains('.', StringComparison.Ordinal))
        {
            errors.Add(FieldError.Invalid("spec.group", Json.Json.GoValue(spec["group"]), "should be a domain with at least one dot"));
        }

        if (plural.Length == 0)
        {
            errors.Add(FieldError.Required("spec.names.plural"));
        }

        if (spec["names"]?["kind"] is null)
        {
            errors.Add(FieldError.Required("spec.names.kind"));
        }

        if (crd.Name() != $"{plural}.{group}")
        {
            errors.Add(FieldError.Invalid("metadata.name", $"\"{crd.Name()}\"", "must be spec.names.plural+\".\"+spec.group"));
        }

        if (spec["scope"].AsString() is not ("Namespaced" or "Cluster"))
        {
            errors.Add(FieldError.NotSupported("spec.scope", Json.Json.GoValue(spec["scope"]), ["\"Cluster\"", "\"Namespaced\""]));
        }

        var names = spec.Obj("names");
        Defaults.Set(names, "singular", (names["kind"].AsString() ?? "").ToLowerInvariant());
        Defaults.Set(names, "listKind", (names["kind"].AsString() ?? "") + "List");
        Defaults.Set(spec, "conversion", new JsonObject { ["strategy"] = "None" });
        var versions = Defaults.Objects(spec["versions"]).ToList();
        if (versions.Count == 0)
        {
            errors.Add(FieldError.Invalid("spec.versions", "[]apiextensions.CustomResourceDefinitionVersion(nil)", "must have exactly one version marked as storage version"));
        }
        else if (versions.Count(v => v["storage"]?.GetValue<bool>() == true) != 1)
        {
            errors.Add(FieldError.Invalid("spec.versions", Json.Json.Serialize(spec["versions"]), "must have exactly one version marked as storage version"));
        }

        for (var i = 0; i < versions.Count; i++)
        {
            if (versions[i]["schema"]?["openAPIV3Schema"] is JsonObject schema)
            {
                Structural(schema, $"spec.versions[{i}].schema.openAPIV3Schema", errors, root: true);
            }
            else
            {
                errors.Add(FieldError.Required($"spec.versions[{i}].schema.openAPIV3Schema", "schemas are required"));
            }
        }

        if (context.Old is { } old && old["spec"]?["scope"]?.ToString() != spec["scope"]?.ToString())
        {
            errors.Add(FieldError.Invalid("spec.scope", Json.Json.GoValue(spec["scope"]), "field is immutable"));
        }
    }

    private static void Structural(JsonObject schema, string path, List<FieldError> errors, bool root)
    {
        var special = schema["x-kubernetes-int-or-string"]?.GetValue<bool>() == true ||
            schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;
        if (schema["type"] is null && !special && !(root && schema.Count == 0))
        {
            errors.Add(FieldError.Required($"{path}.type", "must not be empty for specified object fields"));
        }

        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (key, child) in properties)
            {
                if (child is JsonObject c)
                {
                    Structural(c, $"{path}.properties[{key}]", errors, root: false);
                }
            }
        }

        if (schema["items"] is JsonObject items)
        {
            Structural(items, $"{path}.items", errors, root: false);
        }

        if (schema["additionalProperties"] is JsonObject additional)
        {
            Structural(additional, $"{path}.additionalProperties", errors, root: false);
        }
    }
}
