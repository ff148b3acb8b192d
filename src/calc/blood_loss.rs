//! Blood-loss grade from 24 weeks (G2): an estimate in mL and whether there are signs of
//! clinical shock → G2's grade, with G2's warning that visible loss is unreliable and G38's
//! that pregnancy masks loss. Shock makes any loss massive.

use serde::Serialize;

use super::{Line, Report};
use crate::gestation::Gestation;

/// G2's grades that a volume can give (spotting is staining or streaking: seen, not measured).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// Under 50 mL: minor if it has settled.
    Minor,
    /// 50–1000 mL without clinical shock.
    Major,
    /// Over 1000 mL and/or clinical shock.
    Massive,
}

impl Grade {
    pub fn word(self) -> &'static str {
        match self {
            Grade::Minor => "minor",
            Grade::Major => "major",
            Grade::Massive => "massive",
        }
    }
}

/// The first gestation G2's grades apply at (antepartum haemorrhage, G1).
pub const FROM: Gestation = Gestation { weeks: 24, days: 0 };

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BloodLoss {
    pub ml: u32,
    pub shock: bool,
    pub grade: Grade,
}

/// "600", "600 mL", "600ml". Negative or not a whole number: an error.
pub fn parse_ml(text: &str) -> Result<u32, String> {
    let t = text.trim();
    let number = t
        .strip_suffix("mL")
        .or_else(|| t.strip_suffix("ml"))
        .unwrap_or(t)
        .trim();
    if number.starts_with('-') {
        return Err(format!("a blood loss cannot be negative: `{t}`"));
    }
    number
        .parse::<u32>()
        .map_err(|_| format!("not a volume in mL: `{t}` (a whole number, e.g. 600)"))
}

/// G2's grade for `ml` and shock. With a gestation before 24+0 weeks: an error (G2 grades
/// bleeding from 24 weeks).
pub fn blood_loss(ml: u32, shock: bool, gestation: Option<Gestation>) -> Result<BloodLoss, String> {
    if let Some(g) = gestation.filter(|g| *g < FROM) {
        return Err(format!(
            "G2's grades are for bleeding from {FROM} weeks (antepartum haemorrhage); at {g} they do not apply"
        ));
    }
    let grade = if shock || ml > 1000 {
        Grade::Massive
    } else if ml >= 50 {
        Grade::Major
    } else {
        Grade::Minor
    };
    Ok(BloodLoss { ml, shock, grade })
}

impl BloodLoss {
    pub fn report(&self) -> Report {
        let shock = if self.shock {
            "with signs of clinical shock"
        } else {
            "no signs of clinical shock"
        };
        let mut lines = vec![Line::plain(format!(
            "Estimated loss {} mL, {shock}.",
            self.ml
        ))];
        lines.push(Line::cited(
            "G2",
            match (self.grade, self.shock) {
                (Grade::Massive, true) => {
                    "Massive: over 1000 mL and/or clinical shock. Shock makes the loss massive whatever the estimate."
                }
                (Grade::Massive, false) => "Massive: over 1000 mL and/or clinical shock.",
                (Grade::Major, _) => "Major: 50–1000 mL, no clinical shock.",
                (Grade::Minor, _) => {
                    "Minor if it has settled: under 50 mL and settled. Staining or streaking on underwear or pad is spotting."
                }
            },
        ));
        lines.push(Line::cited(
            "G2",
            "Estimates of visible loss are unreliable: judge together with signs of shock.",
        ));
        lines.push(Line::cited(
            "G38",
            "Pregnancy masks blood loss: tachycardia may be the only sign until 30–40% of the blood volume is lost.",
        ));
        lines.push(Line::cited(
            "G1",
            format!("These grades are for bleeding from {FROM} weeks until the birth (antepartum haemorrhage)."),
        ));
        let headline = format!("{} ({} mL, {shock})", self.grade.word(), self.ml);
        Report::new("loss", "Blood-loss grade (from 24 weeks)", headline, lines)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_at_every_boundary() {
        for (ml, shock, want) in [
            (0, false, Grade::Minor),
            (49, false, Grade::Minor),
            (50, false, Grade::Major),
            (600, false, Grade::Major),
            (1000, false, Grade::Major),
            (1001, false, Grade::Massive),
            (0, true, Grade::Massive),
            (49, true, Grade::Massive),
            (600, true, Grade::Massive),
        ] {
            assert_eq!(
                blood_loss(ml, shock, None).unwrap().grade,
                want,
                "{ml} {shock}"
            );
        }
    }

    #[test]
    fn before_24_weeks_g2_does_not_apply() {
        let at = |w, d| Some(Gestation { weeks: w, days: d });
        assert!(
            blood_loss(600, false, at(23, 6))
                .unwrap_err()
                .contains("24+0")
        );
        assert_eq!(
            blood_loss(600, false, at(24, 0)).unwrap().grade,
            Grade::Major
        );
    }

    #[test]
    fn volumes_are_read_strictly() {
        assert_eq!(parse_ml("600 mL"), Ok(600));
        assert_eq!(parse_ml("600ml"), Ok(600));
        assert!(parse_ml("-5").unwrap_err().contains("negative"));
        assert!(parse_ml("lots").is_err());
        assert!(parse_ml("6.5").is_err());
    }

    #[test]
    fn every_report_carries_both_warnings() {
        let text = blood_loss(600, false, None).unwrap().report().text();
        for want in [
            "unreliable",
            "masks blood loss",
            "G2 (A: UK guideline) [rcog-gtg63]",
            "G38 (B: UK clinical reference (or a UK guideline read second-hand)) [nhsh-pph]",
            "Local protocols govern",
        ] {
            assert!(text.contains(want), "{want}: {text}");
        }
    }
}
