return await Emulators.Zitadel.ZitadelEmulatorApp.RunAsync(args);
