namespace ScimEndpoint.Tests.Filtering;

/// <summary>A named table-test row: a filter and whether the sample resource matches it.</summary>
public sealed record MatchCase(string Name, string Filter, bool Expected)
{
    public override string ToString() => Name;
}
