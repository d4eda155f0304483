namespace Zitadel.Json;

// Proto enum names as string constants: unknown future values still deserialize. Small constant sets share this file.

internal static class UserStates
{
    public const string Active = "USER_STATE_ACTIVE";
    public const string Inactive = "USER_STATE_INACTIVE";
    public const string Deleted = "USER_STATE_DELETED";
    public const string Locked = "USER_STATE_LOCKED";
    public const string Initial = "USER_STATE_INITIAL";
}

/// <summary><c>TextQueryMethod</c> of the user and organization list queries; EQUALS is the default.</summary>
internal static class TextQueryMethods
{
    public const string EqualsExact = "TEXT_QUERY_METHOD_EQUALS";
    public const string EqualsIgnoreCase = "TEXT_QUERY_METHOD_EQUALS_IGNORE_CASE";
    public const string StartsWith = "TEXT_QUERY_METHOD_STARTS_WITH";
    public const string StartsWithIgnoreCase = "TEXT_QUERY_METHOD_STARTS_WITH_IGNORE_CASE";
    public const string Contains = "TEXT_QUERY_METHOD_CONTAINS";
    public const string ContainsIgnoreCase = "TEXT_QUERY_METHOD_CONTAINS_IGNORE_CASE";
    public const string EndsWith = "TEXT_QUERY_METHOD_ENDS_WITH";
    public const string EndsWithIgnoreCase = "TEXT_QUERY_METHOD_ENDS_WITH_IGNORE_CASE";
}

/// <summary><c>TextFilterMethod</c> of the newer v2 filters (metadata, projects, authorizations).</summary>
internal static class TextFilterMethods
{
    public const string EqualsExact = "TEXT_FILTER_METHOD_EQUALS";
    public const string EqualsIgnoreCase = "TEXT_FILTER_METHOD_EQUALS_IGNORE_CASE";
    public const string StartsWith = "TEXT_FILTER_METHOD_STARTS_WITH";
    public const string StartsWithIgnoreCase = "TEXT_FILTER_METHOD_STARTS_WITH_IGNORE_CASE";
    public const string Contains = "TEXT_FILTER_METHOD_CONTAINS";
    public const string ContainsIgnoreCase = "TEXT_FILTER_METHOD_CONTAINS_IGNORE_CASE";
    public const string EndsWith = "TEXT_FILTER_METHOD_ENDS_WITH";
    public const string EndsWithIgnoreCase = "TEXT_FILTER_METHOD_ENDS_WITH_IGNORE_CASE";
}

internal static class ByteFilterMethods
{
    public const string EqualsExact = "BYTE_FILTER_METHOD_EQUALS";
    public const string NotEquals = "BYTE_FILTER_METHOD_NOT_EQUALS";
}

internal static class UserTypes
{
    public const string Human = "TYPE_HUMAN";
    public const string Machine = "TYPE_MACHINE";
}

internal static class AccessTokenTypes
{
    public const string Bearer = "ACCESS_TOKEN_TYPE_BEARER";
    public const string Jwt = "ACCESS_TOKEN_TYPE_JWT";
}
