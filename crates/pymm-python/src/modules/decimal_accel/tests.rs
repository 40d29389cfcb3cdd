//! The finite operations against values CPython's `_pydecimal` gives (checked with python3).

use super::finite::{self, Ctx, Finite, Rounding, Signal};

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

fn show(outcome: Option<(Finite, Vec<Signal>)>) -> (String, Vec<Signal>) {
    let (d, signals) = outcome.expect("a finite result");
    (finite::to_str(&d, false, Some(true)).unwrap(), signals)
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
        assert_eq!(finite::to_str(&d, false, Some(true)).unwrap(), want);
    }
    let d = Finite {
        sign: 1,
        coeff: "0".into(),
        exp: 4,
    };
    assert_eq!(finite::to_str(&d, true, Some(false)).unwrap(), "-0.00e+6");
    assert_eq!(finite::to_str(&d, false, None), None);
}

#[test]
fn leaves_huge_paddings_to_the_python_code() {
    let mut c = ctx(999_999_999_999_999_999, Rounding::HalfEven);
    c.emax = 999_999_999_999_999_999;
    c.clamp = true;
    let d = Finite {
        sign: 0,
        coeff: "1".into(),
        exp: 999_999_999_999,
    };
    assert!(finite::fix(d.clone(), &c).is_none());
    assert!(finite::rescale(&d, 0, Rounding::Down).is_none());
}
