using BenchmarkDotNet.Running;

// Run one area with e.g. --filter '*Ingest*'; results land in BenchmarkDotNet.Artifacts/.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
