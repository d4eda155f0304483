using System.Text;
using ScimEndpoint.Protocol.Filtering;
using ScimEndpoint.Protocol.Paths;
using Zitadel.Json;
using Zitadel.Users;

namespace ScimEndpoint.Storage.Zitadel;

/// <summary>
/// Translates the parts of a SCIM filter that ZITADEL's <c>ListUsers</c> can answer (userName, the primary e-mail,
/// externalId through metadata, id), so no query scans an organisation. The store still checks every candidate
/// with the SCIM evaluator, so a translation may return too many users, never too few — except for non-primary
/// e-mails, which ZITADEL does not index (documented in docs/zitadel-mapping.md).
/// </summary>
internal static class ZitadelUserFilter
{
    /// <summary>A ZITADEL query and whether it returns exactly the SCIM matches (then ZITADEL can page).</summary>
    internal sealed record Translation(UserSearchQuery Query, bool Exact);

    /// <summary>The pushed-down query, or null when no part of the filter can be answered by ZITADEL.</summary>
    public static Translation? Translate(FilterNode filter) => filter switch
    {
        AndFilter both => Combine(Translate(both.Left), Translate(both.Right)),
        OrFilter either when Translate(either.Left) is { } left && Translate(either.Right) is { } right =>
            new Translation(UserSearchQuery.Or(left.Query, right.Query), left.Exact && right.Exact),
        NotFilter negated when Translate(negated.Inner) is { Exact: true } inner =>
            new Translation(UserSearchQuery.Not(inner.Query), true),
        CompareFilter compare => Compare(compare.Path, compare.Operator, compare.Value),
        ValuePathFilter { Path: var path } valuePath when IsEmails(path) => EmailInside(valuePath.Filter),
        _ => null,
    };

    private static Translation? Combine(Translation? left, Translation? right) => (left, right) switch
    {
        ({ } l, { } r) => new Translation(UserSearchQuery.And(l.Query, r.Query), l.Exact && r.Exact),
        // One side narrows the candidates; the other is checked on them.
        ({ } l, null) => l with { Exact = false },
        (null, { } r) => r with { Exact = false },
        _ => null,
    };

    private static Translation? Compare(AttributePath path, CompareOperator op, object? value)
    {
        if (value is not string text)
        {
            return null;
        }

        var name = path.SchemaUrn is null || path.SchemaUrn.EndsWith(":core:2.0:User", StringComparison.OrdinalIgnoreCase)
            ? path.Name
            : null;
        return (name?.ToUpperInvariant(), path.SubAttribute?.ToUpperInvariant(), op) switch
        {
            ("USERNAME", null, CompareOperator.Ne) =>
                new Translation(UserSearchQuery.Not(UserSearchQuery.UserName(text, TextQueryMethods.EqualsIgnoreCase)), true),
            ("USERNAME", null, _) when TextMethod(op) is { } method =>
                new Translation(UserSearchQuery.UserName(text, method), true),
            ("EMAILS", null or "VALUE", _) when op != CompareOperator.Ne && TextMethod(op) is { } method =>
                new Translation(UserSearchQuery.Email(text, method), false),
            ("EXTERNALID", null, CompareOperator.Eq) => new Translation(
                UserSearchQuery.And(
                    UserSearchQuery.MetadataKey(ZitadelUserMapping.ExternalIdKey),
                    UserSearchQuery.MetadataValue(Encoding.UTF8.GetBytes(text))),
                false),
            ("ID", null, CompareOperator.Eq) => new Translation(UserSearchQuery.InUserIds(text), true),
            _ => null,
        };
    }

    /// <summary>Entra matches on <c>emails[type eq "work"].value eq "x"</c>: the value test narrows by e-mail.</summary>
    private static Translation? EmailInside(FilterNode inner) => inner switch
    {
        AndFilter both => Combine(EmailInside(both.Left), EmailInside(both.Right)) is { } t ? t with { Exact = false } : null,
        CompareFilter { Path: { SchemaUrn: null, SubAttribute: null } path } compare
            when path.Name.Equals("value", StringComparison.OrdinalIgnoreCase)
            && compare.Operator != CompareOperator.Ne && compare.Value is string text && TextMethod(compare.Operator) is { } method =>
            new Translation(UserSearchQuery.Email(text, method), false),
        _ => null,
    };

    private static bool IsEmails(AttributePath path) =>
        path.Name.Equals("emails", StringComparison.OrdinalIgnoreCase) && path.SubAttribute is null;

    // userName and e-mails compare ignoring case in SCIM (caseExact false), so the _IGNORE_CASE methods match.
    private static string? TextMethod(CompareOperator op) => op switch
    {
        CompareOperator.Eq => TextQueryMethods.EqualsIgnoreCase,
        CompareOperator.Sw => TextQueryMethods.StartsWithIgnoreCase,
        CompareOperator.Co => TextQueryMethods.ContainsIgnoreCase,
        CompareOperator.Ew => TextQueryMethods.EndsWithIgnoreCase,
        _ => null,
    };
}
