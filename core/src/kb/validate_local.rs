//! Checks a local protocol overlay with the KB's quality: every problem at its line and column,
//! no control or bidirectional character, causes that exist, stages and weeks that are real,
//! sizes within limits. A past review date is not a problem here: the file still loads, and every
//! output says it is past its review date.

use super::error::KbError;
use super::local::{LocalLayer, LocalNote, MAX_LOCAL_NOTE_CHARS, MAX_LOCAL_NOTES};
use super::model::KnowledgeBase;
use super::position::{Anchor, locate};
use super::validate::{MAX_WEEK, is_iso_date};
use super::validate_layer::Found;

/// The overlay against the KB it is shown with.
pub(super) fn validate_local(
    name: &str,
    text: &str,
    layer: &LocalLayer,
    kb: &KnowledgeBase,
) -> Result<(), KbError> {
    let mut f = Found::new(name, text);
    f.extend(super::validate_text::unsafe_characters(text));
    for (value, field) in [
        (&layer.site, "site"),
        (&layer.version, "version"),
        (&layer.approved_by, "approved_by"),
    ] {
        f.non_empty(
            value,
            &[Anchor::Field(field)],
            &format!("the overlay's {field}"),
        );
        short(&mut f, 0, value, field, 200);
    }
    if !is_iso_date(&layer.review_by) {
        f.problem(
            &[Anchor::Field("review_by")],
            format!(
                "review_by \"{}\" is not a date written YYYY-MM-DD",
                layer.review_by
            ),
        );
    }
    if layer.notes.len() > MAX_LOCAL_NOTES {
        f.problem(
            &[Anchor::Field("notes")],
            format!(
                "the overlay has {} notes; at most {MAX_LOCAL_NOTES}",
                layer.notes.len()
            ),
        );
    }
    let starts = list_element_starts(text, "notes");
    for (i, note) in layer.notes.iter().enumerate() {
        let from = starts.get(i).copied().unwrap_or(0);
        check_note(&mut f, kb, from, i + 1, note);
    }
    f.finish()
}

fn check_note(f: &mut Found<'_>, kb: &KnowledgeBase, from: usize, nth: usize, note: &LocalNote) {
    let what = format!("note {nth}");
    let scopes = [
        note.cause.is_some(),
        note.stage.is_some(),
        note.weeks.is_some(),
    ]
    .iter()
    .filter(|&&s| s)
    .count();
    if scopes != 1 {
        f.problem_from(
            from,
            &[],
            format!(
                "{what} must name exactly one of cause: \"…\", stage: 1–3, weeks: (from: …, to: …) (it names {scopes})"
            ),
        );
    }
    if let Some(id) = &note.cause
        && kb.cause(id).is_none()
    {
        f.problem_from(
            from,
            &[Anchor::Field("cause"), Anchor::Quoted(id)],
            format!("{what} refers to unknown cause `{id}`; `obddx list` shows the ids"),
        );
    }
    if let Some(t) = note.stage
        && !(1..=3).contains(&t)
    {
        f.problem_from(
            from,
            &[Anchor::Field("stage")],
            format!("{what}: stage {t} is not a trimester (1, 2 or 3)"),
        );
    }
    if let Some(w) = note.weeks
        && (w.from > w.to || w.to > MAX_WEEK)
    {
        f.problem_from(
            from,
            &[Anchor::Field("weeks")],
            format!(
                "{what}: weeks {}–{} is not a range of completed weeks within 0–{MAX_WEEK}",
                w.from, w.to
            ),
        );
    }
    let text_at = [Anchor::Field("text")];
    if note.text.trim().is_empty() {
        f.problem_from(from, &text_at, format!("{what}: text is empty"));
    }
    short(
        f,
        from,
        &note.text,
        &format!("{what}: text"),
        MAX_LOCAL_NOTE_CHARS,
    );
    for (value, field) in [
        (&note.contact, "contact"),
        (&note.pathway, "pathway"),
        (&note.link, "link"),
    ] {
        if let Some(v) = value {
            if v.trim().is_empty() {
                f.problem_from(
                    from,
                    &[Anchor::Field(field)],
                    format!("{what}: {field} is empty"),
                );
            }
            short(f, from, v, &format!("{what}: {field}"), 200);
        }
    }
}

/// A value within `max` characters.
fn short(f: &mut Found<'_>, from: usize, value: &str, what: &str, max: usize) {
    let n = value.chars().count();
    if n > max {
        let field = what.rsplit(' ').next().unwrap_or(what);
        f.problem_from(
            from,
            &[Anchor::Field(field)],
            format!("{what} is {n} characters; at most {max}"),
        );
    }
}

/// Where each element of the list `field: [ … ]` starts (byte offsets), for problems in list
/// elements that have no id to find them by. Strings and comments are skipped.
fn list_element_starts(text: &str, field: &str) -> Vec<usize> {
    let Some(at) = locate(text, &[Anchor::Field(field)]) else {
        return Vec::new();
    };
    let Some(open) = text[at..].find('[').map(|i| at + i) else {
        return Vec::new();
    };
    let bytes = text.as_bytes();
    let mut starts = Vec::new();
    let mut depth = 0usize;
    let mut expecting = true;
    let mut i = open + 1;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'/' && bytes.get(i + 1) == Some(&b'/') {
            i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
            continue;
        }
        if depth == 0 && expecting && !b.is_ascii_whitespace() && b != b']' && b != b',' {
            starts.push(i);
            expecting = false;
        }
        match b {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b'}' => depth = depth.saturating_sub(1),
            b']' if depth == 0 => break,
            b']' => depth -= 1,
            b',' if depth == 0 => expecting = true,
            _ => {}
        }
        i += 1;
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_elements_are_found_past_strings_and_comments() {
        let text = "(notes: [\n  (text: \"a ) ] , \\\" b\"), // x, (\n  (cause: \"y\"),\n])";
        let starts = list_element_starts(text, "notes");
        assert_eq!(starts.len(), 2, "{starts:?}");
        assert!(text[starts[1]..].starts_with("(cause"));
    }
}
