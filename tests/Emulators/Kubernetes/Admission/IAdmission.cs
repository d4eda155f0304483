namespace Emulators.Kubernetes.Admission;

/// <summary>Kind-specific defaulting and validation, run on create and on every update (main and /status).</summary>
internal interface IAdmission
{
    void Admit(AdmissionContext context);
}
