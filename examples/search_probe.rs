//! Profiling aid: runs one query many times on the synthetic 10,000-cause KB.
//! `cargo run --release --example search_probe -- "bleeding" 200`
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let query = args.first().map_or("bleeding", String::as_str);
    let runs: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(200);
    let kb = obddx_synthetic::synthetic_kb(10_000);
    let index = obddx::search::SearchIndex::new(&kb);
    let q = obddx::search::Query::text(query);
    let start = std::time::Instant::now();
    let mut hits = 0;
    for _ in 0..runs {
        hits += index.search(&kb, &q).len();
    }
    let per = start.elapsed().as_secs_f64() * 1e3 / runs as f64;
    println!("{query:?}: {} hits, {per:.2} ms per query", hits / runs);
}
