//! Reading bank files from disk: single files, directories of banks, content
//! hashes, file names, and the check that ids are unique across all banks
//! (and free in the shipped banks and the database, via [`IdRegistry`]).

use crate::error::BankError;
use crate::export::to_markdown;
use crate::files::{bank_files_in, decode, read_bank};
use crate::model::Competency;
use crate::parse::{IdSite, Parsed, parse_document};
use crate::registry::{Candidate, IdRegistry, check_ids};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// A parsed bank file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoadedBank {
    /// The file it was read from, as given.
    pub path: PathBuf,
    /// Where the competency comes from, as an import records it: the file's
    /// canonical path (so the same file given by another relative path, or
    /// from another folder, is still the same source).
    pub source: String,
    /// Its content.
    pub competency: Competency,
    /// [`model_hash`] of the competency: re-importing a file whose content
    /// has not changed (whatever its line endings) can be skipped.
    pub content_hash: String,
    /// Where each id is written in the file.
    pub id_sites: Vec<IdSite>,
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

/// The identity of a competency's content: the [`content_hash`] of its
/// export. It depends on the parsed model only, so line endings, a
/// byte-order mark, list markers or blank lines do not change it.
pub fn model_hash(competency: &Competency) -> String {
    content_hash(to_markdown(competency).as_bytes())
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Reads and parses one bank file (rejecting files over 256 KiB unread).
pub fn parse_file(path: impl AsRef<Path>) -> Result<Competency, Vec<BankError>> {
    let path = path.as_ref();
    let bytes = read_bank(path).map_err(|error| vec![error])?;
    let text = decode(path, &bytes).map_err(|error| vec![error])?;
    crate::parse_str(path, text)
}

/// Parses bank text that is not read from disk (a compiled-in bank) as if
/// it were the file `path`, including the check that the file is named
/// after the competency. `source` is recorded as its [`LoadedBank::source`].
pub fn load_text(
    path: impl AsRef<Path>,
    source: &str,
    text: &str,
) -> Result<LoadedBank, Vec<BankError>> {
    let path = path.as_ref();
    let mut parsed = parse_document(path, text);
    check_file_name(path, &mut parsed);
    if parsed.errors.is_empty() {
        Ok(loaded(path.to_path_buf(), source.to_string(), parsed))
    } else {
        parsed
            .errors
            .sort_by_key(|error| (error.line, error.column));
        Err(parsed.errors)
    }
}

/// Loads banks from files and directories, checking ids across them only
/// (see [`load_banks_against`]).
pub fn load_banks<P: AsRef<Path>>(paths: &[P]) -> Result<Vec<LoadedBank>, Vec<BankError>> {
    load_banks_against(paths, &IdRegistry::default(), false)
}

/// Loads banks from files and directories and checks their ids against
/// `known` (the shipped banks, the database) and against each other.
///
/// A directory contributes its `*.md` files and those of its subdirectories,
/// sorted by path, except `README.md` files, hidden files and folders (names
/// starting with `.`) and `target` folders; a directory with no bank in it is
/// an error, since checking nothing is almost certainly a wrong path. A file
/// given twice is read once. Each file must be named after its competency
/// id. An id that belongs to another competency is reported where it is
/// written, naming the competency and where it is defined; a file that would
/// replace a known competency from another source is an error unless
/// `replace`. Returns every error of every file, grouped by file in load
/// order, or the banks in that order.
pub fn load_banks_against<P: AsRef<Path>>(
    paths: &[P],
    known: &IdRegistry,
    replace: bool,
) -> Result<Vec<LoadedBank>, Vec<BankError>> {
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

    let mut parsed_files = Vec::with_capacity(files.len());
    let mut sources: Vec<String> = Vec::with_capacity(files.len());
    for path in files {
        let source = std::fs::canonicalize(&path)
            .unwrap_or_else(|_| path.clone())
            .display()
            .to_string();
        if sources.contains(&source) {
            continue;
        }
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
        check_file_name(&path, &mut parsed);
        sources.push(source.clone());
        let hash = model_hash(&parsed.competency);
        parsed_files.push((path, source, hash, parsed));
    }

    let candidates: Vec<Candidate<'_>> = parsed_files
        .iter()
        .map(|(path, source, hash, parsed)| Candidate {
            path,
            source,
            hash,
            competency: &parsed.competency.id,
            sites: &parsed.ids,
        })
        .collect();
    let id_errors = check_ids(&candidates, known, replace);
    let mut banks = Vec::with_capacity(parsed_files.len());
    for ((path, source, _, mut parsed), mut more) in parsed_files.into_iter().zip(id_errors) {
        parsed.errors.append(&mut more);
        if parsed.errors.is_empty() {
            banks.push(loaded(path, source, parsed));
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

fn loaded(path: PathBuf, source: String, parsed: Parsed) -> LoadedBank {
    LoadedBank {
        path,
        source,
        content_hash: model_hash(&parsed.competency),
        competency: parsed.competency,
        id_sites: parsed.ids,
    }
}

/// A bank file is named after its competency (`teamwork.md` holds
/// `# Teamwork {#teamwork}`), so the file that defines an id is easy to find
/// and two files cannot silently define the same competency.
fn check_file_name(path: &Path, parsed: &mut Parsed) {
    let id = &parsed.competency.id;
    let Some(site) = parsed.ids.iter().find(|site| site.id == *id) else {
        return;
    };
    let stem = path.file_stem().and_then(|stem| stem.to_str());
    if stem != Some(id.as_str()) {
        let name = path
            .file_name()
            .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
        parsed.errors.push(BankError {
            file: path.to_path_buf(),
            line: site.line,
            column: site.column,
            message: format!(
                "the file is named \"{name}\" but holds competency \"{id}\": a bank file is named after its competency id; rename it to \"{id}.md\""
            ),
        });
    }
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
}
