using System.Text.Json.Nodes;
using Emulators.Zitadel.Auth;
using Emulators.Zitadel.Errors;
using Emulators.Zitadel.Hosting;
using Emulators.Zitadel.Json;
using Emulators.Zitadel.Services.Shared;
using Emulators.Zitadel.State;

namespace Emulators.Zitadel.Services.Organizations;

/// <summary><c>zitadel.org.v2.OrganizationService</c>: ListOrganizations and AddOrganization (§4.1).</summary>
internal static class OrganizationService
{
    public const string Name = "zitadel.org.v2.OrganizationService";

    private static readonly string[] SortColumns =
    [
        "ORGANIZATION_FIELD_NAME_UNSPECIFIED", "ORGANIZATION_FIELD_NAME_NAME",
        "ORGANIZATION_FIELD_NAME_CREATION_DATE",
    ];

    public static void Map(MethodTable table)
    {
        table.Add(Name, "ListOrganizations", ListOrganizations);
        table.Add(Name, "AddOrganization", AddOrganization);
    }

    public static JsonObject AddOrganization(CallContext context, JsonObject request)
    {
        context.Require("org.create", null);
        var name = request.RequiredStr("name");
        var id = request.Str("organizationId") ?? context.State.NewId();
        if (context.State.Orgs.Get(id) is not null)
        {
            throw ZitadelException.AlreadyExists("COMMAND-Ca11f", "Organization already exists");
        }

        if (context.State.Orgs.Current.Any(org => string.Equals(org.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw ZitadelException.AlreadyExists("V3-DKcYh", "Organization already exists");
        }

        var sequence = context.State.NextSequence();
        var domain = OrganizationRecord.DomainFor(name);
        context.State.Orgs.Put(id, new OrganizationRecord(id, name, domain, context.Now, context.Now, sequence),
            context.Now);
        return new JsonObject()
            .Obj("details", ListJson.WriteDetails(sequence, context.Now, id).Time("creationDate", context.Now))
            .Str("organizationId", id);
    }

    public static JsonObject ListOrganizations(CallContext context, JsonObject request)
    {
        var page = ListPage.From(request.Obj("query"));
        var predicates = request.Objects("queries").Select(Query).ToList();
        var visible = context.State.Orgs.Visible(context.State.ListCutoff)
            .Where(org => predicates.All(matches => matches(org)) && context.Has("org.read", org.Id))
            .ToList();
        var column = request.Enum("sortingColumn", SortColumns);
        var result = page.Apply(visible, org => column == 1 ? org.Name : org.CreationDate, org => org.Id);
        return new JsonObject()
            .Obj("details", ListJson.Details(context, visible.Count))
            .Str("sortingColumn", column == 0 ? null : SortColumns[column])
            .Arr("result", result.Select(org => (JsonNode?)new JsonObject()
                .Str("id", org.Id)
                .Obj("details", new JsonObject()
                    .Int64("sequence", org.Sequence)
                    .Time("changeDate", org.ChangeDate)
                    .Str("resourceOwner", org.Id)
                    .Time("creationDate", org.CreationDate))
                .Str("state", "ORGANIZATION_STATE_ACTIVE")
                .Str("name", org.Name)
                .Str("primaryDomain", org.PrimaryDomain)));
    }

    private static Func<OrganizationRecord, bool> Query(JsonObject query)
    {
        if (query.Obj("idQuery") is { } id)
        {
            return org => org.Id == id.Str("id");
        }

        if (query.Obj("nameQuery") is { } name)
        {
            var matches = TextMatch.Parse(name, "name", TextMatch.QueryPrefix);
            return org => matches(org.Name);
        }

        throw ZitadelException.InvalidArgument("ORG-vR9nd", "Unsupported organization query");
    }
}
