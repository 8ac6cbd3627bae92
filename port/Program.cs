using Rumprun.Core.Cli;
using Rumprun.Port.Commands;

return await ToolHost.RunAsync("rr-port", PortCommand.Create(PortEnvironment.FromProcess()).Root, args);
