//! The encoding of every server function's answer: JSON, as server_fn's
//! `Json`, but read in the browser as text (`serde_json::from_str`), the way
//! Leptos reads the resource values a page is hydrated with. With one reader
//! for both, each answer type's decoding is compiled into the wasm once;
//! server_fn's own `Json` reads bytes (`from_slice`), which doubled it.
//! Every server function names it: `#[server(…, output = TextJson)]`.

use leptos::server_fn::codec::Post;
use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// JSON answers, decoded from text.
pub struct TextJsonEncoding;

impl ContentType for TextJsonEncoding {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for TextJsonEncoding {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Serialize> Encodes<T> for TextJsonEncoding {
    type Error = serde_json::Error;

    fn encode(output: &T) -> Result<Bytes, Self::Error> {
        serde_json::to_vec(output).map(Bytes::from)
    }
}

impl<T: DeserializeOwned> Decodes<T> for TextJsonEncoding {
    type Error = serde_json::Error;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        let text = std::str::from_utf8(&bytes).map_err(serde::de::Error::custom)?;
        serde_json::from_str(text)
    }
}

/// A `POST` whose answer is [`TextJsonEncoding`].
pub type TextJson = Post<TextJsonEncoding>;

#[cfg(test)]
mod tests {
    /// Every server function answers in [`super::TextJson`]; one left on the
    /// default brings the second copy of its answer's decoding back.
    #[test]
    fn every_server_function_names_the_text_json_output() {
        fn visit(dir: &std::path::Path, missing: &mut Vec<String>, seen: &mut usize) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    visit(&path, missing, seen);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for (n, line) in text.lines().enumerate() {
                    let line = line.trim_start();
                    if line.starts_with("#[server(") && line.contains("endpoint") {
                        *seen += 1;
                        if !line.contains("output = TextJson") {
                            missing.push(format!("{}:{}", path.display(), n + 1));
                        }
                    }
                }
            }
        }
        let (mut missing, mut seen) = (Vec::new(), 0);
        visit(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut missing,
            &mut seen,
        );
        assert!(seen > 0, "no server functions found");
        assert!(missing.is_empty(), "without output = TextJson: {missing:?}");
    }
}
