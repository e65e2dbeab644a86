namespace Care.Fuzzing.Engine;

/// <summary>
/// An input that made a target throw an undocumented exception or run past the per-input time limit.
/// <see cref="Signature"/> (exception type and throwing frame) groups inputs that hit the same defect.
/// </summary>
/// <param name="Target">The target's name.</param>
/// <param name="Signature">Exception type and top stack frame, or <c>hang</c>.</param>
/// <param name="Input">The minimised input that reproduces it.</param>
/// <param name="Detail">The exception's message and stack, or the time taken.</param>
internal sealed record FuzzFinding(string Target, string Signature, byte[] Input, string Detail);
