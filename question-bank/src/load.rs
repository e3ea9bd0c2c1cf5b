//! Reading bank files from disk: single files, directories of banks, content
//! hashes, and the check that ids are unique across all banks.

use crate::error::BankError;
use crate::model::Competency;
use crate::parse::{MAX_FILE_BYTES, parse_document, too_large};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A parsed bank file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoadedBank {
    /// The file it was read from.
    pub path: PathBuf,
    /// Its content.
    pub competency: Competency,
    /// [`content_hash`] of the file's bytes: re-importing an unchanged file
    /// can be skipped.
    pub content_hash: String,
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn content_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut hex, byte| {
            hex.push(char::from(HEX[usize::from(byte >> 4)]));
            hex.push(char::from(HEX[usize::from(byte & 0xf)]));
            hex
        })
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Reads and parses one bank file (rejecting files over 256 KiB unread).
pub fn parse_file(path: impl AsRef<Path>) -> Result<Competency, Vec<BankError>> {
    let path = path.as_ref();
    let bytes = read_bank(path).map_err(|error| vec![error])?;
    let text = decode(path, &bytes).map_err(|error| vec![error])?;
    crate::parse_str(path, text)
}

/// Loads banks from files and directories.
///
/// A directory contributes its `*.md` files and those of its subdirectories,
/// sorted by path, except `README.md` files, hidden files and folders (names
/// starting with `.`) and `target` folders; a directory with no bank in it is
/// an error, since checking nothing is almost certainly a wrong path. Ids
/// must be unique across all the banks: a repeated id is reported where it is
/// repeated, naming the file and line of its first definition. Returns every
/// error of every file, grouped by file in load order, or the banks in that
/// order.
pub fn load_banks<P: AsRef<Path>>(paths: &[P]) -> Result<Vec<LoadedBank>, Vec<BankError>> {
    let mut errors = Vec::new();
    let mut files = Vec::new();
    for path in paths {
        let path = path.as_ref();
        if path.is_dir() {
            let mut found = Vec::new();
            match bank_files_in(path, &mut found) {
                Ok(()) if found.is_empty() => errors.push(BankError::whole_file(
                    path,
                    "no bank files (*.md other than README.md) in this folder or below it",
                )),
                Ok(()) => {
                    found.sort();
                    files.extend(found);
                }
                Err(error) => errors.push(error),
            }
        } else {
            files.push(path.to_path_buf());
        }
    }

    let mut banks = Vec::with_capacity(files.len());
    // Each id's first definition: file and line.
    let mut first_sites: HashMap<String, (PathBuf, usize)> = HashMap::new();
    for path in files {
        let bytes = match read_bank(&path) {
            Ok(bytes) => bytes,
            Err(error) => {
                errors.push(error);
                continue;
            }
        };
        let text = match decode(&path, &bytes) {
            Ok(text) => text,
            Err(error) => {
                errors.push(error);
                continue;
            }
        };
        let mut parsed = parse_document(&path, text);
        for site in &parsed.ids {
            match first_sites.get(&site.id) {
                // Repeats within one file are reported by the parser.
                Some((first_file, _)) if *first_file == path => {}
                Some((first_file, first_line)) => parsed.errors.push(BankError {
                    file: path.clone(),
                    line: site.line,
                    column: site.column,
                    message: format!(
                        "duplicate id \"{}\" (first defined at {}:{first_line})",
                        site.id,
                        first_file.display()
                    ),
                }),
                None => {
                    first_sites.insert(site.id.clone(), (path.clone(), site.line));
                }
            }
        }
        if parsed.errors.is_empty() {
            banks.push(LoadedBank {
                content_hash: content_hash(&bytes),
                competency: parsed.competency,
                path,
            });
        } else {
            parsed
                .errors
                .sort_by_key(|error| (error.line, error.column));
            errors.append(&mut parsed.errors);
        }
    }
    if errors.is_empty() {
        Ok(banks)
    } else {
        Err(errors)
    }
}

/// Collects the bank files of a directory and its subdirectories into `files`.
fn bank_files_in(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), BankError> {
    let unreadable = |error: std::io::Error| {
        BankError::whole_file(dir, format!("cannot read directory: {error}"))
    };
    for entry in std::fs::read_dir(dir).map_err(unreadable)? {
        let path = entry.map_err(unreadable)?.path();
        let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            if name != "target" {
                bank_files_in(&path, files)?;
            }
        } else if name.ends_with(".md") && !name.eq_ignore_ascii_case("README.md") && path.is_file()
        {
            files.push(path);
        }
    }
    Ok(())
}

/// Reads a file, refusing one over the size limit before reading it.
fn read_bank(path: &Path) -> Result<Vec<u8>, BankError> {
    let unreadable =
        |error: std::io::Error| BankError::whole_file(path, format!("cannot read file: {error}"));
    let file = File::open(path).map_err(unreadable)?;
    let len = file.metadata().map_err(unreadable)?.len();
    if len > MAX_FILE_BYTES as u64 {
        return Err(too_large(path, usize::try_from(len).unwrap_or(usize::MAX)));
    }
    // Read at most one byte past the limit, in case the file grew meanwhile.
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(path, bytes.len()));
    }
    Ok(bytes)
}

/// The bytes as UTF-8, or an error at the first invalid byte.
fn decode<'b>(path: &Path, bytes: &'b [u8]) -> Result<&'b str, BankError> {
    std::str::from_utf8(bytes).map_err(|error| {
        let valid = &bytes[..error.valid_up_to()];
        let line = 1 + valid.iter().filter(|&&byte| byte == b'\n').count();
        let line_start = valid
            .iter()
            .rposition(|&byte| byte == b'\n')
            .map_or(0, |index| index + 1);
        // The prefix is valid UTF-8, so this cannot fail.
        let column =
            1 + std::str::from_utf8(&valid[line_start..]).map_or(0, |text| text.chars().count());
        BankError {
            file: path.to_path_buf(),
            line,
            column,
            message: "file is not valid UTF-8 (bank files are UTF-8 text)".into(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_is_lowercase_hex_sha256() {
        assert_eq!(
            content_hash(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn invalid_utf8_is_reported_at_its_line_and_column() {
        let error = decode(Path::new("x.md"), b"ok\nab\xffc").unwrap_err();
        assert_eq!(
            error.to_string(),
            "x.md:2:3: file is not valid UTF-8 (bank files are UTF-8 text)"
        );
    }
}
