using System.Runtime.CompilerServices;
using Operator.Controllers;
using Operator.Runtime;

// First, before anything serializes: the native build reads watch events only with this (OperatorJson).
if (!OperatorJson.PrepareKubernetesClient() && !RuntimeFeature.IsDynamicCodeSupported)
{
    throw new InvalidOperationException("KubernetesClient's JSON options were used before the operator could prepare them.");
}

await Operator.OperatorApp.Build(args, builder => builder.Services.AddScimControllers(builder.Configuration)).RunAsync();
