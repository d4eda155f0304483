await Operator.OperatorApp.Build(args).RunAsync();
