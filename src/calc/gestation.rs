//! Gestation and EDD from an LMP, an EDD or a dated scan (the shared parser's dating, see
//! [`crate::gestation`]), with the stage the gestation falls in: the KB's trimester, and
//! whether it is in the safety layer's early-pregnancy stage or antepartum haemorrhage (G1).

use jiff::civil::Date;
use serde::Serialize;

use super::{Line, Report};
use crate::gestation::{Dating, Entry};
use crate::kb::KnowledgeBase;

/// The result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GestationAge {
    /// "12+6".
    pub gestation: String,
    pub weeks: u8,
    pub days: u8,
    pub edd: String,
    pub today: String,
    /// "lmp", "edd" or "scan".
    pub from: &'static str,
    /// The KB's trimester name, when the week falls in one.
    pub trimester: Option<String>,
    #[serde(skip)]
    lines: Vec<Line>,
}

/// The gestation of `entry` (dated by the shared parser) on `today`, placed in `kb`'s stages.
pub fn gestation_age(entry: &Entry, today: Date, kb: &KnowledgeBase) -> GestationAge {
    let g = entry.gestation;
    let (from, dated) = match entry.dating {
        Dating::Lmp(lmp) => ("lmp", format!("LMP {lmp}")),
        Dating::Edd(edd) => ("edd", format!("EDD {edd} given")),
        Dating::Scan(date, at) => ("scan", format!("scan on {date} at {at}")),
        Dating::Weeks => ("weeks", format!("{g} weeks given")),
    };
    let trimester = kb.trimester_of_week(g.weeks);
    let mut lines = vec![
        Line::plain(format!("{dated}: gestation {g} today ({today}).")),
        Line::plain(format!("EDD {} (LMP + 280 days).", entry.edd)),
    ];
    if let Some(t) = trimester {
        lines.push(Line::plain(format!(
            "Stage: {}.",
            crate::labels::trimester_label(kb, t)
        )));
    }
    if g.weeks < 14 {
        lines.push(Line::plain(format!(
            "{}: the safety layer's early-pregnancy notes apply.",
            crate::labels::guideline_stage_label(crate::kb::GuidelineStage::EarlyPregnancy)
        )));
    } else if g.weeks >= 24 {
        lines.push(Line::cited(
            "G1",
            "From 24+0 weeks until the birth, bleeding from or into the genital tract is antepartum haemorrhage.",
        ));
    }
    GestationAge {
        gestation: g.to_string(),
        weeks: g.weeks,
        days: g.days,
        edd: entry.edd.to_string(),
        today: today.to_string(),
        from,
        trimester: trimester.map(|t| {
            kb.trimesters
                .iter()
                .find(|x| x.number == t)
                .map_or_else(|| t.to_string(), |x| x.name.clone())
        }),
        lines,
    }
}

impl GestationAge {
    pub fn report(&self) -> Report {
        Report::new(
            "ga",
            "Gestation and EDD",
            format!("{} today, EDD {}", self.gestation, self.edd),
            self.lines.clone(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gestation::{add_days, parse};
    use jiff::civil::date;

    #[test]
    fn lmp_90_days_ago_is_12_6_with_its_edd_and_stage() {
        let today = date(2026, 11, 22);
        let lmp = add_days(today, -90);
        let kb = &crate::prebuilt::shared(false).kb;
        let r = gestation_age(&parse(&format!("lmp {lmp}"), today).unwrap(), today, kb);
        assert_eq!(r.gestation, "12+6");
        assert_eq!(r.edd, add_days(lmp, 280).to_string());
        let text = r.report().text();
        assert!(
            text.contains("1st trimester") && text.contains("Early pregnancy"),
            "{text}"
        );
    }

    #[test]
    fn from_24_weeks_it_is_antepartum_haemorrhage() {
        let today = date(2026, 11, 22);
        let kb = &crate::prebuilt::shared(false).kb;
        for (typed, g1) in [("23+6", false), ("24+0", true)] {
            let r = gestation_age(&parse(typed, today).unwrap(), today, kb);
            assert_eq!(
                r.report()
                    .text()
                    .contains("G1 (A: UK guideline) [rcog-gtg63]"),
                g1,
                "{typed}"
            );
        }
    }
}
