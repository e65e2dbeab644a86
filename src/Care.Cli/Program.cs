using Care.Cli.Hosting;

return await CareCli.RunAsync(args, Console.Out, Console.Error);
