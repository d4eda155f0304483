namespace Emulators.Kubernetes.Faults;

internal enum FaultKind
{
    /// <summary>Answer with a Status of the rule's code (429/500/503 carry Retry-After).</summary>
    Fail,

    /// <summary>Answer a write with 409 Conflict, worded as a real optimistic-concurrency failure.</summary>
    Conflict,

    /// <summary>Delay the answer.</summary>
    Latency,

    /// <summary>Cut a watch stream abruptly after a number of events.</summary>
    DropWatch,

    /// <summary>
    /// Send an ERROR event (500) in place of the first change on a watch, then stream on: what a client sees of an
    /// event it could not read.
    /// </summary>
    GarbleWatch,
}
