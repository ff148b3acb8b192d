fn main() {
    let kb = obddx::synthetic::synthetic_kb(10_000);
    let index = obddx::search::SearchIndex::new(&kb);
    for text in std::env::args().skip(1) {
        let q = obddx::search::Query::text(text.as_str());
        let mut best = std::time::Duration::MAX;
        let mut drop_t = std::time::Duration::MAX;
        for _ in 0..40 {
            let t = std::time::Instant::now();
            let h = index.search(&kb, &q);
            best = best.min(t.elapsed());
            let t = std::time::Instant::now();
            drop(h);
            drop_t = drop_t.min(t.elapsed());
        }
        println!("{best:?} min (+ drop {drop_t:?})  {text}");
    }
}
