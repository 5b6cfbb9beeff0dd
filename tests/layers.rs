//! The layers of `src/`, as the crate's module doc declares them (`src/lib.rs`, "Layers"):
//! every top-level module uses only modules of its own layer and of the layers below, and the
//! top-level modules form no loop. A failure names the file, the line and the path it used.
//!
//! The check reads the source as text: comments, strings and character literals are blanked,
//! then every `crate::` path (also inside `use crate::{..}` groups) and every `super::` chain
//! that climbs to the crate root is a use of the top-level module it names. Anything else at
//! the root (`crate::AppState`) belongs to the crate root, which is part of the top layer.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Where the crate root's own items count: the application, on top.
const ROOT: &str = "(crate root)";

/// One use of a top-level module by another.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Use {
    from: String,
    to: String,
    file: String,
    line: usize,
    text: String,
}

/// The layers, lowest first, each with its modules.
#[derive(Debug)]
struct Layers(Vec<(String, Vec<String>)>);

impl Layers {
    /// Reads the table under the "Layers" heading of a module doc: rows `//! | name | `a`, `b` |`.
    fn parse(lib_rs: &str) -> Result<Layers, String> {
        let mut layers = Vec::new();
        let mut in_section = false;
        for line in lib_rs.lines() {
            let Some(doc) = line.trim_start().strip_prefix("//!") else {
                continue;
            };
            let doc = doc.trim();
            if doc.starts_with('#') {
                in_section = doc.trim_start_matches('#').trim() == "Layers";
                continue;
            }
            if !in_section || !doc.starts_with('|') || doc.starts_with("| ---") {
                continue;
            }
            let cells: Vec<&str> = doc.trim_matches('|').split('|').map(str::trim).collect();
            if cells.len() < 2 || cells[0] == "layer" {
                continue;
            }
            let modules: Vec<String> = cells[1]
                .split(',')
                .map(|m| m.trim().trim_matches('`').to_owned())
                .filter(|m| !m.is_empty())
                .collect();
            layers.push((cells[0].to_owned(), modules));
        }
        if layers.is_empty() {
            return Err("no table of layers under a `# Layers` heading in the module doc".into());
        }
        Ok(Layers(layers))
    }

    /// The layer's rank (0 is the lowest) and name; the crate root is on top.
    fn of(&self, module: &str) -> Option<(usize, &str)> {
        if module == ROOT {
            let top = self.0.len() - 1;
            return Some((top, self.0[top].0.as_str()));
        }
        self.0
            .iter()
            .enumerate()
            .find(|(_, (_, modules))| modules.iter().any(|m| m == module))
            .map(|(rank, (name, _))| (rank, name.as_str()))
    }
}

/// The source with comments, strings and character literals replaced by spaces (line breaks
/// kept, so line numbers stay right).
fn blank_out(src: &str) -> String {
    let chars: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if (c == 'r' || (c == 'b' && next == Some('r')))
            && !prev_is_ident(&chars, i)
            && raw_string_start(&chars, i + usize::from(c == 'b') + 1).is_some()
        {
            let start = i + usize::from(c == 'b') + 1;
            let hashes = raw_string_start(&chars, start).unwrap_or(0);
            let closing: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let body_start = start + hashes + 1;
            let rest: String = chars[body_start..].iter().collect();
            let end = rest.find(&closing).map_or(chars.len(), |at| {
                body_start + rest[..at].chars().count() + closing.len()
            });
            for &ch in &chars[i..end] {
                out.push(blank(ch));
            }
            i = end;
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < chars.len() {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            // A character literal ('x', '\n', '\u{..}'); a lifetime has no closing quote.
            let mut j = i + 1;
            if next == Some('\\') {
                j += 2;
                while j < chars.len() && chars[j] != '\'' {
                    j += 1;
                }
            } else {
                j += 1;
            }
            for _ in i..=j.min(chars.len() - 1) {
                out.push(' ');
            }
            i = j + 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn prev_is_ident(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// `Some(number of #)` when a raw string's `#...#"` starts at `at`.
fn raw_string_start(chars: &[char], at: usize) -> Option<usize> {
    let hashes = chars[at.min(chars.len())..]
        .iter()
        .take_while(|&&c| c == '#')
        .count();
    (chars.get(at + hashes) == Some(&'"')).then_some(hashes)
}

/// The identifier starting at byte `at` of `s`, if any.
fn ident_at(s: &str, at: usize) -> Option<&str> {
    let rest = &s[at..];
    let len = rest
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
        .map_or(rest.len(), |(i, _)| i);
    (len > 0).then(|| &rest[..len])
}

/// The names a path reaches right after `crate::` (or a `super` chain at the root), starting at
/// byte `at`: one identifier, or each item's first identifier in a `{..}` group.
fn names_after(s: &str, at: usize) -> Vec<(usize, &str)> {
    let at = at + (s[at..].len() - s[at..].trim_start().len());
    if let Some(name) = ident_at(s, at) {
        return vec![(at, name)];
    }
    if !s[at..].starts_with('{') {
        return Vec::new();
    }
    let mut names = Vec::new();
    let mut depth = 0usize;
    let mut expect_name = true;
    for (i, c) in s[at..].char_indices() {
        match c {
            '{' => {
                depth += 1;
                expect_name = depth == 1;
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            ',' if depth == 1 => expect_name = true,
            c if c.is_whitespace() => {}
            _ => {
                if expect_name && depth == 1 {
                    if let Some(name) = ident_at(s, at + i) {
                        names.push((at + i, name));
                    }
                }
                expect_name = false;
            }
        }
    }
    names
}

/// The module path of a file under `src/`: `src/a/b.rs` is `[a, b]`, `src/a/mod.rs` is `[a]`.
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if parts
        .last()
        .is_some_and(|p| p == "mod" || p == "lib" || p == "main")
    {
        parts.pop();
    }
    parts
}

/// Every use of another top-level module in one file.
fn uses_in(rel: &Path, src: &str, modules: &BTreeSet<String>) -> Vec<Use> {
    let path = module_path(rel);
    let Some(from) = path.first().cloned() else {
        return Vec::new(); // the crate root may use anything
    };
    let code = blank_out(src);
    let original: Vec<&str> = src.lines().collect();
    let mut found = Vec::new();
    let mut push = |at: usize, name: &str| {
        let to = if modules.contains(name) {
            name.to_owned()
        } else {
            ROOT.to_owned()
        };
        if to == from {
            return;
        }
        let line = code[..at].matches('\n').count() + 1;
        found.push(Use {
            from: from.clone(),
            to,
            file: format!("src/{}", rel.display()),
            line,
            text: original.get(line - 1).unwrap_or(&"").trim().to_owned(),
        });
    };
    let bytes = code.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$';
    for (at, _) in code.match_indices("crate") {
        if at > 0 && is_ident(bytes[at - 1]) {
            continue;
        }
        let after = code[at + 5..].trim_start();
        let Some(rest) = after.strip_prefix("::") else {
            continue;
        };
        let rest_at = code.len() - rest.len();
        for (name_at, name) in names_after(&code, rest_at) {
            push(name_at, name);
        }
    }
    let inline = inline_modules(&code);
    for (at, _) in code.match_indices("super") {
        if at > 0 && is_ident(bytes[at - 1]) {
            continue;
        }
        if at > 0 && code[..at].trim_end().ends_with("::") {
            continue; // counted from the chain's first `super`
        }
        // `super` in `mod tests { .. }` inside a file names the file's own module first.
        let mut depth = path.len() + inline.iter().filter(|r| r.contains(&at)).count();
        let mut rest_at = at;
        while let Some(rest) = code[rest_at..].strip_prefix("super") {
            let Some(after) = rest.trim_start().strip_prefix("::") else {
                break;
            };
            depth = depth.saturating_sub(1);
            rest_at = code.len() - after.trim_start().len();
        }
        if depth == 0 {
            for (name_at, name) in names_after(&code, rest_at) {
                push(name_at, name);
            }
        }
    }
    found
}

/// Where each inline module (`mod name { .. }`) of a file begins and ends.
fn inline_modules(code: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = code.as_bytes();
    let mut ranges = Vec::new();
    for (at, _) in code.match_indices("mod") {
        if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
            continue;
        }
        let rest = code[at + 3..].trim_start();
        let Some(name) = ident_at(rest, 0) else {
            continue;
        };
        if !rest[name.len()..].trim_start().starts_with('{') {
            continue; // `mod name;`: a file of its own
        }
        let open = code.len() - rest[name.len()..].trim_start().len();
        let mut depth = 0usize;
        for (i, b) in bytes[open..].iter().enumerate() {
            match b {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        ranges.push(open..open + i);
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    ranges
}

/// Every `.rs` file under `dir`, with its path relative to `dir`.
fn rust_files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                let src = std::fs::read_to_string(&p).unwrap();
                out.push((p.strip_prefix(dir).unwrap().to_path_buf(), src));
            }
        }
    }
    out.sort();
    out
}

/// The top-level modules: `src/x.rs` and `src/x/` (but not the crate roots).
fn top_level_modules(files: &[(PathBuf, String)]) -> BTreeSet<String> {
    files
        .iter()
        .filter_map(|(rel, _)| module_path(rel).first().cloned())
        .collect()
}

/// What is wrong with the tree: modules in no layer, uses of a higher layer, loops.
fn problems(files: &[(PathBuf, String)], layers: &Layers) -> Vec<String> {
    let modules = top_level_modules(files);
    let mut problems = Vec::new();
    for m in &modules {
        if layers.of(m).is_none() {
            problems.push(format!(
                "module `{m}` is in no layer: add it to the table in src/lib.rs"
            ));
        }
    }
    let uses: Vec<Use> = files
        .iter()
        .flat_map(|(rel, src)| uses_in(rel, src, &modules))
        .collect();
    for u in &uses {
        if let (Some((from_rank, from_layer)), Some((to_rank, to_layer))) =
            (layers.of(&u.from), layers.of(&u.to))
        {
            if to_rank > from_rank {
                problems.push(format!(
                    "{}:{}: `{}` ({from_layer}) uses `{}` ({to_layer}, a higher layer): {}",
                    u.file, u.line, u.from, u.to, u.text
                ));
            }
        }
    }
    // `use crate::{AppState, AppStateInner}` is one line to fix, not two.
    problems.dedup();
    for cycle in loops(&uses) {
        let (cycle, group) = cycle;
        let mut lines = vec![format!(
            "top-level modules form a loop: {} (modules that reach one another: {})",
            cycle.join(" -> "),
            group.join(", ")
        )];
        for pair in cycle.windows(2) {
            if let Some(u) = uses.iter().find(|u| u.from == pair[0] && u.to == pair[1]) {
                lines.push(format!(
                    "    {}:{}: `{}` uses `{}`: {}",
                    u.file, u.line, u.from, u.to, u.text
                ));
            }
        }
        problems.push(lines.join("\n"));
    }
    problems
}

/// Each top-level module, layer by layer, with the modules it uses.
fn graph(files: &[(PathBuf, String)], layers: &Layers) -> String {
    let modules = top_level_modules(files);
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for u in files
        .iter()
        .flat_map(|(rel, src)| uses_in(rel, src, &modules))
    {
        uses.entry(u.from).or_default().insert(u.to);
    }
    let mut out = String::new();
    for (layer, members) in layers.0.iter().rev() {
        out.push_str(&format!("{layer}:\n"));
        for m in members.iter().filter(|m| modules.contains(*m)) {
            let used: Vec<&str> = uses
                .get(m)
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect();
            out.push_str(&format!("  {m} -> {}\n", used.join(" ")));
        }
    }
    out
}

/// The loops among top-level modules: for each group of modules that reach one another, a
/// shortest cycle through its first module (repeated at the end) and the whole group.
fn loops(uses: &[Use]) -> Vec<(Vec<String>, Vec<String>)> {
    let mut graph: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for u in uses {
        graph.entry(&u.from).or_default().insert(&u.to);
        graph.entry(&u.to).or_default();
    }
    let reaches = |from: &str, to: &str| -> Option<Vec<String>> {
        // Breadth first from `from`, so the cycle shown is a shortest one.
        let mut prev: BTreeMap<&str, &str> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([from]);
        while let Some(m) = queue.pop_front() {
            for &n in &graph[m] {
                if n == to {
                    let mut path = vec![to.to_owned()];
                    let mut at = m;
                    while at != from {
                        path.push(at.to_owned());
                        at = prev[at];
                    }
                    path.push(from.to_owned());
                    path.reverse();
                    return Some(path);
                }
                if n != from && !prev.contains_key(n) {
                    prev.insert(n, m);
                    queue.push_back(n);
                }
            }
        }
        None
    };
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut cycles = Vec::new();
    for &m in graph.keys() {
        if seen.contains(m) {
            continue;
        }
        if let Some(cycle) = reaches(m, m) {
            // Everything in a loop with `m` is reported once, with it.
            let mut group = vec![m.to_owned()];
            for &n in graph.keys() {
                if n != m && reaches(m, n).is_some() && reaches(n, m).is_some() {
                    group.push(n.to_owned());
                }
            }
            seen.extend(group.iter().cloned());
            cycles.push((cycle, group));
        }
    }
    cycles
}

#[test]
fn modules_use_only_their_layer_and_those_below_and_form_no_loop() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lib = std::fs::read_to_string(root.join("src/lib.rs")).unwrap();
    let layers = Layers::parse(&lib).unwrap();
    let files = rust_files(&root.join("src"));
    // The graph, for a reader: `cargo test --test layers -- --nocapture`.
    print!("{}", graph(&files, &layers));
    let problems = problems(&files, &layers);
    assert!(
        problems.is_empty(),
        "{} layer problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
    // The check saw the real tree: every layer has a module that exists.
    let modules = top_level_modules(&files);
    for (name, members) in &layers.0 {
        assert!(
            members.iter().any(|m| modules.contains(m)),
            "layer {name} names no module of src/"
        );
    }
}

// The checker itself, on small made-up trees.

fn tree(files: &[(&str, &str)]) -> Vec<(PathBuf, String)> {
    files
        .iter()
        .map(|(p, s)| (PathBuf::from(p), (*s).to_owned()))
        .collect()
}

const LAYERS: &str = "//! # Layers\n//! | layer | modules |\n//! | --- | --- |\n\
                      //! | ground | `db`, `domain` |\n//! | features | `cases`, `sms` |\n\
                      //! | app | `cli` |\n";

#[test]
fn a_loop_between_features_is_named_with_the_uses_that_make_it() {
    let layers = Layers::parse(LAYERS).unwrap();
    let files = tree(&[
        (
            "cases/mod.rs",
            "use crate::db::Db;\nuse crate::sms::send;\n",
        ),
        (
            "sms/worker.rs",
            "// crate::cases in a comment is no use\nfn f() { crate::cases::store::append(); }\n",
        ),
        ("db/mod.rs", ""),
    ]);
    let problems = problems(&files, &layers);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let p = &problems[0];
    assert!(
        p.contains("loop: cases -> sms -> cases (modules that reach one another: cases, sms)"),
        "{p}"
    );
    assert!(
        p.contains("src/cases/mod.rs:2: `cases` uses `sms`: use crate::sms::send;"),
        "{p}"
    );
    assert!(p.contains("src/sms/worker.rs:2"), "{p}");
}

#[test]
fn a_use_of_a_higher_layer_is_named_also_inside_a_group_or_through_super() {
    let layers = Layers::parse(LAYERS).unwrap();
    let files = tree(&[
        (
            "db/mod.rs",
            "use crate::{\n    domain::Id,\n    cases::{store, views},\n};\n",
        ),
        (
            "domain/x.rs",
            "use super::super::cli::Args;\nlet s = \"crate::cli\";\nmod tests { use super::super::db; }\n",
        ),
        ("cases/mod.rs", "fn f() -> crate::AppState { todo!() }\n"),
        ("cli/mod.rs", "use crate::cases;\n"),
    ]);
    let problems = problems(&files, &layers);
    assert!(
        problems.iter().any(|p| p.starts_with(
            "src/db/mod.rs:3: `db` (ground) uses `cases` (features, a higher layer): cases::{store"
        )),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("src/domain/x.rs:1: `domain` (ground) uses `cli`")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("src/cases/mod.rs:1: `cases` (features) uses `(crate root)`")),
        "{problems:?}"
    );
    assert_eq!(problems.len(), 3, "{problems:?}");
}

#[test]
fn a_module_in_no_layer_is_named() {
    let layers = Layers::parse(LAYERS).unwrap();
    let files = tree(&[("db/mod.rs", ""), ("newthing.rs", "")]);
    assert_eq!(
        problems(&files, &layers),
        ["module `newthing` is in no layer: add it to the table in src/lib.rs"]
    );
}

#[test]
fn strings_characters_and_lifetimes_do_not_confuse_the_reader() {
    let src = "fn f<'a>(x: &'a str) -> char { let _ = r#\"crate::cases\"#; let _ = '\"'; \
               let _ = \"\\\"crate::sms\"; crate::db::now(); '{' }\n";
    let blanked = blank_out(src);
    assert!(
        !blanked.contains("cases") && !blanked.contains("sms"),
        "{blanked}"
    );
    assert!(blanked.contains("crate::db::now()"), "{blanked}");
    assert!(blanked.contains("&'a str"), "{blanked}");
}
