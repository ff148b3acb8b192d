//! Validates the shipped KB and synonyms with the crate's own loader and builds the search
//! index with the crate's own builder, then writes both for `src/prebuilt.rs` to embed.
//! An invalid shipped KB fails `cargo build` with the same located report as `obddx check`.

#![allow(dead_code, unused_imports)] // the crate's modules are included whole; only a few items are used

#[path = "src/kb/mod.rs"]
mod kb;
#[path = "src/search/mod.rs"]
mod search;

use std::path::Path;

fn main() {
    for watched in ["data", "src/kb", "src/search"] {
        println!("cargo::rerun-if-changed={watched}");
    }
    // The one input: the built-in KB. (When the guideline layer lands, load the merged
    // documents + guidelines KB here through its loader function.)
    let kb = kb::load_path(Path::new("data/kb.ron")).unwrap_or_else(|e| fail(e));
    let synonyms = search::Synonyms::parse(search::synonyms::EMBEDDED_SYNONYMS)
        .unwrap_or_else(|e| panic!("data/synonyms.ron is invalid: {e}"));
    let index = search::SearchIndex::with_synonyms(&kb, &synonyms);

    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    let json = serde_json::to_string(&kb).expect("the KB serialises");
    std::fs::write(out.join("kb.json"), json).expect("write kb.json");
    let bytes = postcard::to_allocvec(&index).expect("the index serialises");
    std::fs::write(out.join("index.postcard"), bytes).expect("write index.postcard");
}

/// Stops the build with the rendered report (file:line:col and the source snippet).
fn fail(e: kb::KbError) -> ! {
    let report = format!("{:?}", miette::Report::new(e));
    for line in report.lines() {
        println!("cargo::error={line}");
    }
    std::process::exit(1);
}
