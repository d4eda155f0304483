using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Paths;
using ScimEndpoint.Tests.Filtering;

namespace ScimEndpoint.Tests.Paths;

public class PathParserTests
{
    private const string Enterprise = ScimConstants.EnterpriseUserSchema;
    private const string Core = ScimConstants.UserSchema;

    public static TheoryData<TextCase> PatchPaths => new()
    {
        new("simple attribute", "members", "members"),
        new("sub-attribute", "name.givenName", "name.givenName"),
        new("value filter", "members[value eq \"id\"]", "members[(eq value \"id\")]"),
        new("value filter and sub-attribute", "emails[type eq \"work\"].value", "emails[(eq type \"work\")].value"),
        new("sub-attribute keeps its casing", "emails[type eq \"other\"].Value", "emails[(eq type \"other\")].Value"),
        new("string True stays a string", "roles[primary eq \"True\"].value", "roles[(eq primary \"True\")].value"),
        new("extension attribute", $"{Enterprise}:manager", $"<{Enterprise}>manager"),
        new("extension sub-attribute", $"{Enterprise}:manager.value", $"<{Enterprise}>manager.value"),
        new("core attribute", $"{Core}:userName", $"<{Core}>userName"),
        new("whole extension", Enterprise, "<urn:ietf:params:scim:schemas:extension:enterprise:2.0>User"),
        new("core value filter", $"{Core}:emails[type eq \"work\"].value", $"<{Core}>emails[(eq type \"work\")].value"),
        new("bracket inside the filter string", "members[value eq \"a]b\"]", "members[(eq value \"a]b\")]"),
        new("filter with and", "addresses[type eq \"work\" and primary eq true].locality", "addresses[(and (eq type \"work\") (eq primary true))].locality"),
        new("surrounding whitespace", "  userName ", "userName"),
        new("$ref sub-attribute", "members[value eq \"1\"].$ref", "members[(eq value \"1\")].$ref"),
    };

    public static TheoryData<TextCase> AttributePaths => new()
    {
        new("simple attribute", "userName", "userName"),
        new("sub-attribute", "meta.lastModified", "meta.lastModified"),
        new("extension attribute", $"{Enterprise}:employeeNumber", $"<{Enterprise}>employeeNumber"),
        new("core attribute", $"{Core}:name.familyName", $"<{Core}>name.familyName"),
        new("name with digits, dash and underscore", "x509Certificates", "x509Certificates"),
        new("$ref", "$ref", "$ref"),
    };

    public static TheoryData<TextCase> InvalidPaths => new()
    {
        new("empty", "", "Invalid path '': the attribute path is empty."),
        new("only whitespace", "   ", "Invalid path '   ': the attribute path is empty."),
        new("dot without sub-attribute", "name.", "Invalid path 'name.': a sub-attribute name is missing after '.'."),
        new("two dots", "name.givenName.x", "Invalid path 'name.givenName.x': 'givenName.x' is not a sub-attribute name."),
        new("space inside", "user name", "Invalid path 'user name': 'user name' is not an attribute name."),
        new("colon only", ":", "Invalid path ':': a schema URN is missing before ':'."),
        new("URN without name", $"{Enterprise}:", $"Invalid path '{Enterprise}:': an attribute name is missing."),
        new("quote in URN", "urn:\"x:name", "Invalid path 'urn:\"x:name': the schema URN has a character a URN cannot hold."),
        new(
            "text after bracket",
            "emails[type eq \"work\"]value",
            "Invalid path 'emails[type eq \"work\"]value': only '.' and a sub-attribute may follow ']'."),
        new(
            "dot without name after bracket",
            "emails[type eq \"work\"].",
            "Invalid path 'emails[type eq \"work\"].': a sub-attribute name is missing after '.'."),
        new(
            "bracket after sub-attribute",
            "name.givenName[value eq \"x\"]",
            "Invalid path 'name.givenName[value eq \"x\"]': a value filter '[' must follow an attribute, not a sub-attribute."),
        new(
            "bracket without attribute",
            "[value eq \"x\"]",
            "Invalid path '[value eq \"x\"]': the attribute path is empty."),
    };

    public static TheoryData<TextCase> InvalidFilters => new()
    {
        new(
            "operator without value",
            "emails[type eq]",
            "Invalid filter at position 15: expected a value after 'eq', not ']'."),
        new("unclosed bracket", "emails[type eq \"work\"", "Invalid filter at position 7: unbalanced bracket: '[' is never closed."),
        new(
            "nested brackets",
            "emails[type[x eq 1] eq 1]",
            "Invalid filter at position 12: nested brackets are not allowed inside a value filter."),
        new("unterminated string", "members[value eq \"x]", "Invalid filter at position 18: unterminated string."),
    };

    [Theory]
    [MemberData(nameof(PatchPaths))]
    public void ParsePatchPath_ValidPath_BuildsExpectedPath(TextCase row)
    {
        var path = PathParser.ParsePatchPath(row.Input);

        Assert.Equal(row.Expected, FilterPrinter.Print(path));
    }

    [Theory]
    [MemberData(nameof(AttributePaths))]
    public void ParseAttributePath_ValidPath_BuildsExpectedPath(TextCase row)
    {
        var path = PathParser.ParseAttributePath(row.Input);

        Assert.Equal(row.Expected, FilterPrinter.Print(path));
    }

    [Theory]
    [MemberData(nameof(InvalidPaths))]
    public void ParsePatchPath_InvalidPath_ThrowsInvalidPath(TextCase row)
    {
        var error = Assert.Throws<ScimException>(() => PathParser.ParsePatchPath(row.Input));

        Assert.Equal("invalidPath", error.ScimType);
        Assert.Equal(row.Expected, error.Detail);
    }

    [Theory]
    [MemberData(nameof(InvalidFilters))]
    public void ParsePatchPath_MalformedBracketFilter_ThrowsInvalidFilterWithPositionInPath(TextCase row)
    {
        var error = Assert.Throws<ScimException>(() => PathParser.ParsePatchPath(row.Input));

        Assert.Equal("invalidFilter", error.ScimType);
        Assert.Equal(row.Expected, error.Detail);
    }

    [Fact]
    public void ParseAttributePath_ValueFilter_ThrowsInvalidPath()
    {
        var error = Assert.Throws<ScimException>(() => PathParser.ParseAttributePath("emails[type eq \"work\"]"));

        Assert.Equal("invalidPath", error.ScimType);
    }

    [Fact]
    public void ParsePatchPath_OverLengthLimit_ThrowsNamingTheLimit()
    {
        var text = "members[value eq \"" + new string('x', ScimConstants.MaxFilterLength) + "\"]";

        var error = Assert.Throws<ScimException>(() => PathParser.ParsePatchPath(text));

        Assert.Equal("invalidPath", error.ScimType);
        Assert.EndsWith("the path is longer than the limit of 4096 characters.", error.Detail);
    }

    [Fact]
    public void ParsePatchPath_DeeplyNestedBracketFilter_ThrowsInvalidFilter()
    {
        var text = "emails[" + new string('(', 40) + "type pr" + new string(')', 40) + "]";

        var error = Assert.Throws<ScimException>(() => PathParser.ParsePatchPath(text));

        Assert.Equal("invalidFilter", error.ScimType);
    }
}
