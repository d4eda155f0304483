using System.Text.Json.Nodes;
using Emulators.Kubernetes.Errors;
using Emulators.Kubernetes.Json;
using Emulators.Kubernetes.Registry;

namespace Emulators.Kubernetes.Selectors;

/// <summary>
/// A parsed <c>fieldSelector</c> (<c>=</c>, <c>==</c>, <c>!=</c>, ANDed) over the fields the apiserver indexes for
/// the kind: <c>metadata.name</c> and <c>metadata.namespace</c> everywhere, plus Secret <c>type</c> and the core
/// Event fields. Any other field is a 400 <c>field label not supported</c>.
/// </summary>
internal sealed class FieldSelector
{
    private static readonly string[] CoreEventFields =
    [
        "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
        "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
        "reportingComponent", "source", "type",
    ];

    private static readonly string[] EventsV1Fields =
    [
        "regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid", "regarding.apiVersion",
        "regarding.resourceVersion", "regarding.fieldPath", "reason", "reportingController", "type",
    ];

    private readonly List<(string Field, string Value, bool Negate)> _terms = [];

    public bool IsEmpty => _terms.Count == 0;

    /// <summary>The name an <c>metadata.name=x</c> term pins, if any.</summary>
    public string? Name => _terms.FirstOrDefault(t => t.Field == "metadata.name" && !t.Negate).Value;

    public static FieldSelector Parse(string? text, ResourceType type)
    {
        var selector = new FieldSelector();
        if (string.IsNullOrWhiteSpace(text))
        {
            return selector;
        }

        foreach (var raw in text.Split(','))
        {
            var term = raw.Trim();
            if (term.Length == 0)
            {
                continue;
            }

            var (op, negate) = term.Contains("!=", StringComparison.Ordinal) ? ("!=", true)
                : term.Contains("==", StringComparison.Ordinal) ? ("==", false)
                : term.Contains('=', StringComparison.Ordinal) ? ("=", false)
                : throw ApiErrors.BadRequest($"invalid selector: '{text}'; can't understand '{term}'");
            var at = term.IndexOf(op, StringComparison.Ordinal);
            var field = term[..at].Trim();
            if (!Supported(field, type))
            {
                throw ApiErrors.BadRequest($"field label not supported: {field}");
            }

            selector._terms.Add((field, term[(at + op.Length)..].Trim(), negate));
        }

        return selector;
    }

    public bool Matches(JsonObject obj) => _terms.All(t => (Value(obj, t.Field) == t.Value) != t.Negate);

    private static bool Supported(string field, ResourceType type) =>
        field is "metadata.name" or "metadata.namespace" ||
        (type is { Group: "", Kind: "Secret" } && field == "type") ||
        (type is { Group: "", Kind: "Event" } && CoreEventFields.Contains(field)) ||
        (type is { Group: "events.k8s.io", Kind: "Event" } && EventsV1Fields.Contains(field));

    private static string Value(JsonObject obj, string field)
    {
        if (field == "source")
        {
            return obj["source"].Str("component") ?? "";
        }

        var node = obj.At(field);
        return node is null ? "" : node.AsString() ?? node.ToJsonString();
    }
}
