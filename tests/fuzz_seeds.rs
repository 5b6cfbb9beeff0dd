//! The fuzz targets' seeds (and any crash reproducers added to them) on stable: every file in
//! `fuzz/seeds/<target>/` goes through the same checks the fuzz targets run (`fuzz/src/lib.rs`,
//! included here), which assert properties as well as the absence of panics.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

#[path = "../fuzz/src/lib.rs"]
mod checks;

/// Runs `check` on every seed of `target` and names each seed that fails.
fn seeds(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 5, "only {} seeds for {target}", files.len());
    let failed: Vec<String> = files
        .iter()
        .filter(|file| {
            let data = std::fs::read(file).unwrap();
            catch_unwind(AssertUnwindSafe(|| check(&data))).is_err()
        })
        .map(|file| file.display().to_string())
        .collect();
    assert!(failed.is_empty(), "{target} seeds that fail: {failed:?}");
}

#[test]
fn form_seeds() {
    seeds("form", checks::form);
}

#[test]
fn phone_seeds() {
    seeds("phone", checks::phone);
}

#[test]
fn keyword_seeds() {
    seeds("keywords", checks::keywords);
}

#[test]
fn signature_seeds() {
    seeds("signature", checks::signature);
}

#[test]
fn geojson_seeds() {
    seeds("geojson", checks::geojson);
}

#[test]
fn conversation_seeds() {
    seeds("conversation", checks::conversation);
}
