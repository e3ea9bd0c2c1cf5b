//! The PDF file around the objects: the header, numbered objects and
//! streams at recorded byte offsets, and the cross-reference table and
//! trailer a reader starts from.

use sha2::Digest;
use std::io::Write;

/// A PDF file being written front to back. Objects are numbered by
/// [`reserve`](Self::reserve) first, so that one can refer to another
/// written after it (a page to its parent, a font to its descriptor).
pub(super) struct FileWriter {
    out: Vec<u8>,
    /// Byte offset of object `n` at index `n - 1`; `None` until written.
    offsets: Vec<Option<usize>>,
}

/// A reference to a numbered object, written as `n 0 R`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct ObjectId(u32);

impl std::fmt::Display for ObjectId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} 0 R", self.0)
    }
}

impl FileWriter {
    pub(super) fn with_capacity(bytes: usize) -> Self {
        let mut out = Vec::with_capacity(bytes);
        // The comment of four bytes above 127 tells transfer programs the
        // file is binary.
        out.extend_from_slice(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
        Self {
            out,
            offsets: Vec::new(),
        }
    }

    /// Numbers an object to be written later.
    pub(super) fn reserve(&mut self) -> ObjectId {
        self.offsets.push(None);
        ObjectId(u32::try_from(self.offsets.len()).expect("fewer than 4 billion objects"))
    }

    fn begin(&mut self, id: ObjectId) {
        let slot = &mut self.offsets[id.0 as usize - 1];
        debug_assert!(slot.is_none(), "object {} written twice", id.0);
        *slot = Some(self.out.len());
        let _ = writeln!(self.out, "{} 0 obj", id.0);
    }

    /// Writes object `id` whose body (a dictionary or array) is `body`.
    pub(super) fn object(&mut self, id: ObjectId, body: &str) {
        self.begin(id);
        self.out.extend_from_slice(body.as_bytes());
        self.out.extend_from_slice(b"\nendobj\n");
    }

    /// Writes stream `id`: `data` with `/Length` and the other entries of
    /// its dictionary (`entries`, e.g. `/Filter /FlateDecode`).
    pub(super) fn stream(&mut self, id: ObjectId, entries: &str, data: &[u8]) {
        self.begin(id);
        let _ = write!(self.out, "<< /Length {} {entries} >>\nstream\n", data.len());
        self.out.extend_from_slice(data);
        self.out.extend_from_slice(b"\nendstream\nendobj\n");
    }

    /// The finished file: every reserved object must have been written.
    pub(super) fn finish(mut self, root: ObjectId, info: ObjectId) -> Vec<u8> {
        // The file identifier PDF 2.0 and PDF/A require: a digest of
        // everything before it (the metadata, with its creation time,
        // included), so two different summaries never share one. Both
        // halves are the same, as for a file never updated since.
        let digest = sha2::Sha256::digest(&self.out);
        let id: String = digest[..16].iter().map(|b| format!("{b:02X}")).collect();
        let xref = self.out.len();
        let _ = write!(
            self.out,
            "xref\n0 {}\n0000000000 65535 f \n",
            self.offsets.len() + 1
        );
        for offset in &self.offsets {
            let offset = offset.expect("every reserved object is written");
            // Each entry is exactly 20 bytes, the end of line included.
            let _ = writeln!(self.out, "{offset:010} 00000 n ");
        }
        let _ = write!(
            self.out,
            "trailer\n<< /Size {} /Root {root} /Info {info} /ID [<{id}> <{id}>] >>\nstartxref\n{xref}\n%%EOF\n",
            self.offsets.len() + 1
        );
        self.out
    }
}

/// `text` as a PDF text string: a literal for printable ASCII, otherwise
/// UTF-16BE with a byte order mark, written in hex.
pub(super) fn text_string(text: &str) -> String {
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        let mut out = String::with_capacity(text.len() + 2);
        out.push('(');
        for c in text.chars() {
            if matches!(c, '(' | ')' | '\\') {
                out.push('\\');
            }
            out.push(c);
        }
        out.push(')');
        return out;
    }
    let mut out = String::from("<FEFF");
    for unit in text.encode_utf16() {
        out.push_str(&format!("{unit:04X}"));
    }
    out.push('>');
    out
}

/// UTC milliseconds since 1970 as a PDF date, `(D:YYYYMMDDHHmmSSZ)`.
pub(super) fn date(millis: i64) -> Result<String, &'static str> {
    let t = printpdf::DateTime::from_unix_timestamp(millis.div_euclid(1000))?;
    Ok(format!(
        "(D:{:04}{:02}{:02}{:02}{:02}{:02}Z)",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_text_is_a_literal_with_delimiters_escaped() {
        assert_eq!(text_string(r"a (b) \c"), r"(a \(b\) \\c)");
    }

    #[test]
    fn other_text_is_utf16_with_a_byte_order_mark() {
        assert_eq!(text_string("Zoë"), "<FEFF005A006F00EB>");
        // A character beyond the BMP takes a surrogate pair.
        assert_eq!(text_string("𓀀"), "<FEFFD80CDC00>");
        // A line break is not printable: it goes as UTF-16 too.
        assert_eq!(text_string("a\nb"), "<FEFF0061000A0062>");
    }

    #[test]
    fn dates_are_utc() {
        assert_eq!(
            date(1_773_570_030_000).unwrap(),
            "(D:20260315102030Z)",
            "2026-03-15 10:20:30 UTC"
        );
    }

    #[test]
    fn the_cross_reference_table_points_at_each_object() {
        let mut file = FileWriter::with_capacity(0);
        let a = file.reserve();
        let b = file.reserve();
        file.object(b, "<< /Type /Catalog >>");
        file.stream(a, "", b"abc");
        let bytes = file.finish(b, a);
        // The header's binary comment aside, the file is ASCII: read it at
        // the same byte offsets.
        let text: String = bytes
            .iter()
            .map(|&b| if b.is_ascii() { b as char } else { '?' })
            .collect();
        let xref: usize = text
            .rsplit("startxref\n")
            .next()
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(text[xref..].starts_with("xref\n0 3\n"));
        let entries: Vec<usize> = text[xref..]
            .lines()
            .skip(3)
            .take(2)
            .map(|l| l[..10].parse().unwrap())
            .collect();
        assert!(text[entries[0]..].starts_with("1 0 obj\n<< /Length 3  >>\nstream\nabc\n"));
        assert!(text[entries[1]..].starts_with("2 0 obj\n<< /Type /Catalog >>"));
    }

    #[test]
    fn the_trailer_identifies_the_file_by_its_content() {
        let file_with = |body: &str| {
            let mut file = FileWriter::with_capacity(0);
            let a = file.reserve();
            file.object(a, body);
            let bytes = file.finish(a, a);
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let id = text.split("/ID [<").nth(1).unwrap()[..32].to_owned();
            assert!(text.contains(&format!("/ID [<{id}> <{id}>]")), "{text}");
            id
        };
        let one = file_with("<< /Title (One) >>");
        assert_eq!(one.len(), 32);
        assert!(one.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(one, file_with("<< /Title (One) >>"));
        assert_ne!(one, file_with("<< /Title (Two) >>"));
    }
}
