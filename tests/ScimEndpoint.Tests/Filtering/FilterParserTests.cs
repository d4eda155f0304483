using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Filtering;

namespace ScimEndpoint.Tests.Filtering;

public class FilterParserTests
{
    private const string Enterprise = ScimConstants.EnterpriseUserSchema;
    private const string Core = ScimConstants.UserSchema;

    public static TheoryData<TextCase> Operators => new()
    {
        new("eq", "userName eq \"bjensen\"", "(eq userName \"bjensen\")"),
        new("ne", "userName ne \"bjensen\"", "(ne userName \"bjensen\")"),
        new("co", "displayName co \"Jen\"", "(co displayName \"Jen\")"),
        new("sw", "userName sw \"J\"", "(sw userName \"J\")"),
        new("ew", "userName ew \"@example.com\"", "(ew userName \"@example.com\")"),
        new("gt", "meta.lastModified gt \"2011-05-13T04:42:34Z\"", "(gt meta.lastModified \"2011-05-13T04:42:34Z\")"),
        new("ge", "meta.lastModified ge \"2011-05-13T04:42:34Z\"", "(ge meta.lastModified \"2011-05-13T04:42:34Z\")"),
        new("lt", "meta.lastModified lt \"2011-05-13T04:42:34Z\"", "(lt meta.lastModified \"2011-05-13T04:42:34Z\")"),
        new("le", "meta.lastModified le \"2011-05-13T04:42:34Z\"", "(le meta.lastModified \"2011-05-13T04:42:34Z\")"),
        new("pr", "title pr", "(pr title)"),
    };

    public static TheoryData<TextCase> Structure => new()
    {
        new("and binds tighter than or", "a eq 1 or b eq 2 and c eq 3", "(or (eq a 1) (and (eq b 2) (eq c 3)))"),
        new("and before or on the left", "a eq 1 and b eq 2 or c eq 3", "(or (and (eq a 1) (eq b 2)) (eq c 3))"),
        new("and groups to the left", "a pr and b pr and c pr", "(and (and (pr a) (pr b)) (pr c))"),
        new("or groups to the left", "a pr or b pr or c pr", "(or (or (pr a) (pr b)) (pr c))"),
        new("not binds tighter than and", "not (a pr) and b pr", "(and (not (pr a)) (pr b))"),
        new("not without parentheses takes one comparison", "not a pr and b pr", "(and (not (pr a)) (pr b))"),
        new("not of a group", "not (a pr or b pr)", "(not (or (pr a) (pr b)))"),
        new("double not", "not not a pr", "(not (not (pr a)))"),
        new("parentheses override precedence", "(a pr or b pr) and c pr", "(and (or (pr a) (pr b)) (pr c))"),
        new("redundant parentheses", "((userName eq \"x\"))", "(eq userName \"x\")"),
        new(
            "RFC example with or in parentheses",
            "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")",
            "(and (eq userType \"Employee\") (or (co emails \"example.com\") (co emails.value \"example.org\")))"),
        new(
            "RFC example with not",
            "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")",
            "(and (ne userType \"Employee\") (not (or (co emails \"example.com\") (co emails.value \"example.org\"))))"),
        new("Entra reference check", "id eq \"u1\" and manager eq \"m1\"", "(and (eq id \"u1\") (eq manager \"m1\"))"),
    };

    public static TheoryData<TextCase> ValuePaths => new()
    {
        new("value path alone", "emails[type eq \"work\"]", "(emails[] (eq type \"work\"))"),
        new(
            "value path with and inside",
            "emails[type eq \"work\" and value co \"@x\"]",
            "(emails[] (and (eq type \"work\") (co value \"@x\")))"),
        new(
            "value path in a larger filter",
            "userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]",
            "(and (eq userType \"Employee\") (emails[] (and (eq type \"work\") (co value \"@example.com\"))))"),
        new(
            "value path with parentheses inside",
            "emails[(type eq \"work\" or type eq \"home\") and primary eq true]",
            "(emails[] (and (or (eq type \"work\") (eq type \"home\")) (eq primary true)))"),
        new(
            "value path then sub-attribute comparison",
            "emails[type eq \"work\"].value eq \"a@x\"",
            "(emails[] (and (eq type \"work\") (eq value \"a@x\")))"),
        new("value path then sub-attribute present", "emails[type eq \"work\"].value pr", "(emails[] (and (eq type \"work\") (pr value)))"),
        new(
            "two value paths",
            "members[value eq \"1\"] or members[value eq \"2\"]",
            "(or (members[] (eq value \"1\")) (members[] (eq value \"2\")))"),
        new("string True stays a string", "roles[primary eq \"True\"]", "(roles[] (eq primary \"True\"))"),
        new("bracket inside a string", "members[value eq \"a]b\"]", "(members[] (eq value \"a]b\"))"),
        new("$ref inside brackets", "members[$ref eq \"x\"]", "(members[] (eq $ref \"x\"))"),
        new("not inside brackets", "emails[not (type eq \"work\")]", "(emails[] (not (eq type \"work\")))"),
    };

    public static TheoryData<TextCase> UrnPaths => new()
    {
        new("extension attribute", $"{Enterprise}:employeeNumber eq \"1\"", $"(eq <{Enterprise}>employeeNumber \"1\")"),
        new("extension sub-attribute", $"{Enterprise}:manager.value eq \"x\"", $"(eq <{Enterprise}>manager.value \"x\")"),
        new("extension $ref", $"{Enterprise}:manager.$ref pr", $"(pr <{Enterprise}>manager.$ref)"),
        new("core attribute", $"{Core}:userName eq \"x\"", $"(eq <{Core}>userName \"x\")"),
        new("core value path", $"{Core}:emails[type eq \"work\"]", $"(<{Core}>emails[] (eq type \"work\"))"),
        new("whole extension", $"{Enterprise} pr", "(pr <urn:ietf:params:scim:schemas:extension:enterprise:2.0>User)"),
    };

    public static TheoryData<TextCase> CaseInsensitivity => new()
    {
        new("upper-case operator and keyword", "userName EQ \"x\" AND title PR", "(and (eq userName \"x\") (pr title))"),
        new("mixed-case operators", "a Eq 1 Or b gT 2", "(or (eq a 1) (gt b 2))"),
        new("upper-case not", "NOT (a pr)", "(not (pr a))"),
        new("names keep the client's casing", "USERNAME eq \"x\"", "(eq USERNAME \"x\")"),
        new("upper-case keywords as values", "active eq TRUE or active eq False or x eq NULL", "(or (or (eq active true) (eq active false)) (eq x null))"),
    };

    public static TheoryData<TextCase> Values => new()
    {
        new("all simple escapes", "a eq \"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t\"", "(eq a \"q\" b\\ s/ \b\f\n\r\t\")"),
        new("unicode escapes", "a eq \"\\u00e9\\u20AC\\ud83d\\ude00\"", "(eq a \"é€😀\")"),
        new("lone surrogate escape", "a eq \"\\ud800\"", "(eq a \"\ud800\")"),
        new("empty string", "a eq \"\"", "(eq a \"\")"),
        new("non-ASCII text", "displayName eq \"Zoë 山田\"", "(eq displayName \"Zoë 山田\")"),
        new("unquoted word", "externalId eq jyoung", "(eq externalId \"jyoung\")"),
        new("unquoted email", "userName eq bjensen@example.com and active eq true", "(and (eq userName \"bjensen@example.com\") (eq active true))"),
        new("unquoted leading zero stays text", "employeeNumber eq 0123", "(eq employeeNumber \"0123\")"),
        new("unquoted pr is text", "title eq pr", "(eq title \"pr\")"),
        new("integer", "a eq 42", "(eq a 42)"),
        new("zero", "a eq 0", "(eq a 0)"),
        new("negative decimal", "a eq -1.5", "(eq a -1.5)"),
        new("exponent", "a gt 1e3", "(gt a 1000)"),
        new("negative exponent", "a lt 25E-2", "(lt a 0.25)"),
        new("true", "active eq true", "(eq active true)"),
        new("false", "active eq false", "(eq active false)"),
        new("null", "nickName eq null", "(eq nickName null)"),
        new("tabs and newlines between tokens", "\t userName\r\n eq\n\"x\"  ", "(eq userName \"x\")"),
        new("no-break space between tokens", "userName\u00a0eq\u00a0\"x\"", "(eq userName \"x\")"),
        new("no space before a string", "userName eq\"x\"", "(eq userName \"x\")"),
        new("no space around parentheses", "(a pr)and(b pr)", "(and (pr a) (pr b))"),
    };

    [Theory]
    [MemberData(nameof(Operators))]
    [MemberData(nameof(Structure))]
    [MemberData(nameof(ValuePaths))]
    [MemberData(nameof(UrnPaths))]
    [MemberData(nameof(CaseInsensitivity))]
    [MemberData(nameof(Values))]
    public void Parse_ValidFilter_BuildsExpectedTree(TextCase row)
    {
        var filter = FilterParser.Parse(row.Input);

        Assert.Equal(row.Expected, FilterPrinter.Print(filter));
    }

    [Fact]
    public void Parse_NotBindsTighterThanAnd_BuildsNotOfComparison()
    {
        var filter = FilterParser.Parse("not userName eq \"x\" and active eq true");

        var and = Assert.IsType<AndFilter>(filter);
        var not = Assert.IsType<NotFilter>(and.Left);
        Assert.IsType<CompareFilter>(not.Inner);
    }

    [Fact]
    public void Parse_NumberValue_IsDecimal()
    {
        var filter = Assert.IsType<CompareFilter>(FilterParser.Parse("a eq 1.50"));

        Assert.Equal(1.5m, Assert.IsType<decimal>(filter.Value));
    }

    [Fact]
    public void Parse_SameFilterTwice_GivesEqualTrees()
    {
        const string Text = "emails[type eq \"work\" and value co \"@x\"] or not (userName sw \"a\")";

        Assert.Equal(FilterParser.Parse(Text), FilterParser.Parse(Text));
    }
}
