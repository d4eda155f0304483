using System.Text.Json.Nodes;
using ScimEndpoint.Protocol.Filtering;
using ScimEndpoint.Protocol.Paths;
using ScimEndpoint.Protocol.Schemas;

namespace ScimEndpoint.Tests.Filtering;

public class ScimValueComparerTests
{
    public static TheoryData<SortCase> Cases => new()
    {
        new("strings ignore case", "userName", """["b","C","a"]""", """["a","b","C"]"""),
        new("case-exact strings are ordinal", "externalId", """["b","C","a"]""", """["C","a","b"]"""),
        new("null and missing last", "userName", """[null,"b",null,"a"]""", """["a","b",null,null]"""),
        new("dateTimes chronologically across offsets", "meta.lastModified",
            """["2024-01-01T12:00:00+05:00","2024-01-01T08:00:00Z","2023-12-31T23:00:00-02:00"]""",
            """["2023-12-31T23:00:00-02:00","2024-01-01T12:00:00+05:00","2024-01-01T08:00:00Z"]"""),
        new("a date that does not parse sorts after dates", "meta.created",
            """["never",null,"2024-01-01T00:00:00Z"]""", """["2024-01-01T00:00:00Z","never",null]"""),
        new("booleans false first", "active", """[true,false,"True"]""", """[false,true,"True"]"""),
        new("numbers by value", "age", """[10,9,-1.5,100]""", """[-1.5,9,10,100]"""),
        new("numbers as strings by value", "score", """["10",9,"2.5"]""", """["2.5",9,"10"]"""),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compare_Values_SortsAscendingWithMissingLast(SortCase row)
    {
        var attribute = Resolve(row.Attribute);
        var values = JsonNode.Parse(row.Values)!.AsArray().Select(v => v?.DeepClone()).ToList();

        var sorted = values.OrderBy(v => v, Comparer<JsonNode?>.Create((a, b) => ScimValueComparer.Compare(attribute, a, b)));

        Assert.Equal(JsonNode.Parse(row.Expected)!.ToJsonString(), new JsonArray([.. sorted]).ToJsonString());
    }

    [Fact]
    public void Compare_EqualIgnoringCase_IsZero()
    {
        var userName = Resolve("userName");

        Assert.Equal(0, ScimValueComparer.Compare(userName, JsonValue.Create("ABC"), JsonValue.Create("abc")));
    }

    [Fact]
    public void Compare_IsAntisymmetric()
    {
        var created = Resolve("meta.created");
        var early = JsonValue.Create("2020-01-01T00:00:00Z");
        var late = JsonValue.Create("2021-01-01T00:00:00Z");

        Assert.True(ScimValueComparer.Compare(created, early, late) < 0);
        Assert.True(ScimValueComparer.Compare(created, late, early) > 0);
        Assert.True(ScimValueComparer.Compare(created, null, early) > 0);
        Assert.True(ScimValueComparer.Compare(created, early, null) < 0);
    }

    private static SchemaAttribute Resolve(string path)
    {
        var type = path is "age" or "score" ? SampleResources.DeviceType : ScimSchemas.UserType;
        return type.Resolve(PathParser.ParseAttributePath(path))!.Target!;
    }
}
