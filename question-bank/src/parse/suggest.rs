//! "Did you mean …": the closest allowed word to a misspelled one, and the
//! checks for characters that look right but are not (full-width colons,
//! invisible spaces).

/// The candidate closest to `word` (ignoring case), if it is close enough to
/// be a likely typo: one edit for short words, up to three for long ones.
pub(crate) fn closest<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    let word = normalize(word);
    if word.is_empty() {
        return None;
    }
    let allowed = match word.chars().count() {
        0..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    candidates
        .iter()
        .map(|candidate| (distance(&word, &normalize(candidate)), *candidate))
        .filter(|(distance, _)| *distance <= allowed)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// `" — did you mean \"X\"?"` when a candidate is close to `word`, else "".
pub(crate) fn did_you_mean(word: &str, candidates: &[&str]) -> String {
    closest(word, candidates).map_or(String::new(), |candidate| {
        format!(" — did you mean \"{candidate}\"?")
    })
}

/// Lowercase, full-width colons read as colons, spaces collapsed.
fn normalize(word: &str) -> String {
    word.replace('：', ":")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Edit distance in characters, counting a swap of two neighbours as one
/// edit (optimal string alignment), so "Tpye" is one edit from "Type".
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    d[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// Whether a character shows nothing: Unicode whitespace (including the
/// non-breaking space) and the zero-width format characters.
pub(crate) fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{00ad}'
        )
}

/// Whether `text` has no visible character.
pub(crate) fn is_blank(text: &str) -> bool {
    text.chars().all(is_invisible)
}

/// A suggested id for an invalid one: lowercase, every run of other
/// characters turned into one hyphen. `None` if nothing usable is left.
pub(crate) fn suggest_id(raw: &str) -> Option<String> {
    let mut id = String::with_capacity(raw.len());
    for c in raw.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-').to_string();
    (super::context::is_valid_id(&id) && id != raw).then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_words_are_suggested_and_far_ones_are_not() {
        let sections = ["Definition", "Proficiency levels", "Key elements"];
        assert_eq!(
            closest("Proficency levels", &sections),
            Some("Proficiency levels")
        );
        assert_eq!(closest("key Elements", &sections), Some("Key elements"));
        assert_eq!(closest("Probes", &sections), None);
        assert_eq!(
            closest("behavioural", &["behavioral", "situational"]),
            Some("behavioral")
        );
        assert_eq!(closest("Probe:", &["Probes:"]), Some("Probes:"));
        assert_eq!(closest("Probes：", &["Probes:"]), Some("Probes:"));
        assert_eq!(closest("Tpye", &["Type", "Targets"]), Some("Type"));
        assert_eq!(closest("Tell me", &["Type", "Targets"]), None);
        assert_eq!(closest("", &["a"]), None);
    }

    #[test]
    fn invisible_characters_are_blank() {
        assert!(is_blank("\u{a0} \u{200b}\t\u{3000}"));
        assert!(!is_blank("\u{a0}x"));
    }

    #[test]
    fn invalid_ids_get_a_kebab_case_suggestion() {
        assert_eq!(
            suggest_id("at breaks down").as_deref(),
            Some("at-breaks-down")
        );
        assert_eq!(suggest_id("CF_Unhappy").as_deref(), Some("cf-unhappy"));
        assert_eq!(suggest_id("ok-id"), None);
        assert_eq!(suggest_id("éé"), None);
    }
}
