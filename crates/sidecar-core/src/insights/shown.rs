//! What the panel lists of an extraction ([`shown`]): the people and
//! companies worth a rep's attention, best first. An article names its
//! author and its publisher; a team page names a dozen people; an article
//! whose sidebar lists fifty other writers is not fifty leads.
//!
//! The cut-off is measured on real saved pages (`tests/pages_corpus.rs`):
//! it is what that test's precision counts.

use super::extract::{Company, Extraction, OTHER_AUTHOR_LINK, OTHER_BYLINE, Person};

/// People shown at most (a team page's worth).
pub const MAX_PEOPLE: usize = 25;
/// Companies shown at most.
pub const MAX_COMPANIES: usize = 5;
/// Below this confidence a person or company is not shown: one weak
/// signal alone (a name in a list of other articles' bylines).
pub const MIN_SHOWN: f32 = 0.5;

/// Evidence that a name belongs to someone other than the page's own
/// people: bylines and author links after the page's first one.
const OTHERS: &[&str] = &[OTHER_BYLINE, OTHER_AUTHOR_LINK];

fn worth_showing(p: &Person) -> bool {
    p.confidence >= MIN_SHOWN && p.evidence.iter().any(|e| !OTHERS.contains(&e.as_str()))
}

fn company_worth_showing(c: &Company) -> bool {
    c.confidence >= MIN_SHOWN
}

/// The extraction as the panel shows it: the people and companies above
/// the cut-off, best first, bounded. E-mail addresses and phone numbers
/// stay (the search uses them; they are not listed).
pub fn shown(mut x: Extraction) -> Extraction {
    x.people.retain(worth_showing);
    x.people.truncate(MAX_PEOPLE);
    x.companies.retain(company_worth_showing);
    x.companies.truncate(MAX_COMPANIES);
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, confidence: f32, evidence: &[&str]) -> Person {
        Person { name: name.to_owned(), confidence, evidence: evidence.iter().map(|e| (*e).to_owned()).collect(), ..Person::default() }
    }

    fn company(name: &str, confidence: f32) -> Company {
        Company { name: name.to_owned(), domain: None, linkedin_url: None, confidence, evidence: vec!["og:site_name".to_owned()] }
    }

    #[test]
    fn the_pages_people_not_the_sidebars() {
        let x = Extraction {
            people: vec![
                person("Ada Author", 0.9, &["meta author", "byline"]),
                // Named in several related articles' bylines: still someone else.
                person("Rae Related", 0.73, &[OTHER_BYLINE]),
                person("Co Author", 0.55, &["meta author"]),
                person("Weak Signal", 0.45, &["byline"]),
            ],
            companies: vec![company("Publisher", 0.9), company("Footer Mention", 0.3)],
            emails: vec!["ada@publisher.com".to_owned()],
            phones: Vec::new(),
        };
        let s = shown(x);
        let names: Vec<&str> = s.people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Ada Author", "Co Author"]);
        let companies: Vec<&str> = s.companies.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(companies, ["Publisher"]);
        assert_eq!(s.emails, ["ada@publisher.com"]);
    }

    #[test]
    fn a_team_page_shows_its_team_bounded() {
        let people = (0..40).map(|i| person(&format!("Member {i}"), 0.6, &["team card"])).collect();
        let s = shown(Extraction { people, ..Extraction::default() });
        assert_eq!(s.people.len(), MAX_PEOPLE);
    }
}
