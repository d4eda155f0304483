namespace ScimEndpoint.Tests.Filtering;

/// <summary>A named table-test row: an attribute path, values as a JSON array, and their expected ascending order.</summary>
public sealed record SortCase(string Name, string Attribute, string Values, string Expected)
{
    public override string ToString() => Name;
}
