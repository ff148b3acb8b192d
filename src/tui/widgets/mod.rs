//! Pieces of the screen. They only build text and draw; state lives in [`super::app`].

pub mod detail;
pub mod overlay;
pub mod picker;
pub mod results;
pub mod tree;
