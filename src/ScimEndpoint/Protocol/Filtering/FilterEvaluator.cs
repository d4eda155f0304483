using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Protocol.Filtering;

/// <summary>Evaluates a filter AST against normalized resources, driven by the schema.</summary>
internal static class FilterEvaluator
{
    /// <summary>Checks that every path in the filter names an attribute of the type; throws 400 invalidFilter.</summary>
    public static void Validate(ResourceTypeDefinition type, FilterNode filter) =>
        throw new NotImplementedException(type.Name + filter);

    public static bool Matches(ResourceTypeDefinition type, JsonObject resource, FilterNode filter) =>
        throw new NotImplementedException(type.Name + resource + filter);

    /// <summary>Evaluates a value-path filter against one element of a multi-valued complex attribute.</summary>
    public static bool MatchesElement(SchemaAttribute multiValued, JsonNode element, FilterNode filter) =>
        throw new NotImplementedException(multiValued.Name + element + filter);
}
