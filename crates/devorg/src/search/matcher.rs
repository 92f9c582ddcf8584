//! Does a record match a SOSL search term? Salesforce's search index is
//! token based: text is split into words, and a search word matches a whole
//! word (or, with a trailing `*`, the start of one), ignoring case. Words of
//! the term that are themselves several tokens (`maria.chen@acme.com`,
//! `415-555-0134`, `acme.com`) match those tokens in sequence, which is how an
//! email or a domain finds the field holding it. Phone fields also match on
//! digits alone (`4155550134` finds `+1 415 555 0134`).

use salesforce_rest::sosl::SearchWord;

/// Lowercased alphanumeric runs of `text`.
pub fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).map(str::to_lowercase).collect()
}

fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// One searchable value of a record, prepared once.
#[derive(Debug)]
pub struct Haystack {
    tokens: Vec<String>,
    phone_digits: Option<String>,
}

impl Haystack {
    pub fn new(text: &str, is_phone: bool) -> Self {
        Self { tokens: tokens(text), phone_digits: is_phone.then(|| digits(text)) }
    }

    /// Whether `word` (one term word or phrase) occurs in this value.
    pub fn contains(&self, word: &SearchWord) -> bool {
        let needle = tokens(&word.text);
        if needle.is_empty() {
            return false;
        }
        let found = self.tokens.windows(needle.len()).any(|window| {
            window.iter().zip(&needle).enumerate().all(
                |(i, (have, want))| {
                    if word.prefix && i + 1 == needle.len() { have.starts_with(want.as_str()) } else { have == want }
                },
            )
        });
        found
            || self.phone_digits.as_deref().is_some_and(|d| {
                let want = digits(&word.text);
                want.len() >= 4 && d.contains(&want)
            })
    }
}

/// Whether a record whose searchable values are `values` matches the term
/// given as OR-ed groups of words (see `SearchTerm::alternatives`): some
/// group has all its words somewhere in the record and none of its excluded ones.
pub fn matches(groups: &[Vec<SearchWord>], values: &[Haystack]) -> bool {
    groups.iter().any(|group| {
        group.iter().all(|word| {
            let present = values.iter().any(|v| v.contains(word));
            present != word.exclude
        }) && group.iter().any(|w| !w.exclude)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use salesforce_rest::sosl::SearchTerm;

    #[test]
    fn table() {
        // (term, field values (text, is_phone), matches)
        type Case<'a> = (&'a str, &'a [(&'a str, bool)], bool);
        let cases: &[Case<'_>] = &[
            ("Acme", &[("Acme Robotics", false)], true),
            ("acme", &[("ACME ROBOTICS", false)], true),
            ("Acm", &[("Acme Robotics", false)], false),
            ("Acm*", &[("Acme Robotics", false)], true),
            ("Robo*", &[("Acme Robotics", false)], true),
            ("Acme Robotics", &[("Acme Robotics", false)], true),
            ("Acme Initech", &[("Acme Robotics", false)], false),
            ("Acme Initech", &[("Acme Robotics", false), ("Initech", false)], true),
            ("Acme OR Initech", &[("Initech Software", false)], true),
            ("\"Robotics Acme\"", &[("Acme Robotics", false)], false),
            ("\"Acme Robotics\"", &[("The Acme Robotics company", false)], true),
            ("Acme AND NOT Robotics", &[("Acme Robotics", false)], false),
            ("Acme AND NOT Software", &[("Acme Robotics", false)], true),
            ("maria.chen@acmerobotics.com", &[("maria.chen@acmerobotics.com", false)], true),
            ("maria.chen\\@acmerobotics.com", &[("maria.chen@acmerobotics.com", false)], true),
            ("chen@acmerobotics.com", &[("maria.chen@acmerobotics.com", false)], true),
            ("acmerobotics.com", &[("https://acmerobotics.com/about", false)], true),
            ("acmerobotics.co", &[("https://acmerobotics.com", false)], false),
            ("415-555-0134", &[("+1 415 555 0134", true)], true),
            ("4155550134", &[("+1 415 555 0134", true)], true),
            ("4155550134", &[("+1 415 555 0134", false)], false),
            ("Müller", &[("Jörg Müller", false)], true),
            ("\\*", &[("*", false)], false),
        ];
        for (term, values, want) in cases {
            let groups = SearchTerm::raw(*term).alternatives();
            let hay: Vec<Haystack> = values.iter().map(|(t, phone)| Haystack::new(t, *phone)).collect();
            assert_eq!(matches(&groups, &hay), *want, "{term} in {values:?}");
        }
    }
}
