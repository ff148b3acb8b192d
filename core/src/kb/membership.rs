//! Stage membership, in one place: whether a cause (or a note with weeks) applies at a stated
//! trimester or week. A cause's own weeks, where it has them, decide over its trimesters, so a
//! cause whose facts say "from 24 weeks" is neither lost at 24–27 weeks nor shown at 14 weeks.
//! The tree, the stage filters, search and the must-not-miss pins all ask here.

use super::model::{Cause, KnowledgeBase, Stage, Trimester, WeekRange};

/// A stated stage: a trimester, or a completed gestational week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Trimester(u8),
    Week(u8),
}

/// The weeks of a trimester, from the KB's own table.
fn trimester_weeks(trimesters: &[Trimester], number: u8) -> Option<WeekRange> {
    trimesters
        .iter()
        .find(|t| t.number == number)
        .map(|t| t.weeks)
}

/// Whether a window of weeks (if any) admits the stated stage: a week inside it, or a trimester
/// that overlaps it. No window admits everything.
pub(super) fn window_admits(
    weeks: Option<WeekRange>,
    trimesters: &[Trimester],
    when: When,
) -> bool {
    let Some(range) = weeks else {
        return true;
    };
    match when {
        When::Week(w) => range.contains(w),
        When::Trimester(t) => trimester_weeks(trimesters, t).is_none_or(|t| t.overlaps(&range)),
    }
}

impl Cause {
    /// Whether the cause is placed at the stated stage: its trimesters include the stage's and,
    /// where it gives weeks, they admit the stage. `AnyTime` and `Unstated` causes apply at
    /// every stage (an unstated stage must never be filtered away).
    pub fn occurs_in(&self, trimesters: &[Trimester], when: When) -> bool {
        match &self.stage {
            Stage::AnyTime | Stage::Unstated => true,
            Stage::Trimesters(ts) => {
                let trimester = match when {
                    When::Trimester(t) => Some(t),
                    When::Week(w) => trimesters
                        .iter()
                        .find(|t| t.weeks.contains(w))
                        .map(|t| t.number),
                };
                // A week beyond the table: only the cause's own weeks can place it.
                let in_trimester = trimester.is_none_or(|t| ts.contains(&t));
                in_trimester && window_admits(self.weeks, trimesters, when)
            }
        }
    }

    /// Whether the cause is placed in a trimester (see [`Cause::occurs_in`]).
    pub fn in_trimester(&self, trimesters: &[Trimester], trimester: u8) -> bool {
        self.occurs_in(trimesters, When::Trimester(trimester))
    }

    /// Whether the cause is placed at a week (see [`Cause::occurs_in`]).
    pub fn in_week(&self, trimesters: &[Trimester], week: u8) -> bool {
        self.occurs_in(trimesters, When::Week(week))
    }
}

impl KnowledgeBase {
    /// Whether cause `index` is placed at the stated stage.
    pub fn cause_occurs_in(&self, index: usize, when: When) -> bool {
        self.causes[index].occurs_in(&self.trimesters, when)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trimesters() -> Vec<Trimester> {
        [(1, 0, 13), (2, 14, 27), (3, 28, 42)]
            .into_iter()
            .map(|(number, from, to)| Trimester {
                number,
                name: format!("T{number}"),
                weeks: WeekRange { from, to },
            })
            .collect()
    }

    fn cause(stage: Stage, weeks: Option<(u8, u8)>) -> Cause {
        let mut c = crate::kb::embedded().causes[0].clone();
        c.stage = stage;
        c.weeks = weeks.map(|(from, to)| WeekRange { from, to });
        c
    }

    #[test]
    fn weeks_decide_over_trimesters() {
        let t = trimesters();
        let from_24 = cause(Stage::Trimesters(vec![2, 3]), Some((24, 45)));
        let visible: Vec<u8> = (0..=42).filter(|&w| from_24.in_week(&t, w)).collect();
        assert_eq!(visible, (24..=42).collect::<Vec<u8>>());
        assert!(from_24.in_trimester(&t, 2));
        assert!(from_24.in_trimester(&t, 3));
        assert!(!from_24.in_trimester(&t, 1));
    }

    #[test]
    fn causes_without_weeks_follow_their_trimesters() {
        let t = trimesters();
        let third = cause(Stage::Trimesters(vec![3]), None);
        assert!(!third.in_week(&t, 27));
        assert!(third.in_week(&t, 28));
        let any = cause(Stage::AnyTime, None);
        let unstated = cause(Stage::Unstated, None);
        assert!((0..=42).all(|w| any.in_week(&t, w) && unstated.in_week(&t, w)));
    }
}
