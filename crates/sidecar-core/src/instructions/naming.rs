//! Which field a clause names, as describe spells it or close to it: its
//! label ("Close Date"), its label without the object's name ("Account
//! Phone" on an Account is "phone"), its API name ("CloseDate",
//! "Budget__c"), or a common synonym of a standard field ("close",
//! "owner", "mobile"), in any case, plurals aside ("stages"), and with a
//! small typo ("ammount", "stge") when only one field is that close.
//! Synonyms only ever name a field the object's describe has.

use super::{Field, Vocabulary};

/// Common words for standard fields (API name → what reps say). A word
/// here names the field only on an object whose describe has it.
const SYNONYMS: &[(&str, &[&str])] = &[
    ("CloseDate", &["close", "closing date", "closing", "close by", "expected close"]),
    ("StageName", &["stage", "sales stage", "deal stage"]),
    ("Amount", &["value", "deal size", "deal value", "deal amount"]),
    ("Probability", &["prob", "odds", "chance", "likelihood", "win probability"]),
    ("OwnerId", &["owner", "assign to", "assigned to", "reassign to", "owned by"]),
    ("AccountId", &["account", "company"]),
    ("Phone", &["phone number", "tel", "telephone", "work phone", "office phone"]),
    ("MobilePhone", &["mobile", "cell", "cell phone", "cellphone", "mobile number"]),
    ("Email", &["email address", "e-mail", "mail"]),
    ("Title", &["job title", "role", "position"]),
    ("Website", &["web site", "url", "web", "homepage"]),
    ("NextStep", &["next action"]),
    ("Description", &["notes", "details"]),
    ("LeadSource", &["source"]),
    ("NumberOfEmployees", &["employees", "headcount", "employee count"]),
    ("AnnualRevenue", &["revenue"]),
    ("Industry", &["sector", "vertical"]),
    ("Status", &["lead status"]),
    ("Company", &["company name", "organization", "organisation"]),
    ("FirstName", &["first", "given name"]),
    ("LastName", &["last", "surname", "family name"]),
    ("Department", &["dept"]),
    ("Birthdate", &["birthday", "date of birth"]),
    ("ForecastCategoryName", &["forecast"]),
];

/// A field found at the start of a clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Index into `Vocabulary::fields`.
    pub index: usize,
    /// Words the field's name took.
    pub words: usize,
    /// Named with a typo (the preview shows the real name).
    pub typo: bool,
}

/// Lowercase, punctuation to spaces, each word singular: "Probability (%)"
/// and "probabilities" both read "probability".
pub fn norm(text: &str) -> String {
    let spaced: String = text.chars().map(|c| if c.is_alphanumeric() { c.to_lowercase().next().unwrap_or(c) } else { ' ' }).collect();
    spaced.split_whitespace().map(singular).collect::<Vec<_>>().join(" ")
}

fn singular(word: &str) -> &str {
    let keep = word.chars().count() <= 3 || ["ss", "us", "is"].iter().any(|e| word.ends_with(e));
    if !keep && let Some(stem) = word.strip_suffix('s') { stem } else { word }
}

fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// "CloseDate" → "close date", "Budget__c" → "budget", "Acme__Score__c" → "acme score".
fn api_words(name: &str) -> String {
    let base = name.strip_suffix("__c").unwrap_or(name);
    let mut out = String::new();
    let mut previous_lower = false;
    for c in base.chars() {
        if c == '_' {
            out.push(' ');
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower {
            out.push(' ');
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        out.push(c);
    }
    norm(&out)
}

/// The names of `field`, best first: (normalized name, rank).
pub fn names(field: &Field, object: &str) -> Vec<(String, u8)> {
    let label = norm(&field.spec.label);
    let mut out = vec![(label.clone(), 0), (api_words(&field.spec.name), 1), (norm(&field.spec.name), 1)];
    let object = norm(object);
    if let Some(bare) = label.strip_prefix(&format!("{object} ")) {
        out.push((bare.to_owned(), 2));
    }
    // "Account ID" (a lookup) is "account" too; "Owner ID" is "owner".
    if let Some(bare) = label.strip_suffix(" id") {
        out.push((bare.to_owned(), 2));
    }
    for (api, words) in SYNONYMS {
        if field.spec.name.eq_ignore_ascii_case(api) {
            out.extend(words.iter().map(|w| (norm(w), 3)));
        }
    }
    out.retain(|(n, _)| !n.is_empty());
    out
}

/// The field named by the first words of `words` (lowercased), the
/// longest name first; `None` when no field is named there.
pub fn find_field(words: &[&str], vocabulary: &Vocabulary) -> Option<Found> {
    let most = words.len().min(5);
    // A phrase ends on a word (a quote or a `%` after a name is the value's).
    let phrases: Vec<(usize, String)> = (1..=most)
        .rev()
        .filter(|k| words[k - 1].chars().any(char::is_alphanumeric))
        .map(|k| (k, norm(&words[..k].join(" "))))
        .filter(|(_, p)| !p.is_empty())
        .collect();
    let all: Vec<(usize, Vec<(String, u8)>)> = vocabulary.fields.iter().enumerate().map(|(i, f)| (i, names(f, &vocabulary.object))).collect();
    // Exact names, the longest phrase first.
    for (k, phrase) in &phrases {
        let flat = squash(phrase);
        let best = all
            .iter()
            .filter_map(|(i, names)| names.iter().filter(|(n, _)| n == phrase || squash(n) == flat).map(|(_, rank)| (*rank, *i)).min())
            .min_by_key(|(rank, i)| (*rank, !vocabulary.fields[*i].updateable, *i));
        if let Some((_, index)) = best {
            return Some(Found { index, words: *k, typo: false });
        }
    }
    // One small typo: the closest field, if only one is that close.
    let mut best: Option<(usize, usize, usize)> = None; // (distance, -words, index)
    let mut tie = false;
    for (k, phrase) in &phrases {
        let flat = squash(phrase);
        let allowed = typo_allowance(&flat);
        if allowed == 0 {
            continue;
        }
        for (i, names) in &all {
            let Some(d) = names.iter().filter(|(n, _)| n.chars().next() == flat.chars().next()).map(|(n, _)| distance(&flat, &squash(n))).min() else {
                continue;
            };
            if d > allowed {
                continue;
            }
            match best {
                Some((bd, bk, bi)) if (d, usize::MAX - k) == (bd, bk) && bi != *i => tie = true,
                Some((bd, bk, _)) if (d, usize::MAX - k) >= (bd, bk) => {}
                _ => {
                    best = Some((d, usize::MAX - k, *i));
                    tie = false;
                }
            }
        }
    }
    match best {
        Some((_, k, index)) if !tie => Some(Found { index, words: usize::MAX - k, typo: true }),
        _ => None,
    }
}

/// Typos forgiven in a name of this length: none under 4 letters, one
/// under 8, two from 8.
fn typo_allowance(flat: &str) -> usize {
    match flat.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// The field `typed` most likely meant, for "Did you mean …?": the closest
/// name within a third of its length (two edits for short words), or one
/// that starts with it.
pub fn suggest<'v>(typed: &str, vocabulary: &'v Vocabulary) -> Option<&'v Field> {
    let flat = squash(&norm(typed));
    suggest_within(typed, vocabulary, flat.chars().count().div_ceil(3))
}

/// [`suggest`] for two words: only as close as a typo [`find_field`]
/// would forgive.
pub fn suggest_close<'v>(typed: &str, vocabulary: &'v Vocabulary) -> Option<&'v Field> {
    let flat = squash(&norm(typed));
    suggest_within(typed, vocabulary, typo_allowance(&flat))
}

fn suggest_within<'v>(typed: &str, vocabulary: &'v Vocabulary, limit: usize) -> Option<&'v Field> {
    let flat = squash(&norm(typed));
    if flat.chars().count() < 3 {
        return None;
    }
    vocabulary
        .fields
        .iter()
        .filter_map(|f| {
            let d = names(f, &vocabulary.object)
                .iter()
                .map(|(n, _)| {
                    let name = squash(n);
                    if name.starts_with(&flat) { 0 } else { distance(&flat, &name) }
                })
                .min()?;
            (d <= limit).then_some((d, !f.updateable, f))
        })
        .min_by_key(|(d, ro, _)| (*d, *ro))
        .map(|(_, _, f)| f)
}

/// Edits (insert, delete, replace, swap two neighbours) from `a` to `b`:
/// the optimal string alignment distance.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * width + j] + 1).min(d[i * width + j - 1] + 1).min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = v;
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        for (a, b, want) in
            [("budgt", "budget", 1), ("ammount", "amount", 1), ("stgae", "stage", 1), ("", "abc", 3), ("close", "close", 0), ("kitten", "sitting", 3)]
        {
            assert_eq!(distance(a, b), want, "{a} {b}");
        }
    }

    #[test]
    fn names_are_normalized() {
        assert_eq!(norm("Probability (%)"), "probability");
        assert_eq!(norm("Next Steps"), "next step");
        assert_eq!(norm("Status"), "status");
        assert_eq!(api_words("CloseDate"), "close date");
        assert_eq!(api_words("Budget__c"), "budget");
        assert_eq!(api_words("Acme_Score__c"), "acme score");
    }
}
