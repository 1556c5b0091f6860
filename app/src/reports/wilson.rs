//! The Wilson score interval: a 95 % confidence interval for a proportion that stays
//! inside 0–1 and behaves at small n and near 0 % or 100 %, where the textbook normal
//! interval claims certainty it does not have (4 好评 of 4 is not "100 % ± 0").

/// The normal quantile for a two-sided 95 % interval.
pub const Z_95: f64 = 1.959_963_984_540_054;

/// The proportion `successes / n` with its 95 % Wilson interval, or `None` when n is 0.
pub fn wilson_95(successes: i64, n: i64) -> Option<Proportion> {
    if n <= 0 || successes < 0 || successes > n {
        return None;
    }
    let n = n as f64;
    let p = successes as f64 / n;
    let z2 = Z_95 * Z_95;
    let denominator = 1.0 + z2 / n;
    let centre = p + z2 / (2.0 * n);
    let spread = Z_95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    // Clamped so rounding never puts the ends past the proportion or outside 0–1.
    Some(Proportion {
        value: p,
        low: ((centre - spread) / denominator).clamp(0.0, p),
        high: ((centre + spread) / denominator).clamp(p, 1.0),
    })
}

/// A proportion and its interval, each between 0 and 1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Proportion {
    pub value: f64,
    pub low: f64,
    pub high: f64,
}

/// Rounds to four decimals (0.1 percentage point is what pages show; the JSON keeps one
/// digit more) so snapshots do not carry float noise.
pub fn round4(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 5e-5
    }

    #[test]
    fn matches_values_computed_by_hand() {
        // 8 of 10: p = 0.8, z² = 3.8415; centre = (0.8 + 0.19207) / 1.38415 = 0.71673,
        // half-width = 1.95996 · sqrt(0.016 + 0.0096037) / 1.38415 = 0.22657.
        let p = wilson_95(8, 10).unwrap();
        assert!(close(p.low, 0.4902), "{p:?}");
        assert!(close(p.high, 0.9433), "{p:?}");
        // 4 of 4: certainty is not claimed.
        let p = wilson_95(4, 4).unwrap();
        assert!(close(p.low, 0.5101), "{p:?}");
        assert_eq!(p.high, 1.0);
        // 0 of 5.
        let p = wilson_95(0, 5).unwrap();
        assert_eq!(p.low, 0.0);
        assert!(close(p.high, 0.4345), "{p:?}");
        // 450 of 500.
        let p = wilson_95(450, 500).unwrap();
        assert!(close(p.low, 0.8706), "{p:?}");
        assert!(close(p.high, 0.9233), "{p:?}");
    }

    #[test]
    fn no_ratings_have_no_rate() {
        assert_eq!(wilson_95(0, 0), None);
        assert_eq!(wilson_95(3, 2), None);
    }

    #[test]
    fn the_interval_holds_the_proportion_and_narrows_with_n() {
        for n in 1..200 {
            for k in 0..=n {
                let p = wilson_95(k, n).unwrap();
                assert!(p.low <= p.value && p.value <= p.high, "{k}/{n}");
                assert!((0.0..=1.0).contains(&p.low) && (0.0..=1.0).contains(&p.high));
            }
        }
        let small = wilson_95(8, 10).unwrap();
        let large = wilson_95(800, 1000).unwrap();
        assert!(large.high - large.low < small.high - small.low);
    }
}
