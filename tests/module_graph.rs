//! No import cycles, in either crate: the product (`src/`) and its engine (`core/src/`, re-exported
//! by the product under the same module names, so `obddx_core::kb` and `crate::kb` are one node).
//! Data flows one way: kb → search → state → frame; in the browser, state types (action, tree,
//! find, gestation, theme, app) ← update (state changes) and ← widgets and ui (drawing reads
//! state). This reads the paths in every module file (code only: comments and `#[cfg(test)]`
//! modules are skipped) and fails if the module graph has a cycle, file by file or with every
//! package (a directory such as `tui::widgets` or `kb`) taken as one module.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module path → the modules it refers to.
type Graph = BTreeMap<String, BTreeSet<String>>;

/// One source file: its module path (`tui::widgets::tree`) and its text.
struct Source {
    module: String,
    text: String,
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read a source directory") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module files under `root`, named by module path; the crate root (`lib.rs`, `main.rs`)
/// only declares and re-exports modules and is left out.
fn sources_under(root: &Path) -> Vec<Source> {
    let mut files = Vec::new();
    rust_files(root, &mut files);
    files.sort();
    files
        .into_iter()
        .filter(|path| !path.ends_with("lib.rs") && !path.ends_with("main.rs"))
        .map(|path| {
            let relative = path.strip_prefix(root).expect("under the root");
            let mut parts: Vec<String> = relative
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod") {
                parts.pop();
            }
            Source {
                module: parts.join("::"),
                text: std::fs::read_to_string(&path).expect("read source"),
            }
        })
        .collect()
}

/// Both crates' modules: the product's and the engine's.
fn crate_sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = sources_under(&root.join("src"));
    sources.extend(sources_under(&root.join("core/src")));
    sources
}

/// The same graph with every module path cut to its first `depth` segments (`tui::widgets::tree`
/// at depth 2 is `tui::widgets`): each package as one module.
fn collapsed(graph: &Graph, depth: usize) -> Graph {
    let cut = |m: &str| m.split("::").take(depth).collect::<Vec<_>>().join("::");
    let mut out = Graph::new();
    for (from, tos) in graph {
        let from = cut(from);
        let edges = out.entry(from.clone()).or_default();
        edges.extend(tos.iter().map(|t| cut(t)).filter(|t| *t != from));
    }
    out
}

/// The code of a file: no comment lines, no trailing `// …`, nothing from `#[cfg(test)]` on.
fn code_of(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]") {
            break;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        let code = match line.find(" //") {
            // Only when the `//` is not inside a string literal.
            Some(at) if line[..at].matches('"').count() % 2 == 0 => &line[..at],
            _ => line,
        };
        out.push_str(code);
        out.push('\n');
    }
    out
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Expands a use tree (`a::{b, c::{d, e}}`) into full paths (`a::b`, `a::c::d`, `a::c::e`).
fn expand_use(tree: &str) -> Vec<String> {
    // Drop renames ("x as y") and white space.
    let mut words = tree.split_whitespace();
    let mut tree = String::new();
    while let Some(word) = words.next() {
        if word == "as" {
            words.next();
        } else {
            tree.push_str(word);
        }
    }
    let Some(open) = tree.find('{') else {
        return vec![tree];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    items
        .into_iter()
        .filter(|item| !item.is_empty())
        .flat_map(expand_use)
        .map(|item| format!("{prefix}{item}"))
        .collect()
}

/// Every path the code names: the trees of its `use` items, and inline paths starting at
/// `super::`, `self::` or `crate::`, or (in a `mod.rs`) at a child module.
fn paths_in(code: &str, children: &BTreeSet<String>) -> Vec<String> {
    let mut paths = Vec::new();
    let mut statement: Option<String> = None;
    for line in code.lines() {
        let trimmed = line.trim_start();
        if statement.is_none() {
            let visibility = ["pub use ", "pub(crate) use ", "pub(super) use ", "use "];
            statement = visibility
                .iter()
                .find_map(|v| trimmed.strip_prefix(v))
                .map(|_| String::new());
        }
        if let Some(text) = &mut statement {
            text.push_str(trimmed);
            text.push(' ');
            if let Some(end) = text.find(';') {
                let tree = text[..end].split_once("use ").map_or("", |(_, t)| t);
                paths.extend(expand_use(tree));
                statement = None;
            }
        }
    }
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let starts_word = chars[i].is_ascii_alphabetic()
            && (i == 0 || (!is_ident_char(chars[i - 1]) && chars[i - 1] != ':'));
        if !starts_word {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && (is_ident_char(chars[j]) || chars[j] == ':') {
            j += 1;
        }
        let path: String = chars[i..j].iter().collect();
        let path = path.trim_end_matches(':').to_string();
        let first = path.split("::").next().unwrap_or_default();
        if path.contains("::")
            && (matches!(first, "super" | "self" | "crate" | "obddx_core")
                || children.contains(first))
        {
            paths.push(path);
        }
        i = j;
    }
    paths
}

/// The module a path names from inside `module`: the longest known module it starts with.
fn target(module: &str, path: &str, known: &BTreeSet<String>) -> Option<String> {
    let mut segments: Vec<&str> = module.split("::").collect();
    let mut full: Vec<&str> = Vec::new();
    for (i, segment) in path.split("::").enumerate() {
        match segment {
            // The engine crate's modules are the product's, re-exported under the same names.
            "crate" | "obddx_core" if i == 0 => {}
            "self" if i == 0 => full.extend(segments.iter().copied()),
            "super" => {
                if full.is_empty() {
                    full.extend(segments.iter().copied());
                }
                full.pop();
                segments.clear();
            }
            name => {
                if i == 0 && !known.contains(&format!("{module}::{name}")) {
                    // A crate name (std, ratatui, …), or `crate::` dropped already.
                    full.clear();
                } else if i == 0 {
                    full.extend(segments.iter().copied());
                }
                full.push(name);
            }
        }
    }
    (1..=full.len())
        .rev()
        .map(|n| full[..n].join("::"))
        .find(|candidate| known.contains(candidate))
}

/// The module graph of `sources` (self-references left out).
fn graph(sources: &[Source]) -> Graph {
    let known: BTreeSet<String> = sources.iter().map(|s| s.module.clone()).collect();
    let mut graph = Graph::new();
    for source in sources {
        let children: BTreeSet<String> = known
            .iter()
            .filter_map(|m| m.strip_prefix(&format!("{}::", source.module)))
            .filter(|rest| !rest.contains("::"))
            .map(str::to_string)
            .collect();
        let edges = graph.entry(source.module.clone()).or_default();
        for path in paths_in(&code_of(&source.text), &children) {
            let path = if children.contains(path.split("::").next().unwrap_or_default()) {
                format!("self::{path}")
            } else {
                path
            };
            if let Some(to) = target(&source.module, &path, &known)
                && to != source.module
            {
                edges.insert(to);
            }
        }
    }
    graph
}

/// A cycle of the graph, as the modules on it, if there is one.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &Graph,
        done: &mut BTreeSet<String>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, done, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut done, &mut Vec::new()))
}

fn describe(graph: &Graph) -> String {
    graph
        .iter()
        .map(|(from, tos)| {
            let tos: Vec<&str> = tos.iter().map(String::as_str).collect();
            format!("{from} → {}", tos.join(", "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first cycle found, with the depth the modules were cut to (deepest first: file by
/// file, then package by package).
fn first_cycle(graph: &Graph) -> Option<(usize, Vec<String>, Graph)> {
    let depth = graph
        .keys()
        .map(|m| m.split("::").count())
        .max()
        .unwrap_or(1);
    (1..=depth).rev().find_map(|depth| {
        let packages = collapsed(graph, depth);
        find_cycle(&packages).map(|cycle| (depth, cycle, packages))
    })
}

#[test]
fn no_module_of_either_crate_is_in_an_import_cycle() {
    let graph = graph(&crate_sources());
    for module in [
        "tui::app",
        "tui::widgets::tree",
        "config",
        "kb::tree",
        "labels",
        "search::index",
    ] {
        assert!(graph.contains_key(module), "{module} not read");
    }
    for (from, to) in [
        ("tui::update", "tui::app"),
        ("labels", "kb"),
        ("search::index", "kb"),
    ] {
        assert!(
            graph[from].contains(to),
            "the parser lost the edge {from} → {to}:\n{}",
            describe(&graph)
        );
    }
    if let Some((depth, cycle, packages)) = first_cycle(&graph) {
        panic!(
            "import cycle (modules cut to {depth} segments): {}\n\nmodule graph:\n{}",
            cycle.join(" → "),
            describe(&packages)
        );
    }
}

/// The whole-crate check sees a child that uses its parent's items (a cycle through the
/// parent's `mod` and `pub use` lines), as `search`'s parts did before its types moved to
/// `search::model`.
#[test]
fn a_child_using_its_parent_planted_in_the_real_crate_is_a_cycle() {
    let mut sources = crate_sources();
    let score = sources
        .iter_mut()
        .find(|s| s.module == "search::score")
        .expect("search::score read");
    score.text.push_str("\nuse super::SearchIndex;\n");
    let graph = graph(&sources);
    assert!(graph["search::score"].contains("search"));
    let (_, cycle, _) = first_cycle(&graph).expect("search → search::score → search");
    assert!(
        cycle.contains(&"search".to_string()) && cycle.contains(&"search::score".to_string()),
        "{cycle:?}"
    );
}

fn source(module: &str, text: &str) -> Source {
    Source {
        module: module.into(),
        text: text.into(),
    }
}

#[test]
fn a_cycle_is_found_through_use_groups_inline_paths_and_re_exports() {
    let sources = [
        source("tui", "pub mod app;\npub mod tree;\npub use app::App;\n"),
        source(
            "tui::app",
            "use super::{action::Pane, tree::{NodeId, TreeView}};\n",
        ),
        source("tui::action", "// use super::app::App; (a comment)\n"),
        source(
            "tui::widgets::tree",
            "fn f() { crate::tui::tree::draw(); }\n",
        ),
        source(
            "tui::tree",
            "use std::fmt;\nfn g() { let _ = super::app::App::new(); }\n#[cfg(test)]\nmod tests { use crate::tui::widgets::tree; }\n",
        ),
    ];
    let graph = graph(&sources);
    assert_eq!(
        graph["tui"],
        BTreeSet::from(["tui::app".to_string()]),
        "{}",
        describe(&graph)
    );
    assert!(graph["tui::action"].is_empty(), "comments are not code");
    assert!(graph["tui::widgets::tree"].contains("tui::tree"));
    assert!(graph["tui::app"].contains("tui::action"));
    assert!(
        !graph["tui::tree"].contains("tui::widgets::tree"),
        "tests are not code"
    );
    let cycle = find_cycle(&graph).expect("app → tree → app");
    assert!(cycle.contains(&"tui::app".to_string()) && cycle.contains(&"tui::tree".to_string()));
}

#[test]
fn merging_a_package_finds_a_cycle_through_two_of_its_files() {
    let sources = [
        source("tui::find", "use super::widgets::highlight::split;\n"),
        source("tui::widgets::detail", "use crate::tui::find::Find;\n"),
        source("tui::widgets::highlight", ""),
    ];
    let graph = graph(&sources);
    assert_eq!(find_cycle(&graph), None);
    assert!(find_cycle(&collapsed(&graph, 2)).is_some());
}
