//! Writes a synthetic KB as RON to stdout:
//! `cargo run --release --example synthetic_kb -- 10000 > /tmp/kb10k.ron`.

use std::io::Write;

fn main() {
    let n: usize = match std::env::args().nth(1).map(|s| s.parse()) {
        None => 10_000,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("usage: synthetic_kb [N]  ({e})");
            std::process::exit(2);
        }
    };
    let ron = obddx_synthetic::synthetic_kb_ron(n);
    std::io::stdout()
        .lock()
        .write_all(ron.as_bytes())
        .expect("write to stdout");
}
