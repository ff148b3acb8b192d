//! One week limit (`kb::MAX_WEEK`): the CLI's `--week` and the browser's gestation line accept
//! the same weeks, up to the limit and not beyond (the browser once refused week 45).

use assert_cmd::Command;
use obddx::gestation;
use obddx::kb::MAX_WEEK;

fn cli_accepts_week(week: u8) -> bool {
    Command::cargo_bin("obddx")
        .expect("the binary")
        .args(["search", "--week", &week.to_string(), "bleeding"])
        .output()
        .expect("run obddx")
        .status
        .success()
}

fn browser_accepts_week(week: u8) -> bool {
    gestation::parse(&week.to_string(), gestation::today_local()).is_ok()
}

#[test]
fn the_cli_and_the_browser_accept_the_same_weeks() {
    for week in [0, 1, MAX_WEEK - 1, MAX_WEEK, MAX_WEEK + 1] {
        assert_eq!(
            cli_accepts_week(week),
            browser_accepts_week(week),
            "week {week}"
        );
    }
    assert!(browser_accepts_week(MAX_WEEK));
    assert!(!browser_accepts_week(MAX_WEEK + 1));
}
