namespace Emulators.Kubernetes.Admission;

/// <summary>ConfigMap: data and binaryData cannot change once <c>immutable</c> is set.</summary>
internal sealed class ConfigMapAdmission : IAdmission
{
    public void Admit(AdmissionContext context) => ImmutableData.Check(context, "data", "binaryData");
}
