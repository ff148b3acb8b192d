//! Where start-up time goes: `cargo run --release --example startup_probe`.
use std::time::Instant;
fn main() {
    let n = 300;
    let json = serde_json::to_string(&obddx::prebuilt::parse_reference(false)).unwrap();
    let mut t = [0f64; 6];
    for _ in 0..n {
        let a = Instant::now();
        let r = obddx::prebuilt::parse_reference(false);
        let b = Instant::now();
        let r2 = r.clone();
        let c = Instant::now();
        let same = r2.kb == r.kb;
        let d = Instant::now();
        let index = obddx::prebuilt::index(false);
        let e = Instant::now();
        let hits = index.search(&r.kb, &obddx::search::Query::text("pain on one side"));
        let f = Instant::now();
        let rj: obddx::kb::Reference = serde_json::from_str(&json).unwrap();
        let g = Instant::now();
        std::hint::black_box((same, hits, rj));
        for (i, (x, y)) in [(a, b), (b, c), (c, d), (d, e), (e, f), (f, g)]
            .iter()
            .enumerate()
        {
            t[i] += (*y - *x).as_secs_f64() * 1e6 / f64::from(n);
        }
    }
    println!(
        "KB from postcard {:.0} µs (from JSON {:.0} µs), clone {:.0} µs, compare {:.0} µs, index {:.0} µs, query {:.0} µs",
        t[0], t[5], t[1], t[2], t[3], t[4]
    );
}
