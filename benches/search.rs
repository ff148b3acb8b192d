//! Search benchmarks: index build and representative queries on the shipped KB and on a
//! synthetic 10,000-cause KB. Targets: < 50 µs per query (shipped), < 5 ms (10k).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use obddx::search::{Query, SearchIndex};

/// Representative queries: symptoms, synonyms, stage, typo, prefix being typed, empty.
const QUERIES: &[(&str, &str)] = &[
    (
        "symptoms",
        "one-sided lower abdominal pain and spotting at 6 weeks",
    ),
    ("synonyms", "stone-hard uterus and lower back pain"),
    ("stage", "painless scarlet bleeding after intercourse 32w"),
    ("typo", "miscariage abruptoin"),
    ("prefix", "placen"),
    ("generic", "bleeding"),
    ("empty", ""),
];

fn bench_kb(c: &mut Criterion, name: &str, kb: &obddx::kb::KnowledgeBase) {
    let mut group = c.benchmark_group(name);
    if kb.causes.len() > 1000 {
        group.sample_size(20);
    }
    group.bench_function("build_index", |b| {
        b.iter(|| SearchIndex::new(black_box(kb)));
    });
    let index = SearchIndex::new(kb);
    for (label, text) in QUERIES {
        let q = Query::text(*text);
        group.bench_function(format!("query/{label}"), |b| {
            b.iter(|| index.search(black_box(kb), black_box(&q)));
        });
    }
    group.finish();
}

fn shipped(c: &mut Criterion) {
    bench_kb(c, "shipped", &obddx::kb::embedded());
}

fn synthetic_10k(c: &mut Criterion) {
    bench_kb(c, "synthetic_10k", &obddx_synthetic::synthetic_kb(10_000));
}

criterion_group!(benches, shipped, synthetic_10k);
criterion_main!(benches);
