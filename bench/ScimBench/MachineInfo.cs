using System.Runtime.InteropServices;

namespace ScimBench;

/// <summary>Describes where the numbers were measured.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var memoryGiB = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return $"Machine: {Environment.ProcessorCount} cores, {memoryGiB:F1} GiB memory, " +
               $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture}), {RuntimeInformation.FrameworkDescription}";
    }
}
