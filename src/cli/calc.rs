//! `obddx calc`: runs one calculator ([`crate::calc`]) on the command line's input, with
//! today's date, the time now and the local time zone from the system, and prints its report
//! as text or JSON. Input the calculators refuse exits 2 with their message.

use std::process::ExitCode;

use jiff::ZonedDateTime;
use jiff::tz::TimeZone;

use super::args::{CalcCommand, CalcFormat};
use super::output;
use crate::calc::{self, Report, anti_d, blood_loss, gestation, hcg, steroids};
use crate::kb::Reference;

/// Runs a calculator and prints its report (exit 0), or its refusal (exit 2).
pub(super) fn run(r: &Reference, calculator: CalcCommand, format: CalcFormat) -> ExitCode {
    match output(r, calculator, format) {
        Ok(text) => output::print(&text, false),
        Err(message) => output::usage_fail(&message),
    }
}

/// What `obddx calc …` prints, or why it does not run.
pub(super) fn output(
    r: &Reference,
    calculator: CalcCommand,
    format: CalcFormat,
) -> Result<String, String> {
    if r.guidelines.is_none() {
        return Err(calc::REFUSAL.into());
    }
    let now = ZonedDateTime::now();
    let (report, result) = report(r, calculator, &now)?;
    Ok(match format {
        CalcFormat::Text => report.text(),
        CalcFormat::Json => {
            super::json::enveloped(&r.kb, super::json::FORMAT_VERSION, json(&report, result))
        }
    })
}

/// The calculator's report at `now` (whose zone is the local one), and its typed result.
fn report(
    r: &Reference,
    calculator: CalcCommand,
    now: &ZonedDateTime,
) -> Result<(Report, serde_json::Value), String> {
    fn both<T: serde::Serialize>(result: &T, report: Report) -> (Report, serde_json::Value) {
        (report, serde_json::to_value(result).unwrap_or_default())
    }
    let today = now.date();
    Ok(match calculator {
        CalcCommand::Ga { lmp, edd, scan, at } => {
            let entry = match (lmp, edd, scan, at) {
                (Some(lmp), _, _, _) => crate::gestation::lmp_entry(lmp, today)?,
                (_, Some(edd), _, _) => crate::gestation::edd_entry(edd, today)?,
                (_, _, Some(scan), Some(at)) => crate::gestation::scan_entry(scan, at, today)?,
                _ => return Err("give --lmp DATE, --edd DATE or --scan DATE --at W+D".into()),
            };
            let result = gestation::gestation_age(&entry, today, &r.kb);
            both(&result, result.report())
        }
        CalcCommand::Hcg {
            first,
            second,
            hours,
        } => {
            let hours = hours.unwrap_or(hcg::Milli::units(u64::from(hcg::HOURS_APART)));
            let result = hcg::hcg(first, second, hours)?;
            both(&result, result.report())
        }
        CalcCommand::Loss { ml, shock, week } => {
            let result = blood_loss::blood_loss(ml, shock, week)?;
            both(&result, result.report())
        }
        CalcCommand::AntiD { event, week } => {
            let tz: TimeZone = now.time_zone().clone();
            let result = anti_d::anti_d(event, &tz, now, week)?;
            both(&result, result.report())
        }
        CalcCommand::Steroids { gestation } => {
            let result = steroids::steroids(gestation);
            both(&result, result.report())
        }
    })
}

/// The JSON body (inside the common envelope): the calculator's own result and its report.
fn json(report: &Report, result: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "calculator": report.calculator,
        "result": result,
        "title": report.title,
        "headline": report.headline,
        "lines": report.lines,
        "facts": report.facts,
        "local_protocols": report.local_protocols,
    })
}
