namespace Emulators.Kubernetes.Faults;

/// <summary>What the fault plan decided for one request.</summary>
internal sealed record FaultDecision(TimeSpan Delay, FaultRule? Failure, int? DropWatchAfterEvents, bool GarbleWatch = false);
