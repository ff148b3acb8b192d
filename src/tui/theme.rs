//! The palette. Text uses the terminal's default foreground so it reads on light and dark
//! backgrounds; colour is only an accent, and every coloured meaning also has a symbol or a
//! modifier. With `NO_COLOR` set (and non-empty) no colour is used at all.

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use crate::kb::Urgency;

/// The palette, as the config file names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
pub enum ThemeChoice {
    /// Colour unless `NO_COLOR` or `TERM=dumb` says otherwise.
    #[default]
    Auto,
    /// Accents readable on a light background.
    Light,
    /// Brighter accents for a dark background.
    Dark,
    /// No colour at all (meaning stays in symbols and words).
    Mono,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    /// Which shades of the accents (the config file's `theme`).
    pub background: Background,
}

/// The background the accents are chosen for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Background {
    /// The terminal's own palette: the 8 basic colours.
    #[default]
    Any,
    /// Yellow and cyan are hard to read on white: magenta stands in for yellow (urgent,
    /// warnings) and blue for cyan (labels, keys).
    Light,
    /// The bright variants, which read better on black.
    Dark,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::from_env()
    }
}

/// True when `NO_COLOR` is set to a non-empty value (<https://no-color.org>).
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

impl Theme {
    pub const COLOR: Theme = Theme {
        color: true,
        background: Background::Any,
    };
    pub const MONO: Theme = Theme {
        color: false,
        background: Background::Any,
    };

    /// The config file's choice; `NO_COLOR` and `TERM=dumb` still mean no colour.
    pub fn from_choice(choice: ThemeChoice) -> Self {
        let env = Theme::from_env();
        match choice {
            ThemeChoice::Auto => env,
            ThemeChoice::Mono => Theme::MONO,
            ThemeChoice::Light => Theme {
                background: Background::Light,
                ..env
            },
            ThemeChoice::Dark => Theme {
                background: Background::Dark,
                ..env
            },
        }
    }

    /// `c` in the shade for this background.
    fn shade(self, c: Color) -> Color {
        match (self.background, c) {
            (Background::Light, Color::Yellow) => Color::Magenta,
            (Background::Light, Color::Cyan) => Color::Blue,
            (Background::Dark, Color::Red) => Color::LightRed,
            (Background::Dark, Color::Yellow) => Color::LightYellow,
            (Background::Dark, Color::Green) => Color::LightGreen,
            (Background::Dark, Color::Cyan) => Color::LightCyan,
            (Background::Dark, Color::Magenta) => Color::LightMagenta,
            _ => c,
        }
    }

    /// Colour unless `NO_COLOR` is set or `TERM` is `dumb` (a terminal that says it has none).
    pub fn from_env() -> Self {
        let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
        Theme {
            color: !no_color_requested() && !dumb,
            background: Background::Any,
        }
    }

    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(self.shade(c))
        } else {
            Style::new()
        }
    }

    pub fn urgency(self, u: Urgency) -> Style {
        match u {
            Urgency::Emergency => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Urgency::Urgent => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Urgency::Routine => self.fg(Color::Green),
        }
    }

    /// The selected row: reversed, which works on any background.
    pub fn selection(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn focused_border(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn border(self) -> Style {
        Style::new()
    }

    /// Matched search words.
    pub fn matched(self) -> Style {
        self.fg(Color::Magenta)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn red_flag(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn distinguishing(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn heading(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn label(self) -> Style {
        self.fg(Color::Cyan)
    }

    /// Secondary text (citations, hints).
    pub fn dim(self) -> Style {
        if self.color {
            Style::new().add_modifier(Modifier::DIM)
        } else {
            Style::new()
        }
    }

    /// "What to do now".
    pub fn action(self, u: Urgency) -> Style {
        let s = Style::new().add_modifier(Modifier::BOLD);
        match u {
            Urgency::Emergency if self.color => s.fg(self.shade(Color::Red)),
            Urgency::Emergency => s.add_modifier(Modifier::UNDERLINED),
            _ => s,
        }
    }

    pub fn title_bar(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn warning(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
}
