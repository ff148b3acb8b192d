//! `obddx calc`: the "done when" examples, bad input (exit 2 with a reason, never a
//! guess) and the refusal without the safety layer. "Today" is the machine's local date, so
//! dates are computed from it here.

use assert_cmd::Command;
use jiff::civil::Date;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("obddx")
        .unwrap()
        .args(args)
        .env("TZ", "Europe/London")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ok(args: &[&str]) -> String {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

fn refused(args: &[&str], says: &str) {
    let (code, out, err) = run(args);
    assert_eq!(code, 2, "{args:?}: {out}");
    assert!(out.is_empty(), "{args:?} printed {out}");
    assert!(err.contains(says), "{args:?}: {err}");
}

fn today_in_london() -> Date {
    jiff::ZonedDateTime::now()
        .in_tz("Europe/London")
        .unwrap()
        .date()
}

#[test]
fn hcg_readings_with_their_citation() {
    for (second, change, reading) in [
        ("1700", "70% rise", "a rise over 63%"),
        ("400", "60% fall", "a fall over 50%"),
        ("1200", "20% rise", "clinical review within 24 hours"),
    ] {
        let out = ok(&["calc", "hcg", "1000", second]);
        let first = out.lines().next().unwrap();
        assert!(first.contains(change) && first.contains(reading), "{out}");
        assert!(out.contains("G15 (A: UK guideline) [nice-ng126]"), "{out}");
        assert!(out.contains("Symptoms outweigh hCG results"), "{out}");
        assert!(out.contains("Local protocols govern"), "{out}");
    }
    let other = ok(&["calc", "hcg", "1000", "1700", "--hours", "24"]);
    assert!(
        other.contains("not 48 hours apart") && !other.contains("suggests a developing"),
        "{other}"
    );
}

#[test]
fn loss_grades_and_shock() {
    let major = ok(&["calc", "loss", "600"]);
    assert!(major.lines().next().unwrap().contains("major"), "{major}");
    let massive = ok(&["calc", "loss", "600", "--shock"]);
    assert!(
        massive.lines().next().unwrap().contains("massive"),
        "{massive}"
    );
    for out in [&major, &massive] {
        assert!(out.contains("unreliable") && out.contains("G38"), "{out}");
    }
    refused(&["calc", "loss", "600", "--week", "20"], "from 24+0 weeks");
}

#[test]
fn anti_d_deadlines() {
    let out = ok(&["calc", "anti-d", "2026-12-01 14:00"]);
    assert!(out.contains("2026-12-04 14:00"), "{out}");
    assert!(out.contains("2026-12-11"), "{out}");
    assert!(out.contains("G64 (A: UK guideline) [shot-anti-d]"), "{out}");
    let early = ok(&["calc", "anti-d", "01/12/2026 14:00", "--week", "9+0"]);
    assert!(
        early.contains("G19") && early.contains("G66") && early.contains("neither is chosen"),
        "{early}"
    );
    let late = ok(&["calc", "anti-d", "2026-12-01 14:00", "--week", "32+4"]);
    assert!(
        late.contains("Kleihauer") && !late.contains("G66"),
        "{late}"
    );
}

#[test]
fn steroid_windows() {
    for (ga, word) in [
        ("32+4", "offer"),
        ("35+0", "consider"),
        ("23+3", "discuss individually"),
        ("37+0", "outside the windows"),
    ] {
        let out = ok(&["calc", "steroids", ga]);
        assert!(out.lines().next().unwrap().contains(word), "{ga}: {out}");
        assert!(out.contains("G9 (A: UK guideline) [nice-ng25]"), "{out}");
    }
}

#[test]
fn gestation_from_an_lmp_90_days_ago() {
    let today = today_in_london();
    let lmp = today.checked_sub(jiff::Span::new().days(90)).unwrap();
    let edd = lmp.checked_add(jiff::Span::new().days(280)).unwrap();
    for typed in [lmp.to_string(), lmp.strftime("%d/%m/%Y").to_string()] {
        let out = ok(&["calc", "ga", "--lmp", &typed]);
        let first = out.lines().next().unwrap();
        assert!(
            first.contains("12+6") && first.contains(&edd.to_string()),
            "{out}"
        );
    }
    let by_edd = ok(&["calc", "ga", "--edd", &edd.to_string()]);
    assert!(by_edd.contains("12+6"), "{by_edd}");
    let scan = today.checked_sub(jiff::Span::new().days(14)).unwrap();
    let by_scan = ok(&["calc", "ga", "--scan", &scan.to_string(), "--at", "10+6"]);
    assert!(by_scan.contains("12+6"), "{by_scan}");
}

#[test]
fn bad_input_is_refused_with_a_reason() {
    refused(&["calc", "hcg", "-5", "100"], "cannot be negative");
    refused(&["calc", "hcg", "0", "100"], "above 0");
    refused(&["calc", "hcg", "many", "100"], "not a number");
    refused(&["calc", "loss", "-20"], "cannot be negative");
    refused(&["calc", "steroids", "80"], "beyond 45");
    refused(&["calc", "steroids", "32+9"], "0–6");
    refused(&["calc", "anti-d", "2099-01-01 10:00"], "after now");
    refused(&["calc", "anti-d", "2026-12-01"], "date and time");
    refused(&["calc", "ga", "--lmp", "2099-01-01"], "after today");
    refused(&["calc", "ga", "--lmp", "31/02/2026"], "no such date");
    refused(&["calc", "ga", "--scan", "2026-01-01"], "--at");
    refused(&["calc", "ga"], "--lmp");
}

#[test]
fn without_the_safety_layer_the_calculators_do_not_run() {
    for args in [
        &["calc", "hcg", "1000", "1700"][..],
        &["calc", "steroids", "32+4"],
        &["calc", "ga", "--lmp", "2026-01-01"],
    ] {
        let mut with_flag = vec!["--documents-only"];
        with_flag.extend(args);
        refused(&with_flag, "safety layer");
    }
}

#[test]
fn week_options_take_the_gestation_as_written() {
    let json = |week: &str| {
        let out = ok(&["search", "bleeding", "--week", week, "-f", "json"]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v["stage"]["week"].clone()
    };
    for typed in ["32", "32+4", "32w", "32 weeks", "32/40"] {
        assert_eq!(json(typed), 32, "{typed}");
    }
    refused(&["search", "bleeding", "--week", "80"], "beyond 45");
}
