using Zitadel.Administrators;

namespace Zitadel.Tests.Contract;

/// <summary>
/// The resources a contract test created, removed newest first so dependants go before what they depend on.
/// A resource the test already removed answers 404, which counts as done.
/// </summary>
/// <remarks>Projects stay: the typed client has no <c>DeleteProject</c> (ScimOperator never deletes one). Their
/// roles are removed, and their names carry the <see cref="ZitadelContractTarget.NamePrefix"/>.</remarks>
internal sealed class ContractCleanup
{
    private readonly Stack<Func<ZitadelClient, CancellationToken, Task>> _steps = new();
    private readonly Lock _gate = new();

    public void User(string userId) =>
        Push((client, ct) => client.Users.DeleteUserAsync(userId, ct));

    public void ProjectRole(string projectId, string roleKey) =>
        Push((client, ct) => client.Projects.RemoveProjectRoleAsync(projectId, roleKey, ct));

    public void Authorization(string id) =>
        Push((client, ct) => client.Authorizations.DeleteAuthorizationAsync(id, ct));

    public void Administrator(string userId, AdministratorResource resource) =>
        Push((client, ct) => client.Administrators.DeleteAdministratorAsync(userId, resource, ct));

    /// <summary>Runs every step; a failure other than 404 does not stop the others and is rethrown at the end.
    /// </summary>
    public async Task RunAsync(ZitadelClient client, CancellationToken cancellationToken)
    {
        var failures = new List<Exception>();
        while (Pop() is { } step)
        {
            try
            {
                await step(client, cancellationToken);
            }
            catch (ZitadelException e) when (e.IsNotFound)
            {
                // Already gone: the test removed it itself.
            }
            catch (ZitadelException e)
            {
                failures.Add(e);
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("Contract cleanup left resources behind.", failures);
        }
    }

    private void Push(Func<ZitadelClient, CancellationToken, Task> step)
    {
        lock (_gate)
        {
            _steps.Push(step);
        }
    }

    private Func<ZitadelClient, CancellationToken, Task>? Pop()
    {
        lock (_gate)
        {
            return _steps.TryPop(out var step) ? step : null;
        }
    }
}
