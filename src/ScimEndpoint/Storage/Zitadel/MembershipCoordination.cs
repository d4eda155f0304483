namespace ScimEndpoint.Storage.Zitadel;

/// <summary>
/// How changes to one user's authorization are coordinated (<c>Scim:Zitadel:MembershipCoordination</c>). ZITADEL's
/// <c>UpdateAuthorization</c> replaces the whole role set and has no conditional form, so two writers that read the
/// same set lose one change (docs/zitadel-mapping.md, "Concurrent membership changes").
/// </summary>
internal enum MembershipCoordination
{
    /// <summary>
    /// One endpoint replica: rewrites of a user's set are serialized in this process only. Meets the call budget
    /// (k + 1 for k members); two replicas changing one user's roles at the same moment can lose a change.
    /// </summary>
    None,

    /// <summary>
    /// Several replicas: a rewrite also holds a lock in ZITADEL, the project role <c>scimlock.&lt;userId&gt;</c>, whose
    /// key uniqueness ZITADEL checks at write time. Costs two calls more per changed user (add and remove the role).
    /// </summary>
    ProjectRoleLock,
}
