namespace ScimEndpoint.IntegrationTests.Fuzz;

/// <summary>Garbage in the list query parameters and in attribute projections.</summary>
internal sealed class QueryCases(Random random, StringMutator mutator, FuzzTargets targets)
{
    private static readonly string[] Numbers =
        ["", "abc", "-1", "0", "-2147483649", "2147483648", "99999999999999999999", "1.5", "1e3", "0x10", " 1", "%00", "NaN"];

    private static readonly string[] Attributes =
        ["", ",", "nope", "name.", ".name", "emails[type eq \"work\"]", "urn:", "urn:x:y", "userName,,", "a b", "[", "meta.x.y"];

    public FuzzCase Next()
    {
        var parameter = random.Next(7) switch
        {
            0 => $"startIndex={Uri.EscapeDataString(Numbers[random.Next(Numbers.Length)])}",
            1 => $"count={Uri.EscapeDataString(Numbers[random.Next(Numbers.Length)])}",
            2 => $"sortBy={Uri.EscapeDataString(mutator.Mutate("name.familyName"))}",
            3 => $"sortOrder={Uri.EscapeDataString(mutator.Mutate("descending"))}",
            4 => $"attributes={Uri.EscapeDataString(Attributes[random.Next(Attributes.Length)])}",
            5 => $"excludedAttributes={Uri.EscapeDataString(mutator.Mutate("members,emails"))}",
            _ => Garbage(),
        };
        var path = random.Next(3) switch
        {
            0 => $"/Users/{targets.UserId}",
            1 => $"/Groups?{Garbage()}",
            _ => "/Users",
        };
        var separator = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return new FuzzCase("query-parameters", "GET", $"{path}{separator}{parameter}", null);
    }

    private string Garbage() => random.Next(4) switch
    {
        0 => "count=1&count=2&startIndex=x",
        1 => "filter=&sortBy=",
        2 => $"startIndex={random.Next()}&count={random.Next()}",
        _ => "%zz=%&filter=%",
    };
}
