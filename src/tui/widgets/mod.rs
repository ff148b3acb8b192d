//! Pieces of the screen. Each builds its text and draws its part; state lives in
//! [`super::app`], and [`super::ui`] lays the frame out and calls them.

pub mod calc;
pub mod detail;
pub mod fit;
pub mod footer;
pub mod header;
pub mod overlay;
pub mod pane;
pub mod picker;
pub mod results;
pub mod right_side;
pub mod tree;
