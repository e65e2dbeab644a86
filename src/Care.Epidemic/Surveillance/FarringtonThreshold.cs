namespace Care.Epidemic.Surveillance;

/// <summary>How <see cref="FarringtonFlexible"/> turns the fitted mean into an upper bound.</summary>
public enum FarringtonThreshold
{
    /// <summary>Farrington et al. (1996): 2/3-power transformation, one-sided normal quantile, delta-method variance.</summary>
    Delta,

    /// <summary>Noufaily et al. (2013): (1 − α) quantile of a negative binomial with the fitted mean and dispersion (Poisson when φ = 1), one-sided as surveillance 1.20.3 computes it.</summary>
    NegativeBinomialPlugin,
}
