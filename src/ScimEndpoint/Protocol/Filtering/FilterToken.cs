namespace ScimEndpoint.Protocol.Filtering;

/// <summary>One token of a filter: its kind and where it stands in the text (0-based start and length).</summary>
internal readonly record struct FilterToken(FilterTokenKind Kind, int Start, int Length)
{
    public int End => Start + Length;

    /// <summary>The 1-based character position that error messages name.</summary>
    public int Position => Start + 1;
}
