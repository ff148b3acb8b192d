//! Start-up: from the embedded KB to the first query answered, pre-built vs parsed + built.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use obddx::search::{Query, SearchIndex};

fn startup(c: &mut Criterion) {
    let query = Query::text("pain on one side");
    c.bench_function("start-up: pre-built KB + index -> first query", |b| {
        b.iter(|| {
            let kb = obddx::prebuilt::parse_reference(false).kb;
            let index = obddx::prebuilt::index(false);
            black_box(index.search(&kb, black_box(&query)))
        });
    });
    c.bench_function("start-up: parse RON + build index -> first query", |b| {
        b.iter(|| {
            let kb = obddx::kb::Reference::builtin(false).expect("built-in").kb;
            let index = SearchIndex::new(&kb);
            black_box(index.search(&kb, black_box(&query)))
        });
    });
}

criterion_group!(benches, startup);
criterion_main!(benches);
