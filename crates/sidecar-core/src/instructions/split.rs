//! An instruction into clauses, and a clause into words.
//!
//! Clauses end at commas, semicolons and line breaks, except a comma inside
//! a number ("50,000") or before a year ("Dec 31, 2026"); "and", "&",
//! "then" and "also" end one only when what follows starts a clause of its
//! own (a field or a command: "stage negotiation and amount 50k"), so
//! "title VP Sales and Marketing" stays one.

/// One word of a clause: lowercased (a trailing `:` or `=` dropped) for
/// matching, with where it starts in the clause (bytes) for the value's
/// original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub lower: String,
    pub start: usize,
    pub end: usize,
}

/// The words of `clause`, split at white space.
pub fn words(clause: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in clause.char_indices().chain(std::iter::once((clause.len(), ' '))) {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                let lower = clause[s..i].to_lowercase();
                out.push(Word { lower: lower.trim_end_matches([':', '=']).to_owned(), start: s, end: i });
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The lowercased words of `words`, for matching.
pub fn lowered(words: &[Word]) -> Vec<&str> {
    words.iter().map(|w| w.lower.as_str()).collect()
}

/// What follows word `from` of `clause`, as typed (trimmed).
pub fn rest<'c>(clause: &'c str, words: &[Word], from: usize) -> &'c str {
    words.get(from).map_or("", |w| clause[w.start..].trim())
}

/// The words of `clause` at `keep` (indexes), as typed, joined by spaces.
pub fn join_kept(clause: &str, words: &[Word], keep: impl Fn(usize) -> bool) -> String {
    let kept: Vec<&str> = words.iter().enumerate().filter(|(i, _)| keep(*i)).map(|(_, w)| &clause[w.start..w.end]).collect();
    kept.join(" ")
}

/// The clauses of `text`. `starts` says whether a text starts a clause of
/// its own (for "and").
pub fn clauses(text: &str, starts: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    for piece in pieces(text) {
        let mut current = String::new();
        let mut remaining = piece.as_str();
        loop {
            let Some((at, joiner)) = next_joiner(remaining) else {
                current.push_str(remaining);
                break;
            };
            let right = &remaining[at + joiner.len()..];
            if starts(right.trim()) {
                current.push_str(&remaining[..at]);
                push(&mut out, &current);
                current.clear();
            } else {
                current.push_str(&remaining[..at + joiner.len()]);
            }
            remaining = right;
        }
        push(&mut out, &current);
    }
    out
}

fn push(out: &mut Vec<String>, clause: &str) {
    let clause = clause.trim().trim_end_matches(['.', '!']).trim();
    if !clause.is_empty() {
        out.push(clause.to_owned());
    }
}

/// The first " and " (or "&", "then", "also") in `text`, ASCII case aside.
fn next_joiner(text: &str) -> Option<(usize, &'static str)> {
    const JOINERS: [&str; 5] = [" and then ", " and ", " & ", " then ", " also "];
    let lower = text.to_ascii_lowercase();
    JOINERS.iter().filter_map(|j| lower.find(j).map(|at| (at, *j))).min_by_key(|(at, j)| (*at, usize::MAX - j.len()))
}

/// `text` cut at commas, semicolons and line breaks (not inside numbers
/// or before a year).
fn pieces(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let cut = match c {
            ';' | '\n' => true,
            ',' => {
                let before = i.checked_sub(1).and_then(|j| chars.get(j)).is_some_and(char::is_ascii_digit);
                let after = chars.get(i + 1).is_some_and(char::is_ascii_digit);
                let year = chars.get(i + 1) == Some(&' ')
                    && chars.get(i + 2..i + 6).is_some_and(|y| y.iter().all(char::is_ascii_digit))
                    && chars.get(i + 6).is_none_or(|c| !c.is_alphanumeric());
                !(before && (after || year))
            }
            _ => false,
        };
        if cut {
            out.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    out.push(current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_end_at_commas_not_inside_numbers_or_before_years() {
        let starts = |t: &str| ["amount", "stage", "title"].iter().any(|w| t.to_ascii_lowercase().starts_with(w));
        let cases: [(&str, &[&str]); 7] = [
            ("stage negotiation, amount 50,000", &["stage negotiation", "amount 50,000"]),
            ("close dec 31, 2026; amount 5", &["close dec 31, 2026", "amount 5"]),
            ("stage negotiation and amount 5", &["stage negotiation", "amount 5"]),
            ("title VP Sales and Marketing", &["title VP Sales and Marketing"]),
            ("title VP Sales AND amount 5.", &["title VP Sales", "amount 5"]),
            (" , ;\n ", &[]),
            ("a, 12, b", &["a", "12", "b"]),
        ];
        for (text, want) in cases {
            assert_eq!(clauses(text, &starts), want, "{text}");
        }
    }

    #[test]
    fn words_keep_where_they_start() {
        let clause = "Title:  VP Sales";
        let w = words(clause);
        assert_eq!(lowered(&w), ["title", "vp", "sales"]);
        assert_eq!(rest(clause, &w, 1), "VP Sales");
        assert_eq!(rest(clause, &w, 3), "");
    }
}
