//! Try the search engine on a KB file: `cargo run --example search_query -- KB.ron "query" [N]`.
//! Prints the top N hits (default 5) with their matches, highlights in [brackets].

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, query, rest @ ..] = args.as_slice() else {
        eprintln!("usage: search_query KB.ron QUERY [N]");
        std::process::exit(2);
    };
    let n: usize = rest.first().and_then(|s| s.parse().ok()).unwrap_or(5);
    let text = std::fs::read_to_string(path).expect("read KB");
    let kb = obddx::kb::load_str(path, &text).unwrap_or_else(|e| panic!("{}", e.full_message()));
    let index = obddx::search::SearchIndex::new(&kb);
    let q = obddx::search::Query::text(query.as_str());
    let stage = index.stage_of(&kb, &q);
    let hits = index.search(&kb, &q);
    println!("{query:?}: {} hits, stage {stage:?}", hits.len());
    for h in hits.iter().take(n) {
        println!("{:7.3}  {}", h.score, kb.causes[h.cause].id);
        for m in h.matches.iter().take(4) {
            let mut s = String::new();
            let mut at = 0;
            for r in &m.ranges {
                s.push_str(&m.text[at..r.start]);
                s.push('[');
                s.push_str(&m.text[r.clone()]);
                s.push(']');
                at = r.end;
            }
            s.push_str(&m.text[at..]);
            println!("           {:?}/{:?} {}", m.field, m.part, s);
        }
    }
}
