//! obddx's engine, shared by the binary crate and its build script: [`kb`] (schema, load,
//! validate) → [`search`] (index, query); [`labels`] and [`safe_text`] are the one home of
//! domain-to-text formatting and of the terminal-safety rule.
//!
//! A crate of its own so that build.rs can validate the shipped KB and pre-build its index with
//! the very code the binary runs, as an ordinary build-dependency.
#![forbid(unsafe_code)]

pub mod kb;
pub mod labels;
pub mod safe_text;
pub mod search;
