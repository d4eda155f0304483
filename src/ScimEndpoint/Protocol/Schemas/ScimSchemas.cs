using static ScimEndpoint.Protocol.Schemas.Attr;

namespace ScimEndpoint.Protocol.Schemas;

/// <summary>
/// The schemas this service supports, as RFC 7643 §4 and §8.7.1 define them, less what it does not store
/// (<c>password</c>, and the read-only <c>groups</c> back-reference). Discovery publishes exactly these.
/// </summary>
internal static class ScimSchemas
{
    public static readonly ScimSchema User = new(ScimConstants.UserSchema, "User", "User Account", [
        new("userName", AttributeType.String)
        {
            Description = "Unique identifier for the User, used by the user to authenticate. Compared ignoring case.",
            Required = true,
            Uniqueness = Uniqueness.Server,
        },
        Complex(
            "name",
            "The components of the user's real name.",
            Str("formatted", "The full name, formatted for display."),
            Str("familyName", "The family name of the User."),
            Str("givenName", "The given name of the User."),
            Str("middleName", "The middle name(s) of the User."),
            Str("honorificPrefix", "The honorific prefix(es) of the User."),
            Str("honorificSuffix", "The honorific suffix(es) of the User.")),
        Str("displayName", "The name of the User, suitable for display to end-users."),
        Str("nickName", "The casual way to address the user."),
        Ref("profileUrl", "A fully qualified URL pointing to the User's online profile.", "external"),
        Str("title", "The user's title, such as \"Vice President\"."),
        Str("userType", "The relationship between the organization and the user."),
        Str("preferredLanguage", "The User's preferred written or spoken language, e.g. en-US."),
        Str("locale", "The User's default location for localization, e.g. en-US."),
        Str("timezone", "The User's time zone in the Olson database format, e.g. Europe/Berlin."),
        Bool("active", "The User's administrative status. Accepts JSON booleans and the strings \"true\"/\"false\"."),
        MultiValued(
            "emails",
            "Email addresses for the user.",
            Str("value", "Email address for the user."),
            "work", "home", "other"),
        MultiValued(
            "phoneNumbers",
            "Phone numbers for the User.",
            Str("value", "Phone number of the User."),
            "work", "home", "mobile", "fax", "pager", "other"),
        MultiValued(
            "ims",
            "Instant messaging addresses for the User.",
            Str("value", "Instant messaging address for the User.")),
        MultiValued(
            "photos",
            "URLs of photos of the User.",
            Ref("value", "URL of a photo of the User.", "external"),
            "photo", "thumbnail"),
        new("addresses", AttributeType.Complex, [
            Str("formatted", "The full mailing address, formatted for display."),
            Str("streetAddress", "The full street address component."),
            Str("locality", "The city or locality component."),
            Str("region", "The state or region component."),
            Str("postalCode", "The zip code or postal code component."),
            Str("country", "The country name component."),
            new("type", AttributeType.String)
            {
                Description = "A label indicating the attribute's function.",
                CanonicalValues = ["work", "home", "other"],
            },
            Bool("primary", "Whether this is the primary address."),
        ])
        {
            Description = "A physical mailing address for this User.",
            MultiValued = true,
        },
        MultiValued(
            "entitlements",
            "A list of entitlements for the User.",
            Str("value", "The value of an entitlement.")),
        MultiValued(
            "roles",
            "A list of roles for the User. Entra app-role assignments arrive here.",
            Str("value", "The value of a role.")),
        MultiValued(
            "x509Certificates",
            "A list of certificates issued to the User.",
            new("value", AttributeType.Binary) { Description = "The value of an X.509 certificate.", CaseExact = true }),
    ]);

    public static readonly ScimSchema EnterpriseUser = new(
        ScimConstants.EnterpriseUserSchema, "EnterpriseUser", "Enterprise User", [
            Str("employeeNumber", "Numeric or alphanumeric identifier assigned to a person."),
            Str("costCenter", "Identifies the name of a cost center."),
            Str("organization", "Identifies the name of an organization."),
            Str("division", "Identifies the name of a division."),
            Str("department", "Identifies the name of a department."),
            Complex(
                "manager",
                "The User's manager. Accepts a bare id string, an object or \"\" to clear; returned as {value}.",
                Str("value", "The id of the SCIM resource representing the User's manager.", true),
                Ref("$ref", "The URI of the SCIM resource representing the User's manager.", "User"),
                new("displayName", AttributeType.String)
                {
                    Description = "The displayName of the User's manager.",
                    Mutability = Mutability.ReadOnly,
                }),
        ]);

    public static readonly ScimSchema Group = new(ScimConstants.GroupSchema, "Group", "Group", [
        new("displayName", AttributeType.String)
        {
            Description = "A human-readable name for the Group. Unique, compared ignoring case (Entra matches on it).",
            Required = true,
            Uniqueness = Uniqueness.Server,
        },
        new("members", AttributeType.Complex, [
            new("value", AttributeType.String)
            {
                Description = "Identifier of the member of this Group.",
                CaseExact = true,
                Mutability = Mutability.Immutable,
            },
            new("$ref", AttributeType.Reference)
            {
                Description = "The URI of the member resource.",
                CaseExact = true,
                Mutability = Mutability.Immutable,
                ReferenceTypes = ["User", "Group"],
            },
            new("type", AttributeType.String)
            {
                Description = "The type of the member.",
                Mutability = Mutability.Immutable,
                CanonicalValues = ["User", "Group"],
            },
            new("display", AttributeType.String)
            {
                Description = "A human-readable name of the member.",
                Mutability = Mutability.ReadOnly,
            },
        ])
        {
            Description = "A list of members of the Group.",
            MultiValued = true,
        },
    ]);

    public static readonly ResourceTypeDefinition UserType = new(
        "User", "/Users", "User Account", User, [new SchemaExtension(EnterpriseUser, Required: false)]);

    public static readonly ResourceTypeDefinition GroupType = new("Group", "/Groups", "Group", Group, []);

    public static readonly IReadOnlyList<ResourceTypeDefinition> ResourceTypes = [UserType, GroupType];

    public static readonly IReadOnlyList<ScimSchema> All = [User, Group, EnterpriseUser];
}
