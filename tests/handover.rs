//! The handover note in its three formats, with a fixed clock, as snapshots; and what holds
//! whatever the findings: SBAR order, the disclaimer, escaped HTML with no external resource.

use obddx::cli::{HandoverFormat, handover_text};
use obddx::handover::Clock;
use obddx::kb::Reference;

/// 2026-12-02 10:30 UTC.
const CLOCK: Clock = Clock {
    unix_seconds: 1_796_207_400,
};

fn with_example_overlay() -> Reference {
    let mut r = obddx::prebuilt::reference(false);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/local.ron");
    r.local = Some(obddx::kb::load_local_path(&path, &r.kb).expect("the example overlay"));
    r
}

#[test]
fn the_clock_reads_as_a_date_and_time() {
    assert_eq!(CLOCK.label(), "2026-12-02 10:30 UTC");
}

#[test]
fn handover_text_snapshot() {
    let r = with_example_overlay();
    let note = handover_text(
        &r,
        "painless bleeding 32+4",
        None,
        HandoverFormat::Text,
        CLOCK,
    );
    insta::assert_snapshot!(note);
}

#[test]
fn handover_markdown_snapshot() {
    let r = with_example_overlay();
    let note = handover_text(
        &r,
        "painless bleeding 32+4",
        None,
        HandoverFormat::Markdown,
        CLOCK,
    );
    insta::assert_snapshot!(note);
}

#[test]
fn handover_html_snapshot() {
    let r = with_example_overlay();
    let note = handover_text(
        &r,
        "one-sided pain and spotting",
        Some(7),
        HandoverFormat::Html,
        CLOCK,
    );
    insta::assert_snapshot!(note);
}

#[test]
fn the_gestation_and_edd_come_from_the_findings_or_the_week() {
    let r = obddx::prebuilt::reference(false);
    let note = handover_text(
        &r,
        "painless bleeding 32+4",
        None,
        HandoverFormat::Text,
        CLOCK,
    );
    // 280 − (32×7 + 4) = 52 days after 2026-12-02.
    assert!(
        note.contains("Gestation: 32+4 weeks") && note.contains("EDD about 2027-01-23"),
        "{note}"
    );
    let note = handover_text(&r, "spotting", Some(8), HandoverFormat::Text, CLOCK);
    assert!(
        note.contains("Gestation: 8 weeks") && note.contains("as given"),
        "{note}"
    );
    let note = handover_text(&r, "spotting", None, HandoverFormat::Text, CLOCK);
    assert!(note.contains("Gestation: not given; no EDD"), "{note}");
    // Without an overlay: no local line, the reference's own steps only.
    assert!(!note.contains("LOCAL PROTOCOL"));
}

#[test]
fn html_escapes_every_text_and_loads_nothing() {
    let r = with_example_overlay();
    let hostile = "<script>alert(1)</script> \"x\" & 'y' <img src=http://e/x>";
    let html = handover_text(&r, hostile, None, HandoverFormat::Html, CLOCK);
    assert!(
        !html.contains("<script") && !html.contains("<img"),
        "{html}"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;x&quot; &amp; &#39;y&#39;"));
    // The hostile text stays text (its `src=` is escaped inside `&lt;img …&gt;`); no tag loads anything.
    for external in ["href=", "<link", "url(", "@import", "<iframe"] {
        assert!(!html.contains(external), "{external}");
    }
    // Every tag opened is closed: a simple balance of the block tags used.
    for tag in [
        "html", "head", "body", "ul", "li", "h1", "h2", "footer", "p",
    ] {
        let open =
            html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count();
        let close = html.matches(&format!("</{tag}>")).count();
        assert_eq!(open, close, "<{tag}>");
    }
    let md = handover_text(
        &r,
        "*bold* [link](x) `code`",
        None,
        HandoverFormat::Markdown,
        CLOCK,
    );
    assert!(md.contains(r"\*bold\* \[link\](x) \`code\`"), "{md}");
}

/// The Recommendation's lines of the top cause, as the text note writes them.
fn recommendation(note: &str) -> Vec<&str> {
    note.lines()
        .skip_while(|l| !l.starts_with("R — Recommendation"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(|l| l.trim_start().trim_start_matches("- "))
        .collect()
}

#[test]
fn the_recommendation_is_the_local_lines_then_the_ranked_causes_do_now_at_the_week() {
    let r = with_example_overlay();
    let local = r.local.as_ref().unwrap();
    for (query, week) in [
        ("painless bleeding 32+4", 32),
        ("painless bleeding 37+2", 37),
    ] {
        let note = handover_text(&r, query, None, HandoverFormat::Text, CLOCK);
        let lines = recommendation(&note);
        // The ranked causes, as the Assessment names them.
        let ranked: Vec<&obddx::kb::Cause> = (1..=3)
            .filter_map(|i| {
                let tag = format!(" (ranked {i} for the findings)");
                r.kb.causes
                    .iter()
                    .find(|c| note.contains(&format!("{}{tag}", c.name)))
            })
            .collect();
        assert_eq!(ranked.len(), 3, "{note}");
        let mut expected: Vec<String> = Vec::new();
        for cause in &ranked {
            for line in obddx::kb::do_now_in(&r.kb, r.guidelines.as_ref(), cause, Some(week)) {
                let line = obddx::note::do_now_line(&line);
                if !expected.contains(&line) {
                    expected.push(line);
                }
            }
        }
        assert!(!expected.is_empty());
        // Local first (the example overlay has a first step for praevia), then the do-now
        // blocks of the ranked causes, in their order, each line once.
        let praevia = r.kb.cause("placenta-praevia").unwrap();
        let first = obddx::labels::local_note_line(local, r.local_do_now(praevia)[0]);
        assert!(lines[0].starts_with(&first), "{lines:#?}");
        assert_eq!(lines[1..=expected.len()], expected[..], "{lines:#?}");
        // The early-pregnancy anti-D rule (G19) is no step at this week.
        assert!(!lines.iter().any(|l| l.contains("G19 ")), "{lines:#?}");
    }
    // Corticosteroids (G9) are offered to 33+6 weeks: a step at 32+4, none at 37+2.
    let at =
        |q| recommendation(&handover_text(&r, q, None, HandoverFormat::Text, CLOCK)).join("\n");
    assert!(at("painless bleeding 32+4").contains("G9 "));
    assert!(!at("painless bleeding 37+2").contains("G9 "));
}

/// Every safety-layer sign among the causes considered names its fact and its source's strength
/// in words, as `show` does (the third review found them bare).
#[test]
fn every_safety_layer_sign_considered_names_its_fact_and_strength() {
    let r = obddx::prebuilt::reference(false);
    for query in [
        "painless bleeding 32+4",
        "bleeding 7 weeks one-sided pain",
        "bleeding 40 weeks",
    ] {
        let note = handover_text(&r, query, None, HandoverFormat::Text, CLOCK);
        let assessment = note
            .split("A — Assessment")
            .nth(1)
            .and_then(|rest| rest.split("R — Recommendation").next())
            .expect("an assessment section");
        let layer_signs: Vec<&str> = assessment
            .lines()
            .filter(|l| l.trim_start().starts_with('[') && l.contains("[§ "))
            .collect();
        assert!(
            !layer_signs.is_empty(),
            "{query}: no safety-layer sign considered"
        );
        for line in layer_signs {
            assert!(
                line.contains(" (A: UK guideline) · ")
                    || line.contains(" (B: UK clinical reference")
                    || line.contains(" (C: non-UK guideline or reference) · "),
                "{query}: {line}"
            );
        }
    }
}
