//! Antenatal corticosteroid window (G9): a gestation → offer (24+0–33+6, when preterm birth is
//! expected), consider (34+0–35+6), discuss individually (23+0–23+6), or outside the windows.

use serde::Serialize;

use super::{Line, Report};
use crate::gestation::Gestation;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Window {
    BeforeWindows,
    DiscussIndividually,
    Offer,
    Consider,
    AfterWindows,
}

const fn ga(weeks: u8, days: u8) -> Gestation {
    Gestation { weeks, days }
}

/// G9's windows: the first day of each, in order.
const DISCUSS_FROM: Gestation = ga(23, 0);
const OFFER_FROM: Gestation = ga(24, 0);
const CONSIDER_FROM: Gestation = ga(34, 0);
const AFTER: Gestation = ga(36, 0);

/// G9 in full, beside every result.
const G9_RULE: &str = "Antenatal corticosteroids: offer from 24+0 to 33+6 weeks when preterm birth is expected (suspected or established preterm labour, planned preterm birth, prelabour rupture of membranes); consider from 34+0 to 35+6 weeks; discuss individually at 23+0 to 23+6 weeks.";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Steroids {
    pub gestation: String,
    pub window: Window,
}

pub fn steroids(gestation: Gestation) -> Steroids {
    let window = if gestation < DISCUSS_FROM {
        Window::BeforeWindows
    } else if gestation < OFFER_FROM {
        Window::DiscussIndividually
    } else if gestation < CONSIDER_FROM {
        Window::Offer
    } else if gestation < AFTER {
        Window::Consider
    } else {
        Window::AfterWindows
    };
    Steroids {
        gestation: gestation.to_string(),
        window,
    }
}

impl Steroids {
    pub fn report(&self) -> Report {
        let g = &self.gestation;
        let (headline, line) = match self.window {
            Window::Offer => (
                "offer",
                format!(
                    "At {g} (24+0 to 33+6): offer antenatal corticosteroids when preterm birth is expected."
                ),
            ),
            Window::Consider => (
                "consider",
                format!("At {g} (34+0 to 35+6): consider antenatal corticosteroids."),
            ),
            Window::DiscussIndividually => (
                "discuss individually",
                format!("At {g} (23+0 to 23+6): discuss antenatal corticosteroids individually."),
            ),
            Window::BeforeWindows | Window::AfterWindows => (
                "outside the windows",
                format!(
                    "{g} is outside G9's windows, which run from 23+0 to 35+6 weeks: G9 says nothing for this gestation."
                ),
            ),
        };
        let lines = vec![Line::cited("G9", line), Line::cited("G9", G9_RULE)];
        Report::new(
            "steroids",
            "Corticosteroid window",
            format!("{headline} at {g}"),
            lines,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Window::*;

    #[test]
    fn windows_at_every_boundary() {
        for (w, d, want) in [
            (22, 6, BeforeWindows),
            (23, 0, DiscussIndividually),
            (23, 3, DiscussIndividually),
            (23, 6, DiscussIndividually),
            (24, 0, Offer),
            (32, 4, Offer),
            (33, 6, Offer),
            (34, 0, Consider),
            (35, 0, Consider),
            (35, 6, Consider),
            (36, 0, AfterWindows),
            (37, 0, AfterWindows),
        ] {
            assert_eq!(steroids(ga(w, d)).window, want, "{w}+{d}");
        }
    }

    #[test]
    fn the_condition_of_the_offer_stays_with_it() {
        let text = steroids(ga(32, 4)).report().text();
        assert!(text.contains("when preterm birth is expected"), "{text}");
        assert!(text.contains("G9 (A: UK guideline) [nice-ng25]"), "{text}");
    }
}
