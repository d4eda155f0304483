namespace ScimEndpoint.Tests.Filtering;

/// <summary>A named table-test row: an input text and the text it should produce (a printed AST or an error).</summary>
public sealed record TextCase(string Name, string Input, string Expected)
{
    public override string ToString() => Name;
}
