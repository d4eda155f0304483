using System.Text;
using ScimEndpoint.Protocol;
using ScimEndpoint.Protocol.Filtering;
using ScimEndpoint.Protocol.Paths;

namespace ScimEndpoint.Tests.Filtering;

/// <summary>Mutates real filters with a fixed seed: the parsers must return or throw ScimException, nothing else.</summary>
public class FilterParserRandomInputTests
{
    private const int Iterations = 5000;

    private static readonly string[] Seeds =
    [
        "userName eq \"bjensen\"",
        "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")",
        "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")",
        "emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"x\"",
        "meta.lastModified gt \"2011-05-13T04:42:34Z\" and title pr",
        "displayName eq \"a\\\"b\\u00e9\" or externalId eq jyoung",
        "emails[type eq \"work\"].value eq \"a@x\"",
        "roles[primary eq \"True\"].value",
        "a eq -1.5e3 or b eq true or c eq null",
    ];

    private static readonly string[] Fragments =
        ["(", ")", "[", "]", "\"", "\\", "\\u", " and ", " or ", "not ", " eq ", " pr", ":", ".", "\0", "\ud800", "\u00a0"];

    [Fact]
    public void Parse_MutatedFilters_ReturnOrThrowScimException()
    {
        var random = new Random(7644);
        for (var i = 0; i < Iterations; i++)
        {
            var text = Mutate(random, Seeds[random.Next(Seeds.Length)]);

            AssertReturnsOrThrowsScimException(() => FilterParser.Parse(text), text);
            AssertReturnsOrThrowsScimException(() => PathParser.ParsePatchPath(text), text);
        }
    }

    [Fact]
    public void Parse_RandomCharacters_ReturnOrThrowScimException()
    {
        var random = new Random(7643);
        for (var i = 0; i < Iterations; i++)
        {
            var chars = new char[random.Next(0, 64)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = (char)random.Next(0, 0x10000);
            }

            var text = new string(chars);
            AssertReturnsOrThrowsScimException(() => FilterParser.Parse(text), text);
            AssertReturnsOrThrowsScimException(() => PathParser.ParseAttributePath(text), text);
        }
    }

    private static string Mutate(Random random, string seed)
    {
        var text = new StringBuilder(seed);
        var edits = random.Next(1, 6);
        for (var i = 0; i < edits && text.Length > 0; i++)
        {
            var at = random.Next(text.Length);
            switch (random.Next(4))
            {
                case 0:
                    text.Remove(at, 1);
                    break;
                case 1:
                    text.Insert(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                case 2:
                    var other = random.Next(text.Length);
                    (text[at], text[other]) = (text[other], text[at]);
                    break;
                default:
                    text[at] = (char)random.Next(32, 127);
                    break;
            }
        }

        return text.ToString();
    }

    private static void AssertReturnsOrThrowsScimException(Action parse, string text)
    {
        try
        {
            parse();
        }
        catch (ScimException)
        {
            // Refusing bad input with a SCIM error is the expected outcome for most mutations.
        }
        catch (Exception exception)
        {
            Assert.Fail($"Input {System.Text.Json.JsonSerializer.Serialize(text)} threw {exception}");
        }
    }
}
