using System.Collections;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using Operator.Api;

namespace Operator.Tests.Api;

/// <summary>
/// The CRD YAML in config/crds is the source of truth for the schemas; the C# types mirror it. These tests fail when
/// the two disagree: a property missing on either side, a different type, or a different required set.
/// </summary>
public sealed class CrdSchemaTests
{
    public static TheoryData<string, string> Kinds => new()
    {
        { "scim.operator.dev_scimkeys.yaml", nameof(ScimKey) },
        { "scim.operator.dev_scimtenants.yaml", nameof(ScimTenant) },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Crd_and_types_agree(string file, string kind)
    {
        var crd = await RepoFiles.LoadCrdAsync(file);
        var type = kind == nameof(ScimKey) ? typeof(ScimKey) : typeof(ScimTenant);
        var entity = type.GetCustomAttribute<KubernetesEntityAttribute>()!;
        Assert.Equal(entity.Group, crd.Spec.Group);
        Assert.Equal(entity.Kind, crd.Spec.Names.Kind);
        Assert.Equal(entity.PluralName, crd.Spec.Names.Plural);
        var version = Assert.Single(crd.Spec.Versions);
        Assert.Equal(entity.ApiVersion, version.Name);
        Assert.NotNull(version.Subresources?.Status);
        Assert.Contains("scim", crd.Spec.Names.Categories);
        Assert.NotEmpty(crd.Spec.Names.ShortNames);

        var root = version.Schema.OpenAPIV3Schema;
        var problems = new List<string>();
        Compare(root.Properties["spec"], type.GetProperty("Spec")!, "spec", problems);
        Compare(root.Properties["status"], type.GetProperty("Status")!, "status", problems);
        Assert.Contains("spec", root.Required);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Every_schema_property_has_a_description(string file, string kind)
    {
        _ = kind;
        var crd = await RepoFiles.LoadCrdAsync(file);
        var missing = new List<string>();
        var root = crd.Spec.Versions[0].Schema.OpenAPIV3Schema;
        Assert.False(string.IsNullOrWhiteSpace(root.Description));
        CollectMissingDescriptions(root.Properties["spec"], "spec", missing);
        CollectMissingDescriptions(root.Properties["status"], "status", missing);
        Assert.True(missing.Count == 0, "no description: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task The_controllers_mapping_rules_are_the_crds_patterns()
    {
        var spec = (await RepoFiles.LoadCrdAsync("scim.operator.dev_scimtenants.yaml"))
            .Spec.Versions[0].Schema.OpenAPIV3Schema.Properties["spec"];
        var mappings = spec.Properties["mappings"];
        var metadata = AsSchema(mappings.Properties["metadata"].Items)!;
        Assert.Equal(Operator.Controllers.Endpoint.MetadataMappingRules.PathPattern, metadata.Properties["path"].Pattern);
        Assert.Equal(Operator.Controllers.Endpoint.MetadataMappingRules.KeyPattern, metadata.Properties["key"].Pattern);
        Assert.Equal(Operator.Controllers.Endpoint.MetadataMappingRules.MaxMappings, mappings.Properties["metadata"].MaxItems);
        Assert.Equal(Operator.Controllers.Endpoint.MetadataMappingRules.RoleGroupPattern,
            mappings.Properties["groups"].Properties["roleGroup"].Pattern);
        Assert.Equal(Operator.Controllers.Endpoint.MetadataMappingRules.CustomSchemaPattern,
            AsSchema(mappings.Properties["customSchemas"].Items)!.Pattern);
        Assert.Equal(Operator.Controllers.Endpoint.MetadataMappingRules.MaxCustomSchemas, mappings.Properties["customSchemas"].MaxItems);
    }

    [Fact]
    public async Task Printer_columns_are_the_ones_the_issue_names()
    {
        var key = (await RepoFiles.LoadCrdAsync("scim.operator.dev_scimkeys.yaml")).Spec.Versions[0];
        Assert.Equal(["Tenant", "Ready", "Expires", "Last Used", "Age"],
            key.AdditionalPrinterColumns.Where(c => (c.Priority ?? 0) == 0).Select(c => c.Name));
        var tenant = (await RepoFiles.LoadCrdAsync("scim.operator.dev_scimtenants.yaml")).Spec.Versions[0];
        Assert.Equal(["Ready", "Tenant URL", "Users", "Groups", "Age"],
            tenant.AdditionalPrinterColumns.Where(c => (c.Priority ?? 0) == 0).Select(c => c.Name));
    }

    private static void CollectMissingDescriptions(V1JSONSchemaProps schema, string path, List<string> missing)
    {
        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
        {
            var child = path + "." + name;
            if (string.IsNullOrWhiteSpace(property.Description) && path != "status.conditions[]")
            {
                missing.Add(child);
            }

            if (name != "conditions")
            {
                CollectMissingDescriptions(property, child, missing);
                if (AsSchema(property.Items) is { } items)
                {
                    CollectMissingDescriptions(items, child + "[]", missing);
                }
            }
        }
    }

    /// <summary>items and additionalProperties are untyped in the model; read them as schemas.</summary>
    private static V1JSONSchemaProps? AsSchema(object? value) => value switch
    {
        null => null,
        V1JSONSchemaProps schema => schema,
        _ => KubernetesJson.Deserialize<V1JSONSchemaProps>(KubernetesJson.Serialize(value)),
    };

    private static void Compare(V1JSONSchemaProps schema, PropertyInfo property, string path, List<string> problems)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        CompareType(schema, type, path, problems);
    }

    private static void CompareType(V1JSONSchemaProps schema, Type type, string path, List<string> problems)
    {
        void Expect(string schemaType)
        {
            if (schema.Type != schemaType)
            {
                problems.Add($"{path}: CRD type '{schema.Type}', C# {type.Name} wants '{schemaType}'");
            }
        }

        if (type == typeof(string))
        {
            Expect("string");
        }
        else if (type == typeof(DateTime))
        {
            Expect("string");
            if (schema.Format != "date-time")
            {
                problems.Add($"{path}: a DateTime needs format date-time");
            }
        }
        else if (type == typeof(bool))
        {
            Expect("boolean");
        }
        else if (type == typeof(int) || type == typeof(long))
        {
            Expect("integer");
            var format = type == typeof(int) ? "int32" : "int64";
            if (schema.Format != format)
            {
                problems.Add($"{path}: C# {type.Name} needs format {format}, CRD has '{schema.Format}'");
            }
        }
        else if (type == typeof(V1ResourceRequirements))
        {
            Expect("object");
            if (schema.XKubernetesPreserveUnknownFields != true)
            {
                problems.Add($"{path}: resources must preserve unknown fields");
            }
        }
        else if (type == typeof(V1Condition))
        {
            Expect("object");
            var names = schema.Properties?.Keys.Order().ToList() ?? [];
            Assert.Equal(["lastTransitionTime", "message", "observedGeneration", "reason", "status", "type"], names);
        }
        else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>))
        {
            Expect("object");
            if (AsSchema(schema.AdditionalProperties) is not { } values)
            {
                problems.Add($"{path}: a map needs additionalProperties");
            }
            else
            {
                CompareType(values, type.GetGenericArguments()[1], path + ".*", problems);
            }
        }
        else if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type))
        {
            Expect("array");
            if (AsSchema(schema.Items) is { } items)
            {
                CompareType(items, type.GetGenericArguments()[0], path + "[]", problems);
            }
            else
            {
                problems.Add($"{path}: an array needs items");
            }
        }
        else if (type.IsClass)
        {
            Expect("object");
            CompareObject(schema, type, path, problems);
        }
        else
        {
            problems.Add($"{path}: C# type {type.Name} has no CRD mapping in this test");
        }
    }

    private static void CompareObject(V1JSONSchemaProps schema, Type type, string path, List<string> problems)
    {
        var nullability = new NullabilityInfoContext();
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .ToDictionary(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name, StringComparer.Ordinal);
        var schemaProperties = schema.Properties ?? new Dictionary<string, V1JSONSchemaProps>();
        foreach (var name in properties.Keys.Except(schemaProperties.Keys))
        {
            problems.Add($"{path}.{name}: in C# {type.Name}, not in the CRD");
        }

        foreach (var name in schemaProperties.Keys.Except(properties.Keys))
        {
            problems.Add($"{path}.{name}: in the CRD, not in C# {type.Name}");
        }

        var required = new HashSet<string>(schema.Required ?? [], StringComparer.Ordinal);
        foreach (var (name, property) in properties)
        {
            if (!schemaProperties.TryGetValue(name, out var child))
            {
                continue;
            }

            var notNull = nullability.Create(property).WriteState == NullabilityState.NotNull &&
                Nullable.GetUnderlyingType(property.PropertyType) is null;
            if (notNull != required.Contains(name))
            {
                problems.Add($"{path}.{name}: C# {(notNull ? "non-nullable" : "nullable")} but CRD " +
                    $"{(required.Contains(name) ? "required" : "optional")}");
            }

            Compare(child, property, path + "." + name, problems);
        }
    }
}
