//! obddx: an offline quick-reference for bleeding during pregnancy.
//!
//! Data flows one way: [`kb`] (load + validate) → [`search`] (index) → [`tui`] (state → frame).
//! The engine (`kb`, `search`, `labels`, `safe_text`) lives in the `obddx-core` crate, which
//! build.rs also uses; it is re-exported here so `crate::kb::…` reads the same everywhere.
#![forbid(unsafe_code)]

pub use obddx_core::{kb, labels, safe_text, search};

pub mod calc;
pub mod cli;
pub mod config;
pub mod gestation;
pub mod handover;
pub mod note;
pub mod prebuilt;
pub mod provenance;
pub mod state;
pub mod tui;
