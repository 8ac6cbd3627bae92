using Rumprun.Core.Cli;
using Rumprun.Run;

return await ToolHost.RunAsync("rr-run", RootCommandFactory.Create(), args);
