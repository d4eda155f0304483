using System.Text.Json.Nodes;

namespace ScimEndpoint.IntegrationTests.Replay;

public sealed class ExpectationCheckerTests
{
    private const string User = """
        {
          "id": "u1",
          "active": false,
          "userName": "bjensen",
          "name": { "familyName": "Jensen", "givenName": "Barbara" },
          "emails": [
            { "type": "home", "value": "home@example.com" },
            { "type": "work", "value": "work@example.com" }
          ],
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
            "employeeNumber": "701984",
            "manager": { "value": "m1" }
          },
          "members": [ { "value": "a" }, { "value": "b" } ],
          "Resources": [ { "id": "x" }, { "id": "y" }, { "id": "z" } ],
          "empty": "",
          "nothing": null
        }
        """;

    private static readonly Dictionary<string, string> Values = new() { ["userId"] = "u1", ["memberUserId"] = "a" };

    public static TheoryData<string, string> Passing => new()
    {
        { "id", "\"{{userId}}\"" },
        { "active", "false" },
        { "name.familyName", "\"Jensen\"" },
        { "NAME.FAMILYNAME", "\"Jensen\"" },
        { "emails[type eq \"work\"].value", "\"work@example.com\"" },
        { "emails[1].type", "\"work\"" },
        { "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.employeeNumber", "\"701984\"" },
        { "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.manager.value", "\"m1\"" },
        { "Resources[].id", "[\"z\", \"x\"]" },
        { "Resources[].id", "\"y\"" },
        { "Resources[0].id", "\"x\"" },
        { "members[].value", "\"contains {{memberUserId}}\"" },
        { "members[].value", "\"does not contain u1\"" },
        { "missing[].value", "\"does not contain a\"" },
        { "id", "\"<non-empty>\"" },
        { "Resources", "\"<non-empty>\"" },
        { "Resources[].id", "\"<non-empty>\"" },
        { "title", "\"<absent>\"" },
        { "urn:example:absent:2.0:User.employeeNumber", "\"<absent>\"" },
        { "title", "\"<absent, null, or value empty>\"" },
        { "empty", "\"<absent, null, or value empty>\"" },
        { "nothing", "\"<absent, null, or value empty>\"" },
        { "name", "{ \"familyName\": \"Jensen\", \"givenName\": \"Barbara\" }" },
    };

    public static TheoryData<string, string, string> Failing => new()
    {
        { "id", "\"other\"", "expected \"other\", got \"u1\"" },
        { "active", "\"false\"", "expected \"false\", got false" },
        { "active", "true", "expected true, got false" },
        { "totalResults", "1", "expected 1, got nothing" },
        { "emails[type eq \"other\"].value", "\"x\"", "got nothing" },
        { "Resources[].id", "[\"x\", \"q\"]", "expected all of [\"x\",\"q\"] to be present" },
        { "members[].value", "\"contains q\"", "expected to contain \"q\"" },
        { "members[].value", "\"does not contain {{memberUserId}}\"", "expected no \"a\"" },
        { "empty", "\"<non-empty>\"", "expected a non-empty value" },
        { "nothing", "\"<absent>\"", "expected the attribute to be absent, got null" },
        { "name", "\"<absent>\"", "expected the attribute to be absent" },
        { "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.manager", "\"<absent, null, or value empty>\"",
            "expected absent, null, or an empty value" },
    };

    [Theory]
    [MemberData(nameof(Passing))]
    public void Check_MatchingExpectation_ReportsNothing(string key, string expected)
    {
        var failures = ExpectationChecker.Check(JsonNode.Parse(User), Expect(key, expected), Values);

        Assert.Empty(failures);
    }

    [Theory]
    [MemberData(nameof(Failing))]
    public void Check_MismatchingExpectation_ReportsKeyAndReason(string key, string expected, string reason)
    {
        var failures = ExpectationChecker.Check(JsonNode.Parse(User), Expect(key, expected), Values);

        var failure = Assert.Single(failures);
        Assert.StartsWith(key + ":", failure, StringComparison.Ordinal);
        Assert.Contains(reason, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ManagerClearedToEmptyValue_Passes()
    {
        var document = JsonNode.Parse("""{ "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { "manager": { "value": "" } } }""");
        var expect = Expect("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.manager", "\"<absent, null, or value empty>\"");

        Assert.Empty(ExpectationChecker.Check(document, expect, Values));
    }

    [Fact]
    public void Check_SeveralFailures_ReportsEachOnce()
    {
        var expect = new JsonObject { ["id"] = "x", ["active"] = true, ["userName"] = "bjensen" };

        var failures = ExpectationChecker.Check(JsonNode.Parse(User), expect, Values);

        Assert.Equal(2, failures.Count);
    }

    [Fact]
    public void Check_UncapturedPlaceholder_Throws()
    {
        var expect = Expect("id", "\"{{groupId}}\"");

        var error = Assert.Throws<ReplayException>(() => ExpectationChecker.Check(JsonNode.Parse(User), expect, Values));
        Assert.Contains("{{groupId}}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnsupportedSelector_Throws()
    {
        var expect = Expect("emails[type ne \"work\"].value", "\"x\"");

        Assert.Throws<ReplayException>(() => ExpectationChecker.Check(JsonNode.Parse(User), expect, Values));
    }

    private static JsonObject Expect(string key, string expectedJson) =>
        new() { [key] = JsonNode.Parse(expectedJson) };
}
