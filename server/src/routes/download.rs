//! File downloads: safe filenames and the headers every download carries.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// A PDF download: attachment with a safe filename, never cached.
pub fn pdf_response(bytes: Vec<u8>, filename_stem: &str) -> Response {
    let name = safe_filename(filename_stem);
    let mut res = (StatusCode::OK, bytes).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}.pdf\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// `stem` reduced to ASCII letters, digits and single dashes, so any name
/// (quotes, slashes, accents, other scripts) makes a valid, harmless filename.
pub fn safe_filename(stem: &str) -> String {
    let mut out = String::with_capacity(stem.len());
    for c in stem.chars().flat_map(fold_accent) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    let capped: String = trimmed.chars().take(80).collect();
    if capped.is_empty() {
        "document".to_owned()
    } else {
        capped
    }
}

/// Latin letters with diacritics to their base letter; other characters as they are.
fn fold_accent(c: char) -> Vec<char> {
    let folded = match c {
        'à'..='å'
        | 'ā'
        | 'ă'
        | 'ą'
        | 'ạ'
        | 'ả'
        | 'ấ'
        | 'ầ'
        | 'ẩ'
        | 'ẫ'
        | 'ậ'
        | 'ắ'
        | 'ằ'
        | 'ẳ'
        | 'ẵ'
        | 'ặ' => 'a',
        'À'..='Å' | 'Ā' | 'Ă' | 'Ą' => 'a',
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => 'c',
        'è'..='ë'
        | 'ē'
        | 'ę'
        | 'ě'
        | 'ẹ'
        | 'ẻ'
        | 'ẽ'
        | 'ế'
        | 'ề'
        | 'ể'
        | 'ễ'
        | 'ệ'
        | 'È'..='Ë'
        | 'Ę' => 'e',
        'ì'..='ï' | 'ī' | 'ị' | 'ỉ' | 'ĩ' | 'Ì'..='Ï' => 'i',
        'ł' | 'Ł' => 'l',
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' => 'n',
        'ò'..='ö'
        | 'ø'
        | 'ō'
        | 'ő'
        | 'ơ'
        | 'ọ'
        | 'ỏ'
        | 'ố'
        | 'ồ'
        | 'ổ'
        | 'ỗ'
        | 'ộ'
        | 'ớ'
        | 'ờ'
        | 'ở'
        | 'ỡ'
        | 'ợ' => 'o',
        'Ò'..='Ö' | 'Ø' => 'o',
        'ś' | 'š' | 'ş' | 'Ś' | 'Š' => 's',
        'ù'..='ü' | 'ū' | 'ů' | 'ű' | 'ư' | 'ụ' | 'ủ' | 'ứ' | 'ừ' | 'ử' | 'ữ' | 'ự' | 'Ù'..='Ü' => {
            'u'
        }
        'ý' | 'ÿ' | 'ỳ' | 'ỷ' | 'ỹ' | 'ỵ' | 'Ý' => 'y',
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => 'z',
        'đ' | 'Đ' => 'd',
        'ß' => return vec!['s', 's'],
        other => other,
    };
    vec![folded]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filenames_are_safe_for_any_name() {
        let cases = [
            ("Zoë Nguyễn", "zoe-nguyen"),
            ("Łukasz Żółć", "lukasz-zolc"),
            ("O'Brien \"Bob\"", "o-brien-bob"),
            ("../../etc/passwd", "etc-passwd"),
            ("Ελένη Παπαδοπούλου", "document"),
            ("Summary — Ελένη", "summary"),
        ];
        for (input, expected) in cases {
            assert_eq!(safe_filename(input), expected, "{input}");
        }
    }
}
