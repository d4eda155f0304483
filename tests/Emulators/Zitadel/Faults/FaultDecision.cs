namespace Emulators.Zitadel.Faults;

/// <summary>What the fault plan decided for one call.</summary>
internal readonly record struct FaultDecision(TimeSpan Latency, FaultKind? Fault);
