//! The calculators' form in the browser (`=`): which calculator, its fields as typed, the
//! focused field and the last result. Pure state: [`CalcForm::run`] reads the fields with the
//! same parsers as `obddx calc` and the gestation entry, and returns the report.

use jiff::ZonedDateTime;
use jiff::civil::Date;

use crate::calc::{Report, anti_d, blood_loss, gestation, hcg, steroids};
use crate::gestation::{Gestation, parse as parse_gestation};
use crate::kb::KnowledgeBase;

/// The calculators, in the order ← and → step through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Calculator {
    Gestation,
    Hcg,
    BloodLoss,
    AntiD,
    Steroids,
}

impl Calculator {
    pub const ALL: [Calculator; 5] = [
        Calculator::Gestation,
        Calculator::Hcg,
        Calculator::BloodLoss,
        Calculator::AntiD,
        Calculator::Steroids,
    ];

    /// The tab's name.
    pub fn name(self) -> &'static str {
        match self {
            Calculator::Gestation => "Gestation/EDD",
            Calculator::Hcg => "hCG",
            Calculator::BloodLoss => "Blood loss",
            Calculator::AntiD => "Anti-D",
            Calculator::Steroids => "Steroids",
        }
    }

    /// Each field's label and an example of what it takes.
    pub fn fields(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Calculator::Gestation => &[(
                "LMP, EDD or scan",
                "lmp 14/10/2026 · edd 2027-07-21 · scan 2026-11-01 9+2",
            )],
            Calculator::Hcg => &[
                ("First hCG (IU/L)", "1000"),
                ("Second hCG (IU/L)", "1700"),
                ("Hours apart", "48"),
            ],
            Calculator::BloodLoss => &[
                (
                    "Estimated loss (mL)",
                    "600, or 600 shock with signs of shock",
                ),
                ("Gestation", "32+4 (grades from 24+0)"),
            ],
            Calculator::AntiD => &[
                (
                    "Event date and time",
                    "2026-12-01 14:00 or 01/12/2026 14:00",
                ),
                ("Gestation", "10+2 (optional)"),
            ],
            Calculator::Steroids => &[("Gestation", "32+4")],
        }
    }
}

/// The form's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalcForm {
    pub calculator: Calculator,
    /// The fields of every calculator as typed (kept when switching between them).
    pub fields: Vec<Vec<String>>,
    pub focus: usize,
    /// The last result (or why there is none), shown until a field changes.
    pub result: Option<Result<Report, String>>,
    /// Lines of the box scrolled off the top (page up / page down).
    pub scroll: u16,
}

impl CalcForm {
    /// A fresh form; the gestation fields start from the browser's gestation, and hours at 48.
    pub fn new(gestation: Option<Gestation>) -> CalcForm {
        let ga = gestation.map(|g| g.to_string()).unwrap_or_default();
        let fields = Calculator::ALL
            .iter()
            .map(|c| {
                c.fields()
                    .iter()
                    .map(|(label, _)| match *label {
                        "Gestation" => ga.clone(),
                        "Hours apart" => hcg::HOURS_APART.to_string(),
                        _ => String::new(),
                    })
                    .collect()
            })
            .collect();
        CalcForm {
            calculator: Calculator::Gestation,
            fields,
            focus: 0,
            result: None,
            scroll: 0,
        }
    }

    fn index(&self) -> usize {
        Calculator::ALL
            .iter()
            .position(|c| *c == self.calculator)
            .unwrap_or(0)
    }

    /// The fields of the calculator shown.
    pub fn values(&self) -> &[String] {
        &self.fields[self.index()]
    }

    /// ← / →: the previous or next calculator.
    pub fn step_calculator(&mut self, delta: isize) {
        let n = Calculator::ALL.len() as isize;
        let i = (self.index() as isize + delta).rem_euclid(n) as usize;
        self.calculator = Calculator::ALL[i];
        self.focus = 0;
        self.result = None;
        self.scroll = 0;
    }

    /// Tab / ↓ and Shift-Tab / ↑: the next or previous field.
    pub fn step_field(&mut self, delta: isize) {
        let n = self.values().len() as isize;
        self.focus = (self.focus as isize + delta).rem_euclid(n) as usize;
    }

    /// Longest field, in characters (a date and time with its words fit easily).
    const FIELD_MAX: usize = 40;

    /// Types a character into the focused field.
    pub fn push(&mut self, ch: char) {
        let (i, focus) = (self.index(), self.focus);
        let field = &mut self.fields[i][focus];
        if field.chars().count() < Self::FIELD_MAX && !ch.is_control() {
            field.push(ch);
            self.result = None;
        }
    }

    pub fn backspace(&mut self) {
        let (i, focus) = (self.index(), self.focus);
        self.fields[i][focus].pop();
        self.result = None;
    }

    /// Sets the gestation fields from the browser's gestation (when it changes).
    pub fn follow_gestation(&mut self, gestation: Gestation) {
        for (c, values) in Calculator::ALL.iter().zip(self.fields.iter_mut()) {
            for ((label, _), value) in c.fields().iter().zip(values.iter_mut()) {
                if *label == "Gestation" {
                    *value = gestation.to_string();
                }
            }
        }
    }

    /// Runs the calculator on the fields; the gestation it dates, for the gestation calculator.
    pub fn run(
        &self,
        kb: &KnowledgeBase,
        today: Date,
        now: &ZonedDateTime,
    ) -> Result<(Report, Option<Gestation>), String> {
        let v = self.values();
        let optional_gestation = |text: &str| -> Result<Option<Gestation>, String> {
            if text.trim().is_empty() {
                Ok(None)
            } else {
                parse_gestation(text, today).map(|e| Some(e.gestation))
            }
        };
        Ok(match self.calculator {
            Calculator::Gestation => {
                let typed = v[0].trim();
                if typed.is_empty() {
                    return Err(
                        "type an LMP (lmp 14/10/2026), an EDD (edd …) or a scan (scan DATE 9+2)"
                            .into(),
                    );
                }
                let entry = parse_gestation(typed, today)?;
                if entry.dating == crate::gestation::Dating::Weeks {
                    return Err(
                        "type a date to work from: lmp DATE, edd DATE or scan DATE W+D".into(),
                    );
                }
                let result = gestation::gestation_age(&entry, today, kb);
                (result.report(), Some(entry.gestation))
            }
            Calculator::Hcg => {
                let first = hcg::parse_milli(&v[0], "the first hCG")?;
                let second = hcg::parse_milli(&v[1], "the second hCG")?;
                let hours = if v[2].trim().is_empty() {
                    hcg::Milli::units(u64::from(hcg::HOURS_APART))
                } else {
                    hcg::parse_milli(&v[2], "the hours")?
                };
                (hcg::hcg(first, second, hours)?.report(), None)
            }
            Calculator::BloodLoss => {
                let typed = v[0].trim().to_lowercase();
                let (ml, shock) = match typed.strip_suffix("shock") {
                    Some(rest) => (rest.trim(), true),
                    None => (typed.as_str(), false),
                };
                let ml = blood_loss::parse_ml(ml)?;
                let g = optional_gestation(&v[1])?;
                (blood_loss::blood_loss(ml, shock, g)?.report(), None)
            }
            Calculator::AntiD => {
                let event = anti_d::parse_event(&v[0])?;
                let g = optional_gestation(&v[1])?;
                let tz = now.time_zone().clone();
                (anti_d::anti_d(event, &tz, now, g)?.report(), None)
            }
            Calculator::Steroids => {
                if v[0].trim().is_empty() {
                    return Err("type a gestation: 32+4 (or set it with w)".into());
                }
                let g = parse_gestation(&v[0], today)?.gestation;
                (steroids::steroids(g).report(), None)
            }
        })
    }
}
