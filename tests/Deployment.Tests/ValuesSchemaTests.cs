using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Deployment.Tests;

/// <summary>
/// values.schema.json (draft-07, checked by Helm on install, upgrade, lint and template) accepts the default values
/// and rejects bad ones. Every validating keyword the schema uses has a case below that it must reject, so a keyword
/// the validator would silently ignore cannot creep into the schema.
/// </summary>
public sealed class ValuesSchemaTests
{
    /// <summary>Keywords that only name, describe or structure; they validate nothing themselves.</summary>
    private static readonly string[] StructuralKeywords = ["$schema", "title", "description", "properties", "definitions", "$ref"];

    public static TheoryData<string, string, ValidationErrorKind> BadValues => new()
    {
        { "type", "replicaCount: two", ValidationErrorKind.IntegerExpected },
        { "type", "leaderElection: {enabled: \"yes\"}", ValidationErrorKind.BooleanExpected },
        { "type", "tolerations: {}", ValidationErrorKind.ArrayExpected },
        { "type", "affinity: []", ValidationErrorKind.ObjectExpected },
        { "type", "podDisruptionBudget: {minAvailable: true}", ValidationErrorKind.NoTypeValidates },
        { "additionalProperties", "replicas: 2", ValidationErrorKind.NoAdditionalPropertiesAllowed },
        { "additionalProperties", "image: {digest: \"sha256:0\"}", ValidationErrorKind.NoAdditionalPropertiesAllowed },
        { "additionalProperties", "podAnnotations: {team: 1}", ValidationErrorKind.StringExpected },
        { "required", "image: {repository: null}", ValidationErrorKind.PropertyRequired },
        { "required", "imagePullSecrets: [{}]", ValidationErrorKind.PropertyRequired },
        { "enum", "image: {pullPolicy: Sometimes}", ValidationErrorKind.NotInEnumeration },
        { "enum", "operator: {logLevel: Verbose}", ValidationErrorKind.NotInEnumeration },
        { "minimum", "replicaCount: 0", ValidationErrorKind.NumberTooSmall },
        { "maximum", "metrics: {port: 70000}", ValidationErrorKind.NumberTooBig },
        { "minLength", "image: {repository: \"\"}", ValidationErrorKind.StringTooShort },
        { "maxLength", "watchNamespaces: [" + new string('a', 64) + "]", ValidationErrorKind.StringTooLong },
        { "pattern", "leaderElection: {leaseDuration: 15s}", ValidationErrorKind.PatternMismatch },
        { "pattern", "serviceMonitor: {interval: soon}", ValidationErrorKind.PatternMismatch },
        { "pattern", "watchNamespaces: [Team_A]", ValidationErrorKind.PatternMismatch },
        { "uniqueItems", "watchNamespaces: [team-a, team-a]", ValidationErrorKind.ItemsNotUnique },
        { "items", "watchNamespaces: [1]", ValidationErrorKind.StringExpected },
    };

    [Fact]
    public async Task Default_values_pass_the_schema()
    {
        var errors = await ValidateAsync(ChartValues.Defaults());
        Assert.True(errors.Count == 0, string.Join("; ", errors));
    }

    [Fact]
    public async Task Documented_overrides_pass_the_schema()
    {
        var errors = await ValidateAsync(ChartValues.With("""
            watchNamespaces: [team-a, team-b]
            image: {tag: "0.2.0", pullPolicy: Always}
            imagePullSecrets: [{name: ghcr}]
            serviceAccount: {create: false, name: scim, annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::1:role/x"}}
            leaderElection: {enabled: false, leaseDuration: "00:00:30"}
            operator: {keyExpiryWarning: "30.00:00:00", logLevel: Debug}
            podDisruptionBudget: {minAvailable: "50%"}
            serviceMonitor: {enabled: true, interval: 15s, labels: {release: prometheus}}
            prometheusRule: {enabled: true}
            grafanaDashboard: {enabled: true, labels: {grafana_folder: identity}}
            networkPolicy: {enabled: true}
            tolerations: [{key: dedicated, operator: Exists}]
            nodeSelector: {kubernetes.io/os: linux}
            """));
        Assert.True(errors.Count == 0, string.Join("; ", errors));
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task Bad_values_are_rejected(string keyword, string overrides, ValidationErrorKind expected)
    {
        var errors = await ValidateAsync(ChartValues.With(overrides));
        Assert.True(Flatten(errors).Any(e => e.Kind == expected),
            $"{keyword}: expected {expected} for `{overrides}`, got: {string.Join("; ", Flatten(errors))}");
    }

    [Fact]
    public void Every_validating_keyword_of_the_schema_has_a_rejection_case()
    {
        var used = new SortedSet<string>(StringComparer.Ordinal);
        CollectKeywords(JsonNode.Parse(File.ReadAllText(Repo.Chart("values.schema.json")))!.AsObject(), used);
        var covered = BadValues.Select(row => (string)row[0]).Concat(StructuralKeywords).ToHashSet();

        Assert.Equal("http://json-schema.org/draft-07/schema#",
            (string?)JsonNode.Parse(File.ReadAllText(Repo.Chart("values.schema.json")))!["$schema"]);
        Assert.DoesNotContain(used, k => !covered.Contains(k));
    }

    private static async Task<ICollection<ValidationError>> ValidateAsync(JsonObject values)
    {
        var schema = await JsonSchema.FromJsonAsync(await File.ReadAllTextAsync(Repo.Chart("values.schema.json")));
        return schema.Validate(values.ToJsonString());
    }

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors) =>
        errors.SelectMany(e => e is ChildSchemaValidationError child
            ? [e, .. Flatten(child.Errors.SelectMany(x => x.Value))]
            : new[] { e });

    /// <summary>Keywords of a schema object; the member names under properties and definitions are names, not keywords.</summary>
    private static void CollectKeywords(JsonObject schema, ISet<string> keywords)
    {
        foreach (var (keyword, value) in schema)
        {
            keywords.Add(keyword);
            if (keyword is "properties" or "definitions")
            {
                foreach (var (_, child) in value!.AsObject())
                {
                    CollectKeywords(child!.AsObject(), keywords);
                }
            }
            else if (value is JsonObject child)
            {
                CollectKeywords(child, keywords);
            }
        }
    }
}
