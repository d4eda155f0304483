namespace ScimEndpoint.Storage.Zitadel;

/// <summary>ZITADEL's <c>UserFieldName</c> values the store sorts by (zitadel-api.md §5.3).</summary>
internal static class UserSortColumns
{
    public const string UserName = "USER_FIELD_NAME_USER_NAME";
    public const string CreationDate = "USER_FIELD_NAME_CREATION_DATE";
}
