//! The finite operations against values CPython's `_pydecimal` gives (checked with python3).

use super::finite::{self, Ctx, Finite, Outcome, Rounding, Signal};

fn dec(s: &str) -> Finite {
    let (sign, s) = s.strip_prefix('-').map_or((0, s), |rest| (1, rest));
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits = format!("{int}{frac}");
    let coeff = digits.trim_start_matches('0');
    Finite {
        sign,
        coeff: if coeff.is_empty() { "0" } else { coeff }.to_string(),
        exp: -(frac.len() as i128),
    }
}

fn ctx(prec: i128, rounding: Rounding) -> Ctx {
    Ctx {
        prec,
        emin: -999_999,
        emax: 999_999,
        rounding,
        clamp: false,
    }
}

fn show(outcome: Option<Outcome>) -> (String, Vec<Signal>) {
    let (d, signals) = outcome.expect("a finite result");
    (
        str_of(&d, false, Some(true)).unwrap(),
        signals.as_slice().to_vec(),
    )
}

fn str_of(d: &Finite, eng: bool, capitals: Option<bool>) -> Option<String> {
    finite::to_str(d.sign, &d.coeff, d.exp, eng, capitals)
}

#[test]
fn multiplies_and_rounds_half_even() {
    let c = ctx(28, Rounding::HalfEven);
    let (s, signals) = show(finite::mul(&dec("0.0013"), &dec("1234"), &c));
    assert_eq!((s.as_str(), signals), ("1.6042", vec![]));
    let c = ctx(3, Rounding::HalfEven);
    let (s, signals) = show(finite::mul(&dec("1.25"), &dec("1.01"), &c));
    assert_eq!(
        (s.as_str(), signals),
        ("1.26", vec![Signal::Inexact, Signal::Rounded])
    );
}

#[test]
fn adds_with_opposite_signs_and_negative_zero_under_floor() {
    let c = ctx(28, Rounding::Floor);
    let (s, _) = show(finite::add(&dec("1.5"), &dec("-1.50"), &c));
    assert_eq!(s, "-0.00");
    let c = ctx(28, Rounding::HalfEven);
    let (s, _) = show(finite::add(&dec("1.5"), &dec("-1.50"), &c));
    assert_eq!(s, "0.00");
    let (s, _) = show(finite::add(&dec("-7.25"), &dec("2"), &c));
    assert_eq!(s, "-5.25");
}

#[test]
fn adds_a_negligible_operand_as_the_normalisation_does() {
    let c = ctx(5, Rounding::HalfEven);
    let (s, signals) = show(finite::add(&dec("12345"), &dec("0.0000001"), &c));
    assert_eq!(
        (s.as_str(), signals),
        ("12345", vec![Signal::Inexact, Signal::Rounded])
    );
}

#[test]
fn quantizes_with_the_flags_of_rounding() {
    let c = ctx(28, Rounding::Down);
    let (s, signals) = show(finite::quantize(&dec("1.2345"), -2, Rounding::Down, &c));
    assert_eq!(
        (s.as_str(), signals),
        ("1.23", vec![Signal::Inexact, Signal::Rounded])
    );
    let (s, signals) = show(finite::quantize(&dec("1.2000"), -2, Rounding::Down, &c));
    assert_eq!((s.as_str(), signals), ("1.20", vec![Signal::Rounded]));
    let (s, signals) = show(finite::quantize(&dec("0.004"), -2, Rounding::Up, &c));
    assert_eq!(
        (s.as_str(), signals),
        ("0.01", vec![Signal::Inexact, Signal::Rounded])
    );
    // too many digits for the precision: decimal.py raises InvalidOperation itself
    assert!(finite::quantize(&dec("123"), -27, Rounding::Down, &c).is_none());
}

#[test]
fn leaves_overflow_to_the_python_code() {
    let mut c = ctx(3, Rounding::HalfEven);
    c.emax = 5;
    assert!(finite::fix(dec("9999000"), &c).is_none());
}

#[test]
fn rounds_subnormals_with_underflow_first() {
    let mut c = ctx(3, Rounding::HalfEven);
    c.emin = -5;
    let d = Finite {
        sign: 0,
        coeff: "123".into(),
        exp: -9,
    };
    let (s, signals) = show(finite::fix(d, &c));
    let expected = vec![
        Signal::Underflow,
        Signal::Subnormal,
        Signal::Inexact,
        Signal::Rounded,
    ];
    assert_eq!((s.as_str(), signals), ("1E-7", expected));
}

#[test]
fn formats_as_str_does() {
    let cases = [
        ("123", 0, "123"),
        ("123", -5, "0.00123"),
        ("123", 3, "1.23E+5"),
    ];
    for (coeff, exp, want) in cases {
        let d = Finite {
            sign: 0,
            coeff: coeff.into(),
            exp,
        };
        assert_eq!(str_of(&d, false, Some(true)).unwrap(), want);
    }
    let d = Finite {
        sign: 1,
        coeff: "0".into(),
        exp: 4,
    };
    assert_eq!(str_of(&d, true, Some(false)).unwrap(), "-0.00e+6");
    assert_eq!(str_of(&d, false, None), None);
}

#[test]
fn leaves_huge_paddings_to_the_python_code() {
    let mut c = ctx(999_999_999_999_999_999, Rounding::HalfEven);
    c.emax = 999_999_999_999_999_999;
    c.clamp = true;
    let d: Finite = Finite {
        sign: 0,
        coeff: "1".into(),
        exp: 999_999_999_999,
    };
    assert!(finite::fix(d.clone(), &c).is_none());
    assert!(finite::rescale(&d, 0, Rounding::Down).is_none());
}

/// Coefficients at the edges of what a `u128` holds here (38 digits) and of a `u64`.
fn edge_coefficients() -> Vec<String> {
    let mut out: Vec<String> = [
        "0", "1", "5", "9", "10", "15", "25", "95", "99", "100", "105",
    ]
    .map(String::from)
    .to_vec();
    for digits in [9, 18, 19, 20, 37, 38, 39] {
        out.push("9".repeat(digits));
        out.push(format!("1{}", "0".repeat(digits - 1)));
        out.push(format!("5{}", "0".repeat(digits - 1)));
        out.push(format!("{}5", "4".repeat(digits - 1)));
    }
    out.push(u64::MAX.to_string());
    out.push((u128::from(u64::MAX) + 1).to_string());
    out.push(u128::MAX.to_string());
    out
}

fn all_modes() -> [Rounding; 8] {
    [
        Rounding::Down,
        Rounding::Up,
        Rounding::HalfUp,
        Rounding::HalfDown,
        Rounding::HalfEven,
        Rounding::Ceiling,
        Rounding::Floor,
        Rounding::ZeroFiveUp,
    ]
}

fn small(d: &Finite) -> Option<Finite<u128>> {
    Some(Finite {
        sign: d.sign,
        coeff: finite::parse_u128(d.coeff.as_bytes())?,
        exp: d.exp,
    })
}

/// A `u128` result, where there is one, is the digits' result; where the digits give
/// None (the Python code's path), so does the `u128` computation.
fn same(small: Option<Outcome<u128>>, digits: Option<Outcome>, what: &str) {
    match (small, digits) {
        (Some((s, s_signals)), Some((d, d_signals))) => {
            assert_eq!((s.digits(), s_signals), (d, d_signals), "{what}")
        }
        (Some(s), None) => panic!("{what}: u128 gave {s:?}, the digits None"),
        _ => {}
    }
}

#[test]
fn u128_coefficients_compute_what_digit_strings_do() {
    let coeffs = edge_coefficients();
    let exps = [-40, -20, -3, -2, 0, 1, 5, 30];
    let values: Vec<Finite> = coeffs
        .iter()
        .flat_map(|c| {
            exps.iter().flat_map(move |&exp| {
                [0, 1].map(|sign| Finite {
                    sign,
                    coeff: c.clone(),
                    exp,
                })
            })
        })
        .collect();
    let contexts = [
        (1, -5, 5),
        (3, -30, 30),
        (19, -50, 50),
        (38, -99, 99),
        (40, -999, 999),
    ];
    let mut checked = 0;
    for (prec, emin, emax) in contexts {
        for mode in all_modes() {
            for clamp in [false, true] {
                let c = Ctx {
                    prec,
                    emin,
                    emax,
                    rounding: mode,
                    clamp,
                };
                // a stride through the pairs keeps the test short and still mixes them
                for (i, a) in values.iter().enumerate().step_by(3) {
                    let Some(sa) = small(a) else { continue };
                    same(
                        finite::fix(sa.clone(), &c),
                        finite::fix(a.clone(), &c),
                        "fix",
                    );
                    for exp in [-3, 0, 2] {
                        same(
                            finite::quantize(&sa, exp, mode, &c),
                            finite::quantize(a, exp, mode, &c),
                            "quantize",
                        );
                    }
                    for b in values.iter().skip(i % 7).step_by(11) {
                        let Some(sb) = small(b) else { continue };
                        let what = format!("{a:?} {b:?} {c:?}");
                        same(finite::add(&sa, &sb, &c), finite::add(a, b, &c), &what);
                        same(finite::mul(&sa, &sb, &c), finite::mul(a, b, &c), &what);
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 10_000, "{checked}");
}

#[test]
fn u128_digits_are_the_numbers_digits() {
    let mut buf = itoa::Buffer::new();
    for v in [
        0,
        7,
        10,
        10_000_000_000_000_000_000,
        u128::from(u64::MAX),
        u128::MAX,
    ] {
        assert_eq!(finite::u128_digits(v, &mut buf), v.to_string());
    }
    for s in edge_coefficients() {
        let parsed = finite::parse_u128(s.as_bytes());
        assert_eq!(
            parsed.map(|v| v.to_string()),
            (s.len() <= 38).then(|| s.clone())
        );
    }
    assert_eq!(finite::parse_u128(b"007"), None);
    assert_eq!(finite::parse_u128(b""), None);
    assert_eq!(finite::parse_u128(b"1a"), None);
    // a stray byte in the u64 head and in the u128 rest
    assert_eq!(finite::parse_u128(b"123456789012345678x0"), None);
    assert_eq!(finite::parse_u128(b"12345678901234567890x"), None);
    assert_eq!(
        finite::parse_u128(b"12345678901234567890123"),
        Some(12_345_678_901_234_567_890_123)
    );
}

#[test]
fn counts_digits_at_every_power_of_ten_and_two() {
    let mut edges = vec![0u64, u64::MAX, u64::MAX - 1];
    for i in 0..20 {
        let p = 10u64.pow(i);
        edges.extend([p - 1, p, p + 1]);
    }
    for i in 0..64 {
        let p = 1u64 << i;
        edges.extend([p - 1, p, p.saturating_add(1)]);
    }
    for v in edges {
        assert_eq!(finite::u64_len(v), v.to_string().len(), "digits of {v}");
    }
    for v in 0..100_000u64 {
        assert_eq!(finite::u64_len(v), v.to_string().len(), "digits of {v}");
    }
}
