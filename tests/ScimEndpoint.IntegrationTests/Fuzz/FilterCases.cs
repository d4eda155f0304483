namespace ScimEndpoint.IntegrationTests.Fuzz;

/// <summary>Bad filters: mutated valid ones, huge values, deep nesting, unknown attributes, wrong-type operators.</summary>
internal sealed class FilterCases(Random random, StringMutator mutator, FuzzTargets targets)
{
    private static readonly string[] UserFilters =
    [
        "userName eq \"bjensen\"",
        "emails[type eq \"work\"].value eq \"a@example.com\"",
        "name.familyName sw \"J\" and active eq true",
        "(userName co \"a\" or displayName ew \"b\") and not (nickName pr)",
        "meta.lastModified gt \"2020-01-01T00:00:00Z\"",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"42\"",
        "externalId eq \"x\" and urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"m\"",
        "emails[type eq \"work\" and value co \"@\"]",
    ];

    private static readonly string[] WrongTypes =
    [
        "active gt \"x\"", "active eq \"maybe\"", "meta.created eq 5", "meta.created gt \"yesterday\"", "emails gt 3",
        "name eq \"x\"", "userName gt true", "members eq null", "active co true", "id sw 12", "userName eq",
        "eq \"x\"", "userName xx \"x\"", "userName pr \"x\"", "not userName eq \"x\"", "emails[value eq \"x\"", "and",
        "\"x\" eq userName", "userName eq \"unterminated", "userName eq 'single'", "emails[type eq \"work\"]].value eq \"x\"",
        "unknownAttr eq \"x\"", "name.unknownSub eq \"x\"", "urn:example:nope:2.0:User:attr eq \"x\"", "emails.nope eq 1",
        "userName eq \"x\" and", "or userName eq \"x\"", "()", "[]", "userName eq \"x\" or (", "((userName pr)",
        "userName eq 1e999", "userName eq -", "userName eq \"\\u00\"", "userName eq \"\\q\"",
    ];

    public FuzzCase Next()
    {
        var resource = random.Next(3) == 0 ? "Groups" : "Users";
        var (kind, filter) = random.Next(8) switch
        {
            0 => ("filter-wrong-type", WrongTypes[random.Next(WrongTypes.Length)]),
            1 => ("filter-huge-value", $"userName eq \"{new string('a', 4097 + random.Next(20_000))}\""),
            2 => ("filter-deep-nesting", Nest(33 + random.Next(400))),
            3 => ("filter-unknown-attribute", $"{mutator.Mutate("attribute")} eq \"{targets.UserName}\""),
            _ => ("filter-mutated", mutator.Mutate(UserFilters[random.Next(UserFilters.Length)])),
        };
        return new FuzzCase(kind, "GET", $"/{resource}?filter={Uri.EscapeDataString(filter)}", null);
    }

    private string Nest(int depth) => random.Next(2) == 0
        ? $"{new string('(', depth)}userName eq \"x\"{new string(')', depth)}"
        : $"{string.Concat(Enumerable.Repeat("not (", depth))}userName pr{new string(')', depth)}";
}
