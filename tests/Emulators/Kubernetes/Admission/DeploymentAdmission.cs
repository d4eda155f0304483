using System.Text.Json.Nodes;
using Emulators.Kubernetes.Errors;
using Emulators.Kubernetes.Json;
using Emulators.Kubernetes.Selectors;

namespace Emulators.Kubernetes.Admission;

/// <summary>apps/v1 Deployment defaulting and the selector rules (kubernetes-api.md §2.14).</summary>
internal sealed class DeploymentAdmission : IAdmission
{
    public void Admit(AdmissionContext context)
    {
        var spec = context.Object.Obj("spec");
        Defaults.Set(spec, "replicas", 1);
        Defaults.Set(spec, "revisionHistoryLimit", 10);
        Defaults.Set(spec, "progressDeadlineSeconds", 600);
        var strategy = spec.Obj("strategy");
        Defaults.Set(strategy, "type", "RollingUpdate");
        if (strategy["type"].AsString() == "RollingUpdate")
        {
            var rolling = strategy.Obj("rollingUpdate");
            Defaults.Set(rolling, "maxUnavailable", "25%");
            Defaults.Set(rolling, "maxSurge", "25%");
        }

        var template = spec.Obj("template");
        PodDefaults.Apply(template.Obj("spec"));
        Validate(context, spec, template);
    }

    private static void Validate(AdmissionContext context, JsonObject spec, JsonObject template)
    {
        if (spec["selector"] is not JsonObject selector)
        {
            context.Errors.Add(FieldError.Required("spec.selector"));
            return;
        }

        var labels = Json.Json.StringMap(template["metadata"]?["labels"]);
        var matchLabels = Json.Json.StringMap(selector["matchLabels"]);
        var expressions = Defaults.Objects(selector["matchExpressions"]).ToList();
        if (matchLabels.Count == 0 && expressions.Count == 0)
        {
            context.Errors.Add(FieldError.Invalid("spec.selector", "v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}", "empty selector is invalid for deployment"));
        }
        else if (!matchLabels.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value) ||
            !LabelSelector.Parse(ExpressionText(expressions)).Matches(labels))
        {
            context.Errors.Add(FieldError.Invalid("spec.template.metadata.labels",
                "map[string]string{" + string.Join(", ", labels.Select(kv => $"\"{kv.Key}\":\"{kv.Value}\"")) + "}",
                "`selector` does not match template `labels`"));
        }

        if (context.Old?["spec"]?["selector"] is { } oldSelector && !JsonNode.DeepEquals(oldSelector, selector))
        {
            context.Errors.Add(FieldError.Invalid("spec.selector", Json.Json.Serialize(selector), "field is immutable"));
        }
    }

    private static string ExpressionText(IEnumerable<JsonObject> expressions) => string.Join(",",
        expressions.Select(e =>
        {
            var key = e["key"].AsString();
            var values = e["values"] is JsonArray a ? string.Join(",", a.Select(v => v.AsString())) : "";
            return e["operator"].AsString() switch
            {
                "In" => $"{key} in ({values})",
                "NotIn" => $"{key} notin ({values})",
                "DoesNotExist" => $"!{key}",
                _ => key,
            };
        }));
}
