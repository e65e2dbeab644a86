namespace Care.Lab.Vaccines;

/// <summary>Where the line reports each finished step (Hermes, over HTTP, in <c>care lab run</c>).</summary>
public interface IDoseReporter
{
    /// <summary>
    /// Reports that <paramref name="order"/> reached <paramref name="step"/> (<c>screened</c>, <c>synthesised</c>,
    /// <c>verified</c>, <c>filled</c> or <c>refused</c>). Reporting the same step twice must be harmless.
    /// Throws <see cref="DoseReportRefusedException"/> when the receiver refuses the step (it then
    /// records the dose as refused), and <see cref="HttpRequestException"/> or <see cref="IOException"/> when
    /// the report may not have arrived (it is sent again on the next pass).
    /// </summary>
    Task ReportAsync(VaccineOrder order, string step, string subjectSha256, string detail, CancellationToken cancellationToken);
}
