using Care.Lab.Attestation;
using Care.Lab.Ledger;
using Care.Trust.Identity;
using Care.Trust.Ledger.Entries;

namespace Care.Lab.Jobs;

/// <summary>
/// The lab's gate in front of every instrument: a job starts only with an authorisation signed by
/// Hermes, made for this instrument, unexpired, never used before, and only on an instrument
/// attested since its latest boot. Starts, refusals and completions are ledgered
/// (<see cref="LabJobStarted"/>, <see cref="LabJob"/> with outcome <c>refused: …</c>,
/// <see cref="LabJobCompleted"/>). Thread safe (one lock).
/// </summary>
public sealed class JobGate
{
    private readonly HybridVerificationKey _hermes;
    private readonly AttestationService _attestation;
    private readonly InMemoryLabLedger _ledger;
    private readonly TimeProvider _time;
    private readonly HashSet<string> _usedNonces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Instrument, string Inputs)> _running = new(StringComparer.Ordinal);
    private readonly HashSet<string> _finished = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Creates the gate trusting <paramref name="hermes"/>'s authorisations.</summary>
    public JobGate(HybridVerificationKey hermes, AttestationService attestation, InMemoryLabLedger ledger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(hermes);
        ArgumentNullException.ThrowIfNull(attestation);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(time);
        _hermes = hermes;
        _attestation = attestation;
        _ledger = ledger;
        _time = time;
    }

    /// <summary>
    /// Starts <paramref name="authorisation"/> on <paramref name="instrumentId"/> with
    /// <paramref name="inputs"/> (the bytes the instrument received). Returns null when started,
    /// otherwise the reason it was refused (also ledgered).
    /// </summary>
    public string? Start(JobAuthorisation authorisation, string instrumentId, ReadOnlySpan<byte> inputs)
    {
        ArgumentNullException.ThrowIfNull(authorisation);
        var now = _time.GetUtcNow();
        var inputsSha = InMemoryLabLedger.Sha256(inputs);
        string? refusal;
        lock (_lock)
        {
            refusal = Check(authorisation, instrumentId, now);
            if (refusal is null)
            {
                _usedNonces.Add(authorisation.Nonce);
                _running[authorisation.JobId] = (instrumentId, inputsSha);
            }
        }
        if (refusal is null)
        {
            _ledger.Append(new LabJobStarted(authorisation.JobId, instrumentId, inputsSha) { At = now });
        }
        else
        {
            _ledger.Append(new LabJob(Safe(authorisation.JobId), Safe(instrumentId), inputsSha, $"refused: {refusal}", InMemoryLabLedger.Sha256(authorisation.SignedBytes())) { At = now });
        }
        return refusal;
    }

    /// <summary>Ends a started job with its result file; <paramref name="outcome"/> is <c>completed</c>, <c>failed</c> or <c>quarantined</c>.</summary>
    /// <exception cref="InvalidOperationException">The job is not running.</exception>
    public LabJobCompleted Complete(string jobId, ReadOnlySpan<byte> result, string outcome)
    {
        (string Instrument, string Inputs) job;
        lock (_lock)
        {
            if (!_running.Remove(jobId, out job))
            {
                throw new InvalidOperationException($"job '{jobId}' is not running");
            }
            _finished.Add(jobId);
        }
        var entry = new LabJobCompleted(jobId, job.Instrument, job.Inputs, InMemoryLabLedger.Sha256(result), outcome) { At = _time.GetUtcNow() };
        _ledger.Append(entry);
        return entry;
    }

    private string? Check(JobAuthorisation a, string instrumentId, DateTimeOffset now)
    {
        if (!_hermes.Verify(a.SignedBytes(), a.Signature ?? []))
        {
            return "authorisation signature does not verify (forged or altered)";
        }
        if (a.InstrumentId != instrumentId)
        {
            return $"authorisation is for instrument '{a.InstrumentId}', not this one";
        }
        if (now > a.ExpiresAt)
        {
            return "authorisation expired";
        }
        if (_usedNonces.Contains(a.Nonce) || _running.ContainsKey(a.JobId) || _finished.Contains(a.JobId))
        {
            return "authorisation already used (replay)";
        }
        if (!_attestation.IsAttested(instrumentId))
        {
            return "instrument not attested since its latest boot";
        }
        return null;
    }

    private static string Safe(string text) => string.IsNullOrWhiteSpace(text) ? "(none)" : text.Length > 200 ? text[..200] : text;
}
