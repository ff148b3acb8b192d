//! obddx: an offline quick-reference for bleeding during pregnancy.
//!
//! Data flows one way: [`kb`] (load + validate) → [`search`] (index) → [`tui`] (state → frame).
#![forbid(unsafe_code)]

pub mod cli;
pub mod config;
pub mod kb;
pub mod labels;
pub mod note;
pub mod prebuilt;
pub mod provenance;
pub mod safe_text;
pub mod search;
#[cfg(feature = "synthetic")]
pub mod synthetic;
pub mod tui;
