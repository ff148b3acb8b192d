//! Validates the shipped KB, its guideline layer and the synonyms with obddx-core's loader,
//! and builds the search index with its builder, then writes both views of the
//! built-in reference (with the guideline layer, and `--documents-only`) for `src/prebuilt.rs`
//! to embed. An invalid shipped KB fails `cargo build` with the same located report as
//! `obddx check`.

use obddx_core::{kb, search};
use std::path::Path;

fn main() {
    // The engine's own sources are a build-dependency (cargo rebuilds and reruns this script when
    // they change); the data files are read through `include_str!` in obddx-core, watched here too
    // so an edited KB re-runs validation even where a build-dependency is reused.
    println!("cargo::rerun-if-changed=data");
    let synonyms = search::Synonyms::parse(search::synonyms::EMBEDDED_SYNONYMS)
        .unwrap_or_else(|e| panic!("data/synonyms.ron is invalid: {e}"));
    // The findings vocabulary: its own rules, then every evidence entry against the full
    // reference (documents and guideline layer), as `obddx check` does.
    let full = kb::Reference::builtin(false).unwrap_or_else(|e| fail(e));
    if let Err(e) = search::findings::check_embedded(&full) {
        println!("cargo::error={e}");
        std::process::exit(1);
    }
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    for (documents_only, name) in [(false, "full"), (true, "documents")] {
        // The one input: the built-in reference, loaded and validated as `obddx check` does.
        let reference = kb::Reference::builtin(documents_only).unwrap_or_else(|e| fail(e));
        let notes = search::reference_notes(&reference);
        let index = search::SearchIndex::with_notes(&reference.kb, &synonyms, &notes);
        let bytes = postcard::to_allocvec(&reference).expect("the reference serialises");
        std::fs::write(out.join(format!("{name}.kb.postcard")), bytes)
            .expect("write the reference");
        let bytes = postcard::to_allocvec(&index).expect("the index serialises");
        std::fs::write(out.join(format!("{name}.index.postcard")), bytes).expect("write the index");
    }
}

/// Stops the build with the rendered report (<file:line:col> and the source snippet).
fn fail(e: kb::KbError) -> ! {
    let report = format!("{:?}", miette::Report::new(e));
    for line in report.lines() {
        println!("cargo::error={line}");
    }
    std::process::exit(1);
}
