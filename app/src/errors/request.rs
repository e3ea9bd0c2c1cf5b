//! Requests the server cannot decode: turning a decoder's message into a 400
//! that names the field in plain words.
//!
//! serde's messages name Rust types (`expected u8`, `struct CandidateInput`)
//! and do not name the field when a value has the wrong type; they give a
//! line and column instead. [`bad_request`] keeps only what is safe to show
//! and the position; [`name_field`] then finds the field at that position
//! in the request body the server still holds.

use super::AppError;

/// The field name used when the fault is the body as a whole.
pub const BODY: &str = "body";

/// A 400 for a request whose arguments could not be decoded, from the
/// decoder's `detail`. The field is named when the message names it (a
/// missing or unknown field); otherwise the message ends with the position,
/// for [`name_field`].
pub fn bad_request(detail: &str) -> AppError {
    let position = position_of(detail);
    let at = position
        .map(|(line, column)| format!(" (line {line}, column {column})"))
        .unwrap_or_default();
    let (field, message) = if let Some(name) = quoted_after(detail, "missing field `") {
        (name, "is required".to_owned())
    } else if let Some(name) = quoted_after(detail, "unknown field `") {
        (name, "is not a field of this request".to_owned())
    } else if let Some(name) = quoted_after(detail, "duplicate field `") {
        (name, "appears more than once".to_owned())
    } else if detail.contains("unknown variant") {
        (
            String::new(),
            format!("is not one of the accepted values{at}"),
        )
    } else if let Some(rest) = detail.split("invalid type: ").nth(1) {
        let expected = rest.split(", expected ").nth(1).unwrap_or_default();
        (String::new(), format!("must be {}{at}", describe(expected)))
    } else if detail.contains("invalid value") || detail.contains("invalid length") {
        (String::new(), format!("is not an accepted value{at}"))
    } else if detail.contains("missing argument") {
        (BODY.to_owned(), "is missing an argument".to_owned())
    } else {
        (BODY.to_owned(), format!("is not valid JSON{at}"))
    };
    AppError::BadRequest {
        field: if field.is_empty() {
            BODY.to_owned()
        } else {
            field
        },
        message,
    }
}

/// When `err` is a 400 that gives a position but no field, names the field
/// at that position in `body` (the request's JSON). Anything else is
/// returned as it is.
pub fn name_field(err: AppError, body: &[u8]) -> AppError {
    let AppError::BadRequest { field, message } = &err else {
        return err;
    };
    if field != BODY {
        return err;
    }
    let (Some((line, column)), Ok(text)) = (position_of(message), std::str::from_utf8(body)) else {
        return err;
    };
    if serde_json::from_str::<serde_json::Value>(text).is_err() {
        // Not JSON at all: the body is the field at fault.
        return err;
    }
    match super::request_path::field_at(text, line, column) {
        Some(path) => AppError::BadRequest {
            field: path,
            message: message.clone(),
        },
        None => err,
    }
}

/// A type a decoder expected, in words. Unknown names become a general
/// phrase rather than leaking a Rust type name.
fn describe(expected: &str) -> &'static str {
    let e = expected.split(" at line").next().unwrap_or_default().trim();
    let integer = ["u8", "u16", "u32", "u64", "u128", "usize"]
        .iter()
        .chain(&["i8", "i16", "i32", "i64", "i128", "isize"])
        .any(|t| e == *t);
    if integer {
        "a whole number"
    } else if e == "f32" || e == "f64" {
        "a number"
    } else if e.contains("string") || e.contains("char") {
        "text"
    } else if e.contains("bool") {
        "true or false"
    } else if e.contains("sequence") || e.starts_with("tuple") || e.contains("array") {
        "a list"
    } else if e.starts_with("struct") || e.contains("map") {
        "an object"
    } else if e.contains("enum") || e.contains("variant") {
        "one of the accepted values"
    } else {
        "of another kind"
    }
}

/// The text between `prefix` and the next backtick, if `detail` has it.
/// Kept to letters, digits and `_`, so it is safe to echo.
fn quoted_after(detail: &str, prefix: &str) -> Option<String> {
    let rest = detail.split(prefix).nth(1)?;
    let name: String = rest.split('`').next()?.chars().take(64).collect();
    name.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_')
        .then_some(name)
        .filter(|n| !n.is_empty())
}

/// The `line L column C` a decoder's message ends with, if any.
fn position_of(text: &str) -> Option<(usize, usize)> {
    let (_, rest) = text.rsplit_once("line ")?;
    let mut numbers = rest
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<usize>().ok());
    Some((numbers.next()??, numbers.next()??))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What serde_json says when `body` is decoded as `T`.
    fn detail<T: serde::de::DeserializeOwned>(body: &str) -> String {
        serde_json::from_str::<T>(body).err().unwrap().to_string()
    }

    #[derive(Debug, serde::Deserialize)]
    #[expect(dead_code, reason = "only decoded")]
    struct Input {
        name: String,
        level: u8,
        tags: Vec<String>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[expect(dead_code, reason = "only decoded")]
    struct Args {
        role_id: String,
        input: Input,
    }

    #[test]
    fn every_kind_of_bad_request_names_its_field_in_words() {
        let cases = [
            (
                "wrong type of a nested field",
                r#"{"role_id":"r","input":{"name":"a","level":"high","tags":[]}}"#,
                "input.level",
                "must be a whole number",
            ),
            (
                "text where a list goes",
                r#"{"role_id":"r","input":{"name":"a","level":1,"tags":"x"}}"#,
                "input.tags",
                "must be a list",
            ),
            (
                "number inside a list of text",
                r#"{"role_id":"r","input":{"name":"a","level":1,"tags":["x",5]}}"#,
                "input.tags[1]",
                "must be text",
            ),
            (
                "missing field",
                r#"{"role_id":"r"}"#,
                "input",
                "is required",
            ),
            (
                "not JSON",
                r#"{"role_id": nope"#,
                "body",
                "is not valid JSON",
            ),
            (
                "out of range",
                r#"{"role_id":"r","input":{"name":"a","level":300,"tags":[]}}"#,
                "input.level",
                "is not an accepted value",
            ),
        ];
        for (name, body, field, message) in cases {
            let err = name_field(bad_request(&detail::<Args>(body)), body.as_bytes());
            let AppError::BadRequest {
                field: f,
                message: m,
            } = &err
            else {
                panic!("{name}: {err:?}");
            };
            assert_eq!(f, field, "{name}: {err:?}");
            assert!(m.starts_with(message), "{name}: {m}");
            let shown = err.to_string();
            for leak in [
                "u8", "String", "struct", "Vec", "serde", "Args", "Input", "expected",
            ] {
                assert!(!shown.contains(leak), "{name}: {shown} mentions {leak}");
            }
        }
    }

    #[test]
    fn unknown_type_names_are_not_repeated() {
        let err = bad_request("invalid type: map, expected Zorblax at line 1 column 3");
        assert!(!err.to_string().contains("Zorblax"), "{err}");
    }
}
