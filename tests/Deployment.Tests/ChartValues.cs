using System.Text.Json.Nodes;

namespace Deployment.Tests;

/// <summary>The chart's values as Helm computes them: values.yaml with overrides merged over it (null removes a key).</summary>
internal static class ChartValues
{
    public static JsonObject Defaults() => Yaml.Load(File.ReadAllText(Repo.Chart("values.yaml"))).AsObject();

    public static JsonObject With(string overridesYaml)
    {
        var values = Defaults();
        Merge(values, Yaml.Load(overridesYaml).AsObject());
        return values;
    }

    private static void Merge(JsonObject target, JsonObject overrides)
    {
        foreach (var (key, value) in overrides.ToList())
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }
}
