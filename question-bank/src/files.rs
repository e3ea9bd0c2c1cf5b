//! Bank files on disk: finding them in folders, reading them within the size
//! limit, and decoding them as UTF-8 with a located error.

use crate::error::BankError;
use crate::parse::{MAX_FILE_BYTES, too_large};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Collects the bank files of a directory and its subdirectories into `files`.
pub(crate) fn bank_files_in(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), BankError> {
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
pub(crate) fn read_bank(path: &Path) -> Result<Vec<u8>, BankError> {
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
pub(crate) fn decode<'b>(path: &Path, bytes: &'b [u8]) -> Result<&'b str, BankError> {
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
    fn invalid_utf8_is_reported_at_its_line_and_column() {
        let error = decode(Path::new("x.md"), b"ok\nab\xffc").unwrap_err();
        assert_eq!(
            error.to_string(),
            "x.md:2:3: file is not valid UTF-8 (bank files are UTF-8 text)"
        );
    }
}
