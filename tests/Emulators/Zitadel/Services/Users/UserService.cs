using Emulators.Zitadel.Hosting;

namespace Emulators.Zitadel.Services.Users;

/// <summary>Registers <c>zitadel.user.v2.UserService</c>.</summary>
internal static class UserService
{
    public const string Name = "zitadel.user.v2.UserService";

    public static void Map(MethodTable table)
    {
        table.Add(Name, "CreateUser", UserCreateHandler.CreateUser);
        table.Add(Name, "GetUserByID", UserReadHandlers.GetUserByID);
        table.Add(Name, "ListUsers", UserReadHandlers.ListUsers);
        table.Add(Name, "UpdateUser", UserUpdateHandler.UpdateUser);
        table.Add(Name, "DeactivateUser", UserStateHandlers.DeactivateUser);
        table.Add(Name, "ReactivateUser", UserStateHandlers.ReactivateUser);
        table.Add(Name, "DeleteUser", UserStateHandlers.DeleteUser);
        table.Add(Name, "SetUserMetadata", UserMetadataHandlers.SetUserMetadata);
        table.Add(Name, "ListUserMetadata", UserMetadataHandlers.ListUserMetadata);
        table.Add(Name, "DeleteUserMetadata", UserMetadataHandlers.DeleteUserMetadata);
        table.Add(Name, "AddIDPLink", UserIdpLinkHandlers.AddIDPLink);
        table.Add(Name, "ListIDPLinks", UserIdpLinkHandlers.ListIDPLinks);
        table.Add(Name, "RemoveIDPLink", UserIdpLinkHandlers.RemoveIDPLink);
        table.Add(Name, "AddPersonalAccessToken", UserCredentialHandlers.AddPersonalAccessToken);
        table.Add(Name, "RemovePersonalAccessToken", UserCredentialHandlers.RemovePersonalAccessToken);
        table.Add(Name, "AddKey", UserCredentialHandlers.AddKey);
        table.Add(Name, "RemoveKey", UserCredentialHandlers.RemoveKey);
    }
}
