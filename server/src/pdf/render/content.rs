//! A page's content stream written straight into bytes: text as glyph ids
//! in the embedded subsets, rectangles and lines as paths, in PDF's
//! bottom-left coordinates. Colours, line width and font are set only when
//! they change, since the graphics state carries them from one operation
//! to the next.

use super::super::draw::{Rgb, Stroke};

/// The operators of one page.
pub(super) struct Content {
    out: Vec<u8>,
    page_height: f32,
    fill: Option<Rgb>,
    stroke: Option<Stroke>,
    font: Option<(usize, f32)>,
}

impl Content {
    pub(super) fn new(page_height: f32) -> Self {
        Self {
            out: Vec::with_capacity(16 * 1024),
            page_height,
            fill: None,
            stroke: None,
            font: None,
        }
    }

    pub(super) fn into_bytes(self) -> Vec<u8> {
        self.out
    }

    /// Shows `glyphs` (ids in the subset of font resource `/F{font}`) with
    /// its baseline starting at `x`, `baseline` from the top-left.
    pub(super) fn text(
        &mut self,
        font: usize,
        size: f32,
        color: Rgb,
        x: f32,
        baseline: f32,
        glyphs: impl Iterator<Item = u16>,
    ) {
        self.out.extend_from_slice(b"BT\n");
        if self.font != Some((font, size)) {
            self.font = Some((font, size));
            self.out.extend_from_slice(b"/F");
            push_int(&mut self.out, font as i64);
            self.out.push(b' ');
            push_number(&mut self.out, size);
            self.out.extend_from_slice(b" Tf\n");
        }
        self.set_fill(color);
        push_number(&mut self.out, x);
        self.out.push(b' ');
        push_number(&mut self.out, self.page_height - baseline);
        self.out.extend_from_slice(b" Td\n<");
        for glyph in glyphs {
            push_hex(&mut self.out, glyph);
        }
        self.out.extend_from_slice(b"> Tj\nET\n");
    }

    /// A rectangle from its top-left corner, filled, outlined or both.
    pub(super) fn rect(
        &mut self,
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        fill: Option<Rgb>,
        stroke: Option<Stroke>,
    ) {
        if let Some(fill) = fill {
            self.set_fill(fill);
        }
        if let Some(stroke) = stroke {
            self.set_stroke(stroke);
        }
        for (i, n) in [x, self.page_height - y - height, width, height]
            .into_iter()
            .enumerate()
        {
            if i > 0 {
                self.out.push(b' ');
            }
            push_number(&mut self.out, n);
        }
        self.out.extend_from_slice(match (fill, stroke) {
            (Some(_), Some(_)) => b" re B\n",
            (Some(_), None) => b" re f\n",
            (None, _) => b" re S\n",
        });
    }

    /// A straight line between two points from the top-left.
    pub(super) fn line(&mut self, from: (f32, f32), to: (f32, f32), stroke: Stroke) {
        self.set_stroke(stroke);
        self.point(from);
        self.out.extend_from_slice(b" m ");
        self.point(to);
        self.out.extend_from_slice(b" l S\n");
    }

    fn point(&mut self, (x, y): (f32, f32)) {
        push_number(&mut self.out, x);
        self.out.push(b' ');
        push_number(&mut self.out, self.page_height - y);
    }

    fn set_fill(&mut self, color: Rgb) {
        if self.fill != Some(color) {
            self.fill = Some(color);
            push_color(&mut self.out, color);
            self.out.extend_from_slice(b" rg\n");
        }
    }

    fn set_stroke(&mut self, stroke: Stroke) {
        let last = self.stroke.replace(stroke);
        if last.map(|s| s.color) != Some(stroke.color) {
            push_color(&mut self.out, stroke.color);
            self.out.extend_from_slice(b" RG\n");
        }
        if last.map(|s| s.width) != Some(stroke.width) {
            push_number(&mut self.out, stroke.width);
            self.out.extend_from_slice(b" w\n");
        }
    }
}

fn push_color(out: &mut Vec<u8>, Rgb(r, g, b): Rgb) {
    push_fixed(out, r, 1000);
    out.push(b' ');
    push_fixed(out, g, 1000);
    out.push(b' ');
    push_fixed(out, b, 1000);
}

/// A length in points to a hundredth of a point, far finer than print or
/// screen shows.
fn push_number(out: &mut Vec<u8>, value: f32) {
    push_fixed(out, value, 100);
}

/// `value` rounded to `1 / scale` (a power of ten), without trailing zeros.
/// Written by hand: formatting numbers through `core::fmt` was a sixth of a
/// summary's time.
fn push_fixed(out: &mut Vec<u8>, value: f32, scale: i64) {
    let scaled = (f64::from(value) * scale as f64).round();
    // Lengths on a page are a few thousand points at most; anything else
    // is a layout bug that must still give a readable file.
    let mut n = if scaled.is_finite() {
        scaled.clamp(-1e12, 1e12) as i64
    } else {
        0
    };
    if n < 0 {
        out.push(b'-');
        n = -n;
    }
    push_int(out, n / scale);
    let mut fraction = n % scale;
    if fraction == 0 {
        return;
    }
    let mut digits = scale.ilog10();
    while fraction % 10 == 0 {
        fraction /= 10;
        digits -= 1;
    }
    out.push(b'.');
    let mut buf = [b'0'; 20];
    let mut i = digits as usize;
    while i > 0 {
        i -= 1;
        buf[i] = b'0' + (fraction % 10) as u8;
        fraction /= 10;
    }
    out.extend_from_slice(&buf[..digits as usize]);
}

fn push_int(out: &mut Vec<u8>, mut n: i64) {
    if n < 0 {
        out.push(b'-');
        n = -n;
    }
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

/// A glyph id as four hex digits, as Identity-H encodes it.
fn push_hex(out: &mut Vec<u8>, glyph: u16) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.extend_from_slice(&[
        HEX[usize::from(glyph >> 12)],
        HEX[usize::from((glyph >> 8) & 0xF)],
        HEX[usize::from((glyph >> 4) & 0xF)],
        HEX[usize::from(glyph & 0xF)],
    ]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(value: f32, scale: i64) -> String {
        let mut out = Vec::new();
        push_fixed(&mut out, value, scale);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_are_short_and_exact_to_their_scale() {
        assert_eq!(fixed(0.0, 100), "0");
        assert_eq!(fixed(12.0, 100), "12");
        assert_eq!(fixed(12.5, 100), "12.5");
        assert_eq!(fixed(841.89, 100), "841.89");
        assert_eq!(fixed(0.05, 100), "0.05");
        assert_eq!(fixed(-3.256, 100), "-3.26");
        assert_eq!(fixed(-0.001, 100), "0", "no negative zero");
        assert_eq!(fixed(0.111, 1000), "0.111");
        assert_eq!(fixed(0.1, 1000), "0.1");
        assert_eq!(fixed(1.0, 1000), "1");
        assert_eq!(fixed(f32::NAN, 100), "0");
    }

    #[test]
    fn glyph_ids_are_four_hex_digits() {
        let mut out = Vec::new();
        for g in [0, 0x2A, 0xBEEF] {
            push_hex(&mut out, g);
        }
        assert_eq!(out, b"0000002ABEEF");
    }

    #[test]
    fn state_is_set_only_when_it_changes() {
        let mut c = Content::new(100.0);
        let glyphs = || [1u16, 2].into_iter();
        c.text(0, 10.0, Rgb::TEXT, 5.0, 20.0, glyphs());
        c.text(0, 10.0, Rgb::TEXT, 5.0, 40.0, glyphs());
        c.text(1, 10.0, Rgb::MUTED, 5.0, 60.0, glyphs());
        let stroke = Stroke::new(Rgb::RULE, 0.5);
        c.line((0.0, 10.0), (50.0, 10.0), stroke);
        c.rect(1.0, 2.0, 3.0, 4.0, Some(Rgb::SHADE), Some(stroke));
        let text = String::from_utf8(c.into_bytes()).unwrap();
        assert_eq!(text.matches(" Tf").count(), 2, "{text}");
        assert_eq!(text.matches(" rg").count(), 3, "{text}");
        assert_eq!(text.matches(" RG").count(), 1, "{text}");
        assert_eq!(text.matches(" w\n").count(), 1, "{text}");
        assert!(text.contains("5 80 Td\n<00010002> Tj"), "{text}");
        assert!(text.contains("0 90 m 50 90 l S"), "{text}");
        assert!(text.contains("1 94 3 4 re B"), "{text}");
    }
}
