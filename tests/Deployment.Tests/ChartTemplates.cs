using System.Text.Json.Nodes;

namespace Deployment.Tests;

/// <summary>
/// Reads the chart's templates without Helm: the RBAC rules are plain YAML inside named templates in
/// templates/_rules.tpl, and a template with every line that holds a template action removed is plain YAML too
/// (values fall away, the literal structure stays: security contexts, probes, ports, env names).
/// </summary>
internal static class ChartTemplates
{
    /// <summary>The rules in the named template <paramref name="name"/> of templates/_rules.tpl.</summary>
    public static JsonArray Rules(string name)
    {
        var lines = File.ReadAllLines(Repo.Chart("templates", "_rules.tpl"));
        var start = Array.FindIndex(lines, l => l.Trim() == $"{{{{- define \"{name}\" -}}}}");
        Assert.True(start >= 0, $"no define \"{name}\" in _rules.tpl");
        var body = lines.Skip(start + 1).TakeWhile(l => l.Trim() != "{{- end -}}").ToList();
        Assert.DoesNotContain(body, l => l.Contains("{{", StringComparison.Ordinal));
        return Assert.IsType<JsonArray>(Yaml.Load(string.Join('\n', body)));
    }

    /// <summary>The template <paramref name="file"/> without its template-action lines, as YAML documents.</summary>
    public static List<JsonNode> Literal(string file) =>
        Yaml.LoadAll(string.Join('\n', File.ReadAllLines(Repo.Chart("templates", file))
            .Where(l => !l.Contains("{{", StringComparison.Ordinal))));
}
