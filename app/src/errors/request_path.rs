//! Which field of a JSON document sits at a decoder's line and column.
//!
//! A small scanner over well-formed JSON (the caller has checked that it
//! parses) that records the path of the innermost value spanning a byte
//! position, e.g. `input.answers[2].text`.

/// Deeper documents are not searched; the caller then names the body.
const MAX_DEPTH: usize = 64;

/// The path of the innermost value around `line`/`column` (serde_json's
/// convention: 1-based line, column counted in bytes from the line start)
/// in `text`, or `None` for the document itself or a position outside it.
pub fn field_at(text: &str, line: usize, column: usize) -> Option<String> {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let mut scan = Scan {
        bytes: text.as_bytes(),
        at: 0,
        target: line_start + column,
        path: Vec::new(),
        found: None,
    };
    scan.value(0)?;
    scan.found.filter(|p| !p.is_empty())
}

enum Segment {
    Key(String),
    Index(usize),
}

struct Scan<'a> {
    bytes: &'a [u8],
    at: usize,
    target: usize,
    path: Vec<Segment>,
    found: Option<String>,
}

impl Scan<'_> {
    fn value(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_space();
        let start = self.at;
        match *self.bytes.get(self.at)? {
            b'{' => {
                self.at += 1;
                loop {
                    self.skip_space();
                    if self.eat(b'}') {
                        break;
                    }
                    let key = self.string()?;
                    self.skip_space();
                    self.eat(b':').then_some(())?;
                    self.path.push(Segment::Key(key));
                    self.value(depth + 1)?;
                    self.path.pop();
                    self.skip_space();
                    if !self.eat(b',') {
                        self.eat(b'}').then_some(())?;
                        break;
                    }
                }
            }
            b'[' => {
                self.at += 1;
                let mut index = 0;
                loop {
                    self.skip_space();
                    if self.eat(b']') {
                        break;
                    }
                    self.path.push(Segment::Index(index));
                    self.value(depth + 1)?;
                    self.path.pop();
                    index += 1;
                    self.skip_space();
                    if !self.eat(b',') {
                        self.eat(b']').then_some(())?;
                        break;
                    }
                }
            }
            b'"' => {
                self.string()?;
            }
            _ => {
                while let Some(b) = self.bytes.get(self.at) {
                    if matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\r' | b'\n') {
                        break;
                    }
                    self.at += 1;
                }
            }
        }
        // Inner values finish first, so the first hit is the innermost.
        if self.found.is_none() && start < self.target && self.target <= self.at {
            self.found = Some(self.render());
        }
        Some(())
    }

    /// Reads a string and returns its text when it is a plain name
    /// (letters, digits, `_`, `-`), else `?`: it is echoed to the caller.
    fn string(&mut self) -> Option<String> {
        self.eat(b'"').then_some(())?;
        let start = self.at;
        loop {
            match *self.bytes.get(self.at)? {
                b'\\' => self.at += 2,
                b'"' => break,
                _ => self.at += 1,
            }
        }
        let raw = std::str::from_utf8(self.bytes.get(start..self.at)?).ok()?;
        self.at += 1;
        let plain = !raw.is_empty()
            && raw.len() <= 64
            && raw
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        Some(if plain {
            raw.to_owned()
        } else {
            "?".to_owned()
        })
    }

    fn render(&self) -> String {
        let mut out = String::new();
        for segment in &self.path {
            match segment {
                Segment::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Segment::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.bytes.get(self.at) == Some(&b) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn skip_space(&mut self) {
        while matches!(self.bytes.get(self.at), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            self.at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_map_to_paths() {
        let text = "{\n  \"a\": 1,\n  \"b\": {\"c\": [true, \"x\"]}\n}";
        // Line 3 is `  "b": {"c": [true, "x"]}`; `"x"` ends at byte 23.
        assert_eq!(field_at(text, 3, 23).as_deref(), Some("b.c[1]"));
        assert_eq!(field_at(text, 2, 8).as_deref(), Some("a"));
        assert_eq!(field_at(text, 9, 1), None);
    }

    #[test]
    fn odd_keys_are_not_echoed() {
        let text = r#"{"<script>": 5}"#;
        assert_eq!(field_at(text, 1, 14).as_deref(), Some("?"));
    }

    #[test]
    fn deep_documents_give_up_instead_of_recursing() {
        let text = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(field_at(&text, 1, 10_001), None);
    }
}
