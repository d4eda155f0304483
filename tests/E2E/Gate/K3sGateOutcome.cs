namespace E2E.Tests.Gate;

public enum K3sGateOutcome
{
    Run,
    Skip,
    Fail,
}
