//! Sizes of shipped files: raw, gzip (-9) and brotli (q11), as a store and a
//! CDN would serve them.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

pub struct Size {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

pub fn measure(path: &Path) -> anyhow::Result<Size> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes)?;
    let gzip = gz.finish()?.len();
    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, ..Default::default() };
    brotli::BrotliCompress(&mut bytes.as_slice(), &mut br, &params)?;
    Ok(Size { raw: bytes.len(), gzip, brotli: br.len() })
}

pub fn kib(n: usize) -> String {
    format!("{:.1} KiB", n as f64 / 1024.0)
}

/// Every `.wasm` and `.js` file under `dist`, subfolders included, as
/// (path relative to `dist`, path), sorted by the relative path.
pub fn shipped(dist: &Path) -> anyhow::Result<Vec<(String, PathBuf)>> {
    let mut found = Vec::new();
    let mut dirs = vec![dist.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))? {
            let path = entry?.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "wasm" || e == "js" || e == "css" || e == "svg") {
                let rel = path.strip_prefix(dist).unwrap_or(&path).to_string_lossy().into_owned();
                found.push((rel, path));
            }
        }
    }
    found.sort();
    Ok(found)
}
