//! The escape sequences that turn the full-screen modes on and off: one home for the browser
//! ([`super::terminal`]) and the process that restores the terminal if the browser cannot
//! ([`super::guard`]).

/// Mouse reporting for clicks and the wheel only (`?1000h`), in the SGR encoding (`?1006h`):
/// no report for every movement (`?1003h`), which would wake the loop for nothing.
pub const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1006h";
/// Off again, with the other modes a program may have left on (crossterm's full set).
pub const MOUSE_OFF: &str = "\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l";
/// Alternate screen, bracketed paste, hidden cursor.
pub const SCREEN_ON: &str = "\x1b[?1049h\x1b[?2004h\x1b[?25l";
pub const SCREEN_OFF: &str = "\x1b[?2004l\x1b[?25h\x1b[?1049l";
