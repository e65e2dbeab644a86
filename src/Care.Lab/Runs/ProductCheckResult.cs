using Care.Molecular.Mapping;
using Care.Trust.Ledger.Entries;

namespace Care.Lab.Runs;

/// <summary>
/// The outcome of one simulated product check: the job's id, the ordered product, the result file
/// (the reads as FASTQ bytes, whose SHA-256 the ledger holds), the verification, the completed-job
/// entry, and the lab ledger exported and signed at the end of the run.
/// </summary>
/// <param name="JobId">The sequencing job's id.</param>
/// <param name="OrderedProduct">The ordered construct (DNA, upper case).</param>
/// <param name="ResultFastq">The job's result file: every read, FASTQ, UTF-8.</param>
/// <param name="Verification">What the reads show against the ordered product.</param>
/// <param name="Completed">The ledger entry that ended the job (outcome <c>completed</c> or <c>quarantined</c>).</param>
/// <param name="LedgerExport">The lab ledger as signed JSON, checkable offline with the ledger's public key.</param>
public sealed record ProductCheckResult(
    string JobId,
    string OrderedProduct,
    byte[] ResultFastq,
    ProductVerification Verification,
    LabJobCompleted Completed,
    string LedgerExport);
