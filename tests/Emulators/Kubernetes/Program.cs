return await Emulators.Kubernetes.KubernetesEmulatorApp.RunAsync(args);
