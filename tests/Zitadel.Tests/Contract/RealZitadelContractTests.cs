namespace Zitadel.Tests.Contract;

/// <summary>
/// The contract against a real ZITADEL (v4.6 or later): every test is re-declared with
/// <see cref="ZitadelFactAttribute"/> so it is skipped, with the reason in the test output, unless ZITADEL_URL,
/// ZITADEL_PAT (or ZITADEL_KEY_FILE) and ZITADEL_ORG_ID are set. The identity needs ORG_OWNER on the org. Users,
/// roles, authorizations and administrators the tests create are deleted afterwards; projects stay (the client has
/// no DeleteProject), named
/// <c>scimop-ct-project-…</c>.
/// </summary>
public sealed class RealZitadelContractTests : ZitadelContractTests
{
    [ZitadelFact]
    public override Task CreateUser_HumanWithMetadata_GetReturnsProfileEmailStateAndDetails() =>
        base.CreateUser_HumanWithMetadata_GetReturnsProfileEmailStateAndDetails();

    [ZitadelFact]
    public override Task CreateUser_UserNameTakenInOtherCase_ThrowsAlreadyExists409() =>
        base.CreateUser_UserNameTakenInOtherCase_ThrowsAlreadyExists409();

    [ZitadelFact]
    public override Task GetUserById_UnknownId_ThrowsNotFound404() =>
        base.GetUserById_UnknownId_ThrowsNotFound404();

    [ZitadelFact]
    public override Task ListUsers_UserNameEqualsIgnoreCaseInOrganization_FindsUserOnceProjected() =>
        base.ListUsers_UserNameEqualsIgnoreCaseInOrganization_FindsUserOnceProjected();

    [ZitadelFact]
    public override Task ListUsers_MetadataKeyAndValue_FindsOnlyTheMatchingUser() =>
        base.ListUsers_MetadataKeyAndValue_FindsOnlyTheMatchingUser();

    [ZitadelFact]
    public override Task UpdateUser_ProfileAndMetadata_ChangesProfileSetsAndDeletesMetadata() =>
        base.UpdateUser_ProfileAndMetadata_ChangesProfileSetsAndDeletesMetadata();

    [ZitadelFact]
    public override Task DeactivateUser_ThenReactivate_StateFollows() =>
        base.DeactivateUser_ThenReactivate_StateFollows();

    [ZitadelFact]
    public override Task DeactivateUser_Twice_ThrowsFailedPrecondition400() =>
        base.DeactivateUser_Twice_ThrowsFailedPrecondition400();

    [ZitadelFact]
    public override Task DeleteUser_ThenCreateSameUserName_Succeeds() =>
        base.DeleteUser_ThenCreateSameUserName_Succeeds();

    [ZitadelFact]
    public override Task UserMetadata_SetListByKeyPrefixAndDelete_RoundTrips() =>
        base.UserMetadata_SetListByKeyPrefixAndDelete_RoundTrips();

    [ZitadelFact]
    public override void ListQuery_LimitOver1000_ClientRefusesBeforeSending() =>
        base.ListQuery_LimitOver1000_ClientRefusesBeforeSending();

    [ZitadelFact]
    public override Task AddProjectRole_SameKeyTwice_ThrowsAlreadyExists409() =>
        base.AddProjectRole_SameKeyTwice_ThrowsAlreadyExists409();

    [ZitadelFact]
    public override Task ProjectRoles_ListUpdateAndRemove_ListFollows() =>
        base.ProjectRoles_ListUpdateAndRemove_ListFollows();

    [ZitadelFact]
    public override Task CreateAuthorization_UserWithRole_ListedByUserAndProject() =>
        base.CreateAuthorization_UserWithRole_ListedByUserAndProject();

    [ZitadelFact]
    public override Task UpdateAuthorization_OtherRoles_ReplacesTheSet() =>
        base.UpdateAuthorization_OtherRoles_ReplacesTheSet();

    [ZitadelFact]
    public override Task DeleteAuthorization_Twice_SucceedsAndListNoLongerHasIt() =>
        base.DeleteAuthorization_Twice_SucceedsAndListNoLongerHasIt();

    [ZitadelFact]
    public override Task RemoveProjectRole_RoleInAuthorization_RemovesItFromTheAuthorization() =>
        base.RemoveProjectRole_RoleInAuthorization_RemovesItFromTheAuthorization();

    [ZitadelFact]
    public override Task CreateAdministrator_MachineUserOnOrganization_Listed() =>
        base.CreateAdministrator_MachineUserOnOrganization_Listed();

    [ZitadelFact]
    public override Task UpdateAdministrator_OtherRoles_ReplacesTheSet() =>
        base.UpdateAdministrator_OtherRoles_ReplacesTheSet();

    [ZitadelFact]
    public override Task DeleteAdministrator_Twice_SucceedsAndListNoLongerHasIt() =>
        base.DeleteAdministrator_Twice_SucceedsAndListNoLongerHasIt();

    [ZitadelFact]
    public override Task AddPersonalAccessToken_MachineUser_SecondClientActsWithItsRolesOnly() =>
        base.AddPersonalAccessToken_MachineUser_SecondClientActsWithItsRolesOnly();

    [ZitadelFact]
    public override Task Client_UnknownPersonalAccessToken_ThrowsUnauthenticated401() =>
        base.Client_UnknownPersonalAccessToken_ThrowsUnauthenticated401();

    internal override Task<IZitadelContractTarget> StartTargetAsync() =>
        Task.FromResult<IZitadelContractTarget>(RealZitadelTarget.FromEnvironment());
}
