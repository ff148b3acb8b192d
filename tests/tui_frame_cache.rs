//! The frame cache never shows a stale text: over seeded random traces of actions, on the shipped
//! reference (with its guideline toggle) and the test fixture, at changing sizes and looks, every frame
//! drawn from the cache (filled by the frames before, up to `RIGHT_KEPT` of them) is the frame
//! drawn with an empty cache, cell for cell, with the same layout.

mod support;

use obddx::tui::update::{apply_layout, update};
use obddx::tui::{App, Theme};
use ratatui::{Terminal, backend::TestBackend};
use support::trace::Rng;
use support::{draw_on, embedded_app, fixture_app};

const SIZES: [(u16, u16); 6] = [(120, 40), (80, 24), (160, 48), (60, 20), (40, 12), (1, 1)];

fn run_trace(mut app: App, seed: u64, steps: usize) {
    let mut rng = Rng(seed);
    for step in 0..steps {
        // The look styles the text: a text cached in one look must not show in another.
        if step % 97 == 96 {
            let theme = if app.theme == Theme::MONO {
                Theme::COLOR
            } else {
                Theme::MONO
            };
            app.set_look(theme, step % 194 == 193);
        }
        let action = rng.action();
        update(&mut app, action.clone());
        app.should_quit = false;
        app.suspend_requested = false;
        let (w, h) = rng.pick(&SIZES);
        let mut cached = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
        let mut fresh = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
        let from_cache = draw_on(&mut cached, &app);
        // Drawn with an empty cache, then the cache of the earlier steps is put back: it keeps
        // up to `RIGHT_KEPT` right sides, and a step back to one of them draws from it.
        let kept = std::mem::take(&mut app.frame_cache);
        let built = draw_on(&mut fresh, &app);
        app.frame_cache = kept;
        assert_eq!(
            cached.backend().buffer(),
            fresh.backend().buffer(),
            "seed {seed}, step {step} ({action:?}) at {w}×{h}: the cached frame differs"
        );
        assert_eq!(
            from_cache, built,
            "seed {seed}, step {step}: the layouts differ"
        );
        apply_layout(&mut app, built);
    }
}

#[test]
fn frames_from_the_cache_are_the_frames_built_afresh_on_the_shipped_reference() {
    for seed in 0..3 {
        run_trace(embedded_app(), seed, 400);
    }
}

#[test]
fn frames_from_the_cache_are_the_frames_built_afresh_on_the_fixture() {
    for seed in 10..13 {
        run_trace(fixture_app(), seed, 400);
    }
}

mod measuring {
    use obddx::tui::frame_cache::{Measured, line_rows};
    use proptest::prelude::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::{Alignment, Rect};
    use ratatui::style::{Color, Modifier, Style};
    use ratatui::text::{Line, Span};
    use ratatui::widgets::{Paragraph, Widget, Wrap};

    /// What a cause's text is written in, and what it is not: spaces (plain, no-break, wide),
    /// the markers, Latin, CJK, combining and joining characters, emoji with and without
    /// modifiers, a tab.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => "[a-z]{1,12}",
            3 => Just(" ".to_string()),
            1 => "[ ]{2,9}",
            2 => prop::sample::select(vec![
                "⚑", "◆", "§", "¶", "–", "—", "…", "≤", "≥", "→", "▶", "✓", "·", "é", "ß", "µ",
                "\u{a0}", "\u{2003}", "出血", "e\u{301}", "👍", "👍🏽", "⚡", "\u{200d}", "\u{fe0f}",
                "\t", "[articles ¶130]", "G25 (B: UK clinical reference)",
            ])
            .prop_map(str::to_string),
        ]
    }

    /// A line of styled spans, with a style and an alignment of its own at times.
    fn line() -> impl Strategy<Value = Line<'static>> {
        let span = (prop::collection::vec(piece(), 0..12), 0u8..4);
        (
            prop::collection::vec(span, 0..4),
            0u8..3,
            prop::sample::select(vec![None, Some(Alignment::Center), Some(Alignment::Right)]),
        )
            .prop_map(|(spans, line_style, alignment)| {
                let colour = |n: u8| match n {
                    0 => Style::default(),
                    1 => Style::default().fg(Color::Red),
                    2 => Style::default().add_modifier(Modifier::BOLD),
                    _ => Style::default().bg(Color::Blue).fg(Color::Yellow),
                };
                let mut line = Line::from(
                    spans
                        .into_iter()
                        .map(|(pieces, style)| Span::styled(pieces.concat(), colour(style)))
                        .collect::<Vec<_>>(),
                )
                .style(colour(line_style));
                line.alignment = alignment;
                line
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        /// The rows counted without wrapping (a line that fits) are the rows ratatui's
        /// wrapper makes of it, at every width.
        #[test]
        fn a_line_takes_the_rows_the_wrapper_makes(line in line(), width in 1u16..90) {
            let wrapped = Paragraph::new(line.clone()).wrap(Wrap { trim: false }).line_count(width);
            prop_assert_eq!(usize::from(line_rows(&line, width)), wrapped.min(usize::from(u16::MAX)));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

        /// A scrolled window of a measured text is drawn cell for cell as ratatui's wrapping
        /// paragraph of the whole text, scrolled, draws it.
        #[test]
        fn a_window_is_the_whole_paragraph_scrolled(
            lines in prop::collection::vec(line(), 0..8),
            width in 1u16..50,
            height in 1u16..12,
            scroll in 0u16..30,
        ) {
            let area = Rect::new(2, 1, width, height);
            let mut ours = Buffer::empty(Rect::new(0, 0, width + 4, height + 2));
            let mut theirs = ours.clone();
            Measured::new(lines.clone(), width).render(&mut ours, area, scroll);
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .scroll((scroll, 0))
                .render(area, &mut theirs);
            prop_assert_eq!(ours, theirs);
        }
    }
}
