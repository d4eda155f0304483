namespace Operator.Runtime;

/// <summary>Whether this replica holds the leader lease. Workers run only on the leader.</summary>
internal interface ILeadership
{
    bool IsLeader { get; }

    /// <summary>The identity written to the lease (pod name, or host name plus a random suffix).</summary>
    string Identity { get; }

    /// <summary>Cancelled when leadership, once held, is lost; in-flight reconciles stop at once then.</summary>
    CancellationToken LeadershipLost { get; }

    Task WaitForLeadershipAsync(CancellationToken ct);
}
