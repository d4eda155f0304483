using System.Text.Json;
using System.Text.Json.Serialization;
using Zitadel.Administrators;
using Zitadel.Auth;
using Zitadel.Authorizations;
using Zitadel.Organizations;
using Zitadel.Projects;
using Zitadel.Users;

namespace Zitadel.Json;

/// <summary>
/// protojson via source generation: camelCase, unknown members ignored, null/default members omitted on output,
/// bytes as base64. 64-bit integers are strings through <see cref="ProtoJson.Int64"/> on each such member.
/// </summary>
/// <remarks>Note: members with a default (<c>""</c>, <c>[]</c>) use <c>set</c>, not <c>init</c>: the generator
/// assigns every init member in its object initializer, so a member ZITADEL omitted would become null.</remarks>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(CreateUserRequest))]
[JsonSerializable(typeof(CreateUserResponse))]
[JsonSerializable(typeof(UserIdRequest))]
[JsonSerializable(typeof(GetUserByIdResponse))]
[JsonSerializable(typeof(ListUsersRequest))]
[JsonSerializable(typeof(ListUsersResponse))]
[JsonSerializable(typeof(UpdateUserRequest))]
[JsonSerializable(typeof(ChangeDateResponse))]
[JsonSerializable(typeof(DetailsResponse))]
[JsonSerializable(typeof(SetUserMetadataRequest))]
[JsonSerializable(typeof(SetUserMetadataResponse))]
[JsonSerializable(typeof(ListUserMetadataRequest))]
[JsonSerializable(typeof(ListUserMetadataResponse))]
[JsonSerializable(typeof(DeleteUserMetadataRequest))]
[JsonSerializable(typeof(DeletionDateResponse))]
[JsonSerializable(typeof(AddIdpLinkRequest))]
[JsonSerializable(typeof(ListIdpLinksRequest))]
[JsonSerializable(typeof(ListIdpLinksResponse))]
[JsonSerializable(typeof(RemoveIdpLinkRequest))]
[JsonSerializable(typeof(AddPersonalAccessTokenRequest))]
[JsonSerializable(typeof(AddPersonalAccessTokenResponse))]
[JsonSerializable(typeof(RemovePersonalAccessTokenRequest))]
[JsonSerializable(typeof(AddKeyRequest))]
[JsonSerializable(typeof(AddKeyResponse))]
[JsonSerializable(typeof(RemoveKeyRequest))]
[JsonSerializable(typeof(ListOrganizationsRequest))]
[JsonSerializable(typeof(ListOrganizationsResponse))]
[JsonSerializable(typeof(AddOrganizationRequest))]
[JsonSerializable(typeof(AddOrganizationResponse))]
[JsonSerializable(typeof(CreateProjectRequest))]
[JsonSerializable(typeof(CreateProjectResponse))]
[JsonSerializable(typeof(GetProjectRequest))]
[JsonSerializable(typeof(GetProjectResponse))]
[JsonSerializable(typeof(FilteredListRequest<ProjectSearchFilter>))]
[JsonSerializable(typeof(ListProjectsResponse))]
[JsonSerializable(typeof(AddProjectRoleRequest))]
[JsonSerializable(typeof(CreationDateResponse))]
[JsonSerializable(typeof(UpdateProjectRoleRequest))]
[JsonSerializable(typeof(RemoveProjectRoleRequest))]
[JsonSerializable(typeof(RemoveProjectRoleResponse))]
[JsonSerializable(typeof(ListProjectRolesRequest))]
[JsonSerializable(typeof(ListProjectRolesResponse))]
[JsonSerializable(typeof(CreateAuthorizationRequest))]
[JsonSerializable(typeof(CreateAuthorizationResponse))]
[JsonSerializable(typeof(UpdateAuthorizationRequest))]
[JsonSerializable(typeof(DeleteAuthorizationRequest))]
[JsonSerializable(typeof(FilteredListRequest<AuthorizationSearchFilter>))]
[JsonSerializable(typeof(ListAuthorizationsResponse))]
[JsonSerializable(typeof(AdministratorRequest))]
[JsonSerializable(typeof(DeleteAdministratorRequest))]
[JsonSerializable(typeof(FilteredListRequest<AdministratorSearchFilter>))]
[JsonSerializable(typeof(ListAdministratorsResponse))]
[JsonSerializable(typeof(JwtHeader))]
[JsonSerializable(typeof(JwtClaims))]
[JsonSerializable(typeof(TokenResponse))]
internal sealed partial class ZitadelJsonContext : JsonSerializerContext;
