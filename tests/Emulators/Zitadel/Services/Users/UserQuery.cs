using System.Text.Json.Nodes;
using Emulators.Zitadel.Errors;
using Emulators.Zitadel.Json;
using Emulators.Zitadel.Services.Shared;
using Emulators.Zitadel.State;

namespace Emulators.Zitadel.Services.Users;

/// <summary>Turns ListUsers <c>SearchQuery</c> messages (§5.3) into predicates over users.</summary>
internal sealed class UserQuery(IReadOnlyList<MetadataRecord> visibleMetadata)
{
    private static readonly string[] ByteMethods = ["BYTE_FILTER_METHOD_EQUALS", "BYTE_FILTER_METHOD_NOT_EQUALS"];
    private static readonly string[] UserTypes = ["TYPE_UNSPECIFIED", "TYPE_HUMAN", "TYPE_MACHINE"];

    /// <summary>Top-level queries are ANDed.</summary>
    public Func<UserRecord, bool> All(IEnumerable<JsonObject> queries)
    {
        var predicates = queries.Select(Build).ToList();
        return user => predicates.All(predicate => predicate(user));
    }

    private Func<UserRecord, bool> Build(JsonObject query)
    {
        var (name, body) = query.Select(pair => (pair.Key, Body: pair.Value as JsonObject))
            .FirstOrDefault(pair => pair.Body is not null);
        if (body is null)
        {
            throw ZitadelException.InvalidArgument("USER-vR9nd", "Unsupported or empty search query");
        }

        return name switch
        {
            "userNameQuery" => Text(body, "userName", user => user.UserName),
            "emailQuery" => Text(body, "emailAddress", user => user.Human?.Email),
            "firstNameQuery" => Text(body, "firstName", user => user.Human?.GivenName),
            "lastNameQuery" => Text(body, "lastName", user => user.Human?.FamilyName),
            "displayNameQuery" => Text(body, "displayName", user => user.Human?.DisplayName),
            "organizationIdQuery" => user => user.OrganizationId == body.Str("organizationId"),
            "inUserIdsQuery" => In(body.Strings("userIds"), user => user.Id),
            "inUserEmailsQuery" => In(body.Strings("userEmails"), user => user.Human?.Email),
            "stateQuery" => user => user.State == body.Str("state"),
            "typeQuery" => Type(body.Enum("type", UserTypes)),
            "metadataKeyFilter" => Metadata(TextMatch.Parse(body, "key", TextMatch.FilterPrefix), _ => true),
            "metadataValueFilter" => MetadataValue(body),
            "andQuery" => All(body.Objects("queries")),
            "orQuery" => Any(body.Objects("queries")),
            "notQuery" => Not(body.Obj("query")),
            _ => throw ZitadelException.InvalidArgument("USER-vR9nd", $"Unsupported search query {name}"),
        };
    }

    private Func<UserRecord, bool> Any(IEnumerable<JsonObject> queries)
    {
        var predicates = queries.Select(Build).ToList();
        return user => predicates.Any(predicate => predicate(user));
    }

    private Func<UserRecord, bool> Not(JsonObject? query)
    {
        var inner = Build(query ?? throw ZitadelException.InvalidArgument("USER-vR9nd", "notQuery needs a query"));
        return user => !inner(user);
    }

    private static Func<UserRecord, bool> Text(JsonObject body, string field, Func<UserRecord, string?> value)
    {
        var matches = TextMatch.Parse(body, field, TextMatch.QueryPrefix);
        return user => matches(value(user));
    }

    private static Func<UserRecord, bool> In(IReadOnlyList<string> values, Func<UserRecord, string?> value) =>
        user => value(user) is { } actual && values.Contains(actual);

    private static Func<UserRecord, bool> Type(int type) =>
        user => type switch { 1 => user.Human is not null, 2 => user.Machine is not null, _ => true };

    private Func<UserRecord, bool> MetadataValue(JsonObject body)
    {
        var expected = body.Bytes("value");
        if (expected.Length > 200)
        {
            throw ZitadelException.InvalidArgument("USER-vR9nd", "metadataValueFilter value is at most 200 bytes");
        }

        var notEquals = body.Enum("method", ByteMethods) == 1;
        return Metadata(_ => true, value => value.AsSpan().SequenceEqual(expected) != notEquals);
    }

    /// <summary>A user matches when one of its metadata entries matches both the key and the value test.</summary>
    private Func<UserRecord, bool> Metadata(Func<string?, bool> key, Func<byte[], bool> value) =>
        user => visibleMetadata.Any(entry => entry.UserId == user.Id && key(entry.Key) && value(entry.Value));
}
